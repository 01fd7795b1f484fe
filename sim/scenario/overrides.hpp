// --set overrides: "/json/pointer=value" applied to the parsed document.
#pragma once
#include <string>
#include <vector>

#include "calsim/diagnostic.hpp"
#include "scenario/check.hpp"

namespace calsim::detail {

// Where an override put its value (the pointer after resolving "-").
struct set_origin {
  std::string pointer;
  std::string text;  // the override as given
};

// Applies every override to `doc`; problems become diagnostics with file "--set".
void apply_overrides(json& doc, const std::vector<std::string>& overrides, diagnostics& out,
                     std::vector<set_origin>& origins);

}  // namespace calsim::detail
