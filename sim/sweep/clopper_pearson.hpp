// The exact (Clopper–Pearson) binomial confidence interval, used by
// `calsim size` (OUTPUTS.md), computed by Boost.Math
// (binomial_distribution<>::find_lower_bound_on_p / find_upper_bound_on_p).
#pragma once
#include <cstdint>

namespace calsim::detail {

struct interval {
  double low = 0.0, high = 1.0;
};

// Two-sided interval at level `confidence` (e.g. 0.95) for a proportion after
// `successes` out of `trials`: each side has α/2, α = 1 − confidence, so
// low = Beta(α/2; x, n−x+1) (0 when x = 0), high = Beta(1−α/2; x+1, n−x) (1
// when x = n).
interval clopper_pearson(std::int64_t successes, std::int64_t trials, double confidence);

// The fewest trials for which even `trials` successes out of `trials` give a
// lower bound (at level `confidence`) ≥ `probability`: the smallest n with
// (α/2)^(1/n) ≥ probability. The one-argument form takes probability = confidence.
std::int64_t min_trials_for(double probability, double confidence);
inline std::int64_t min_trials_for(double confidence) { return min_trials_for(confidence, confidence); }

}  // namespace calsim::detail
