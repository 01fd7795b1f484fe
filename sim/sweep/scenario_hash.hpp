// A fingerprint of the scenario a sweep or a size search ran, as loaded: the
// parsed JSON with the --set overrides applied (--seed N is --set /seed=N),
// without what the loader ignores ("x-…" keys, "$schema"), serialized
// canonically (keys sorted, no whitespace, escapes resolved), so the file's
// whitespace, line ends, key order and notes do not change it, and `--seed 7`
// hashes like `--set /seed=7`. `calsim merge` refuses shards whose
// hashes differ.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace calsim::detail {

// 16 hex digits: FNV-1a 64 of the canonical serialization. Throws usage_error
// naming the file when it cannot be read or parsed (the loader has refused it
// already, with every problem, when it is not a scenario).
std::string scenario_hash(const std::string& file, const std::vector<std::string>& sets);

// Same, from the scenario's text; `label` names it in errors.
std::string scenario_text_hash(std::string_view text, const std::vector<std::string>& sets,
                               const std::string& label = "scenario");

// FNV-1a 64 of the bytes, 16 hex digits.
std::string fnv1a_hex(std::string_view bytes);

}  // namespace calsim::detail
