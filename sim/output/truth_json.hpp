// truth.json: the ground truth of a run, for scoring another tool against it.
#pragma once
#include <string>

#include "calsim/run.hpp"
#include "calsim/scenario.hpp"

namespace calsim::detail {

inline constexpr const char* truth_schema = "calsim-truth/1";
std::string truth_json(const scenario& s, const run_result& r, std::uint64_t seed);

}  // namespace calsim::detail
