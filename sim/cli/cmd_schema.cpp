// `calsim schema`: prints the scenario format as a JSON Schema (draft 2020-12),
// with descriptions (editor hover help) and the allowed values of every field.
#include <iostream>

#include "calsim/errors.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"
#include "cli/scenario_schema.hpp"

namespace calsim::detail {

int command_schema() {
  std::cout << scenario_schema_json;
  if (scenario_schema_json.empty() || scenario_schema_json.back() != '\n') std::cout << '\n';
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "calsim: cannot write the schema to standard output\n";
    return static_cast<int>(exit_code::usage);
  }
  return 0;
}

}  // namespace calsim::detail
