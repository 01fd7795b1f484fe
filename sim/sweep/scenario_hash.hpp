// A fingerprint of what a sweep ran (the scenario file's bytes and the --set
// arguments, not --seed, which is recorded on its own), so `calsim merge`
// refuses shards of different scenarios.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace calsim::detail {

// 16 hex digits: FNV-1a 64 over the file's bytes, then each --set argument
// (each preceded by a NUL byte). Throws usage_error when the file cannot be read.
std::string scenario_hash(const std::string& file, const std::vector<std::string>& sets);

std::string fnv1a_hex(std::string_view bytes);

}  // namespace calsim::detail
