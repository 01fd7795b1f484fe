#include <iostream>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "cli/commands.hpp"

namespace calsim::detail {

// The bundled scenarios with their one-line descriptions (first sentence) and their paths.
int command_list() {
  for (const auto& f : scenario_files({bundled_scenario_dir()})) {
    try {
      const scenario s = load_scenario_file(f);
      std::string line = s.description.substr(0, s.description.find(". ") == std::string::npos
                                                     ? s.description.size()
                                                     : s.description.find(". ") + 1);
      std::cout << s.name << std::string(s.name.size() < 34 ? 34 - s.name.size() : 1, ' ') << line << '\n'
                << std::string(34, ' ') << f << '\n';
    } catch (const scenario_error&) {
      std::cout << f << "  (invalid: run calsim validate " << f << ")\n";
    }
  }
  return 0;
}

}  // namespace calsim::detail
