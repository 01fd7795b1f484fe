#include "sweep/clopper_pearson.hpp"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <cmath>

#include "calsim/errors.hpp"

namespace calsim::detail {

interval clopper_pearson(std::int64_t successes, std::int64_t trials, double confidence) {
  if (trials <= 0 || successes < 0 || successes > trials || !(confidence > 0) || !(confidence < 1))
    throw invariant_error("size-clopper-pearson", "arguments out of range");
  using binomial = boost::math::binomial_distribution<double>;
  const double half_alpha = (1.0 - confidence) / 2.0;  // two-sided: α/2 on each side
  const auto x = static_cast<double>(successes), n = static_cast<double>(trials);
  interval ci;
  // Boost returns 0 for the lower bound when x = 0 and 1 for the upper when x = n.
  ci.low = binomial::find_lower_bound_on_p(n, x, half_alpha, binomial::clopper_pearson_exact_interval);
  ci.high = binomial::find_upper_bound_on_p(n, x, half_alpha, binomial::clopper_pearson_exact_interval);
  return ci;
}

std::int64_t min_trials_for(double probability, double confidence) {
  if (!(confidence > 0) || !(confidence < 1) || !(probability > 0) || !(probability < 1))
    throw invariant_error("size-clopper-pearson", "confidence or probability out of range");
  // All n successes: low = (α/2)^(1/n), rising with n towards 1.
  const double half_alpha = (1.0 - confidence) / 2.0;
  std::int64_t n = 1;
  while (clopper_pearson(n, n, confidence).low < probability) {
    if (n > (std::int64_t{1} << 40)) throw invariant_error("size-clopper-pearson", "no trial count is enough");
    // Jump close to the answer first, then step.
    const auto guess = static_cast<std::int64_t>(std::log(half_alpha) / std::log(probability));
    n = std::max(n + 1, guess - 1);
  }
  return n;
}

}  // namespace calsim::detail
