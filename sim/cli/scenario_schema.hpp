// The scenario format as a JSON Schema (draft 2020-12): the text of
// docs/scenario.schema.json, embedded at configure time (sim/cli/CMakeLists.txt),
// so that file is the one place the schema lives.
#pragma once
#include <string_view>

namespace calsim::detail {
extern const std::string_view scenario_schema_json;
}
