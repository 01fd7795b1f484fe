// Nearest-rank percentiles on integers (OUTPUTS.md, `calsim sweep`): the
// value at rank ceil(p/100 · n) of the sorted sample, computed in integer
// arithmetic so every machine gives the same answer.
#pragma once
#include <cstdint>
#include <span>
#include <string>

namespace calsim::detail {

// `sorted` ascending and not empty; `percent` from 1 to 100.
std::int64_t nearest_rank(std::span<const std::int64_t> sorted, int percent);

// sum/n with three decimals, rounded half up, as text ("0.125"); no locale.
std::string fixed_mean_3(std::int64_t sum, std::int64_t n);

}  // namespace calsim::detail
