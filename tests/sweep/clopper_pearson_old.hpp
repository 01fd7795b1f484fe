// The Clopper–Pearson interval as calsim computed it before Boost.Math: its
// own regularized incomplete beta (continued fraction, Numerical Recipes
// §6.4) and a bisection for the beta quantile. Kept only to show, on a grid,
// that the Boost bounds decide every sizing question the same way.
#pragma once
#include <cmath>
#include <cstdint>
#include <stdexcept>

#include "sweep/clopper_pearson.hpp"

namespace calsim::detail::old_cp {

namespace {

// Continued fraction for I_x(a, b) by the modified Lentz method (Numerical
// Recipes, betacf).
double beta_continued_fraction(double a, double b, double x) {
  constexpr int max_iterations = 10000;
  constexpr double eps = 1e-16;
  constexpr double tiny = 1e-300;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < tiny) d = tiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= max_iterations; ++m) {
    const double m2 = 2.0 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < tiny) d = tiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < tiny) c = tiny;
    d = 1.0 / d;
    const double del = d * c;
    h *= del;
    if (std::fabs(del - 1.0) < eps) return h;
  }
  throw std::runtime_error("the continued fraction did not converge");
}

}  // namespace

inline double incomplete_beta(double a, double b, double x) {
  if (!(a > 0) || !(b > 0) || !(x >= 0) || !(x <= 1))
    throw std::invalid_argument("incomplete_beta");
  if (x == 0.0) return 0.0;
  if (x == 1.0) return 1.0;
  // Prefactor x^a (1−x)^b / (a B(a, b)), in logs.
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) +
                                b * std::log1p(-x));
  // The continued fraction converges fast for x < (a+1)/(a+b+2); else use the symmetry.
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

inline double beta_quantile(double a, double b, double p) {
  if (!(p >= 0) || !(p <= 1)) throw std::invalid_argument("beta_quantile");
  if (p == 0.0) return 0.0;
  if (p == 1.0) return 1.0;
  double lo = 0.0, hi = 1.0;  // I_lo < p ≤ I_hi; I_x is increasing in x
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) break;  // no double between them
    if (incomplete_beta(a, b, mid) < p)
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

inline interval clopper_pearson_old(std::int64_t successes, std::int64_t trials, double confidence) {
  if (trials <= 0 || successes < 0 || successes > trials || !(confidence > 0) || !(confidence < 1))
    throw std::invalid_argument("clopper_pearson");
  const double alpha = 1.0 - confidence;
  const auto x = static_cast<double>(successes), n = static_cast<double>(trials);
  interval ci;
  ci.low = successes == 0 ? 0.0 : beta_quantile(x, n - x + 1.0, alpha / 2.0);
  ci.high = successes == trials ? 1.0 : beta_quantile(x + 1.0, n - x, 1.0 - alpha / 2.0);
  return ci;
}

}  // namespace calsim::detail::old_cp
