// The exact (Clopper–Pearson) binomial confidence interval, used by
// `calsim size` (OUTPUTS.md). Its own regularized incomplete beta function
// (continued fraction, as in Numerical Recipes §6.4) and a bisection for the
// beta quantile, so the answer does not depend on a statistics library.
#pragma once
#include <cstdint>

namespace calsim::detail {

// I_x(a, b), the regularized incomplete beta function; a, b > 0, 0 ≤ x ≤ 1.
double incomplete_beta(double a, double b, double x);

// The x with I_x(a, b) = p (bisection to double precision); 0 ≤ p ≤ 1.
double beta_quantile(double a, double b, double p);

struct interval {
  double low = 0.0, high = 1.0;
};

// Two-sided interval at level `confidence` (e.g. 0.95) for a proportion after
// `successes` out of `trials`: low = Beta(α/2; x, n−x+1) (0 when x = 0),
// high = Beta(1−α/2; x+1, n−x) (1 when x = n), α = 1 − confidence.
interval clopper_pearson(std::int64_t successes, std::int64_t trials, double confidence);

// The fewest trials for which even `trials` successes out of `trials` give a
// lower bound ≥ confidence: the smallest n with (α/2)^(1/n) ≥ confidence.
std::int64_t min_trials_for(double confidence);

}  // namespace calsim::detail
