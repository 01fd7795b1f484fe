// An action as the report's markers name it: "restart_host RDSH1",
// "add_key_pack LS1 DEV22 (50)", "revoke LS1 5", … Built from the verb's row
// in core/scenario_enums.hpp (name, subject, fields), not from a list of verbs.
#pragma once
#include <string>

#include "calsim/scenario.hpp"

namespace calsim::detail {

std::string action_label(const scenario& s, const action_spec& a);

}  // namespace calsim::detail
