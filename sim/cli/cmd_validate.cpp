#include <iostream>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "cli/commands.hpp"

namespace calsim::detail {

// Every file is checked, every problem printed; exit 2 when any has one.
int command_validate(const std::vector<std::string>& files, const std::vector<std::string>& sets) {
  int code = 0;
  for (const auto& f : files) {
    try {
      const scenario s = load_scenario_file(f, sets);
      std::cout << "OK " << f << " (" << s.name << ")\n";
    } catch (const scenario_error& e) {
      for (const auto& d : e.problems) std::cerr << format_diagnostic(d) << '\n';
      code = static_cast<int>(exit_code::usage);
    }
  }
  return code;
}

}  // namespace calsim::detail
