// Loading a scenario file into the typed model, with every problem reported.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "calsim/diagnostic.hpp"
#include "calsim/scenario.hpp"

namespace calsim {

// The largest scenario file calsim reads (bigger files are refused with a message).
inline constexpr std::size_t max_scenario_bytes = 64u * 1024u * 1024u;

// Reads, parses and validates a scenario. `overrides` are "/json/pointer=value"
// strings (--set), applied before validation; VALUE is parsed as JSON when it
// is valid JSON, else taken as a string. Throws scenario_error with every
// problem found (never returns a half-valid scenario).
scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides = {});

// Same, from text already in memory; `file_label` names it in messages.
scenario load_scenario_text(std::string_view text, const std::string& file_label,
                            const std::vector<std::string>& overrides = {});

}  // namespace calsim
