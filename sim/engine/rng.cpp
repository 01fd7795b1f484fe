// Deterministic random numbers: see rng.hpp for the reproducibility contract.
#include "engine/rng.hpp"

#include <cmath>
#include <stdexcept>

namespace calsim::detail {

namespace {

constexpr std::uint64_t golden_gamma = 0x9e3779b97f4a7c15ULL;

// First output of splitmix64 started at v.
std::uint64_t sm(std::uint64_t v) { return splitmix64(v); }

// log Gamma(x) for x >= 1 by the Stirling series (coefficients B2k/(2k(2k-1)),
// as in SPECFUN / numpy's random_loggam), shifting x up to >= 7 first.
double log_gamma(double x) {
  static constexpr double coef[10] = {8.333333333333333e-02,  -2.777777777777778e-03,
                                      7.936507936507937e-04,  -5.952380952380952e-04,
                                      8.417508417508418e-04,  -1.917526917526918e-03,
                                      6.410256410256410e-03,  -2.955065359477124e-02,
                                      1.796443723688307e-01,  -1.39243221690590e+00};
  if (x == 1.0 || x == 2.0) return 0.0;
  int n = 0;
  if (x < 7.0) n = static_cast<int>(7.0 - x);
  double x0 = x + n;
  const double x2 = (1.0 / x0) * (1.0 / x0);
  constexpr double log_2pi = 1.8378770664093453e+00;
  double series = coef[9];
  for (int k = 8; k >= 0; --k) {
    series *= x2;
    series += coef[k];
  }
  double gl = series / x0 + 0.5 * log_2pi + (x0 - 0.5) * std::log(x0) - x0;
  for (int k = 1; k <= n; ++k) {
    gl -= std::log(x0 - 1.0);
    x0 -= 1.0;
  }
  return gl;
}

}  // namespace

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += golden_gamma);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t replication, std::string_view key) {
  return sm(sm(sm(seed) ^ replication) ^ fnv1a64(key));
}

rng::rng(std::uint64_t stream_seed) {
  std::uint64_t x = stream_seed;
  for (auto& w : s_) w = splitmix64(x);
}

double rng::exponential(double rate) {
  // 1 - u is in (0, 1]; 0 - log(1) is +0, never -0.
  return (0.0 - std::log(1.0 - uniform01())) / rate;
}

std::uint64_t rng::poisson(double mean) {
  if (!(mean > 0.0)) return 0;
  if (mean < 30.0) {
    // Knuth: count uniforms until their product drops to exp(-mean) or below.
    const double limit = std::exp(-mean);
    std::uint64_t k = 0;
    double prod = uniform01();
    while (prod > limit) {
      ++k;
      prod *= uniform01();
    }
    return k;
  }
  if (!(mean <= 1e15)) throw std::invalid_argument("poisson: mean is too large or not finite");
  // PTRS (Hoermann 1993).
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double log_invalpha = std::log(1.1239 + 1.1328 / (b - 3.4));
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = uniform01() - 0.5;
    const double v = uniform01();
    const double us = 0.5 - std::fabs(u);
    const double kd = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<std::uint64_t>(kd);
    // kd < 0 also catches us == 0 (kd = -inf); !(kd < 2^62) catches the far tail.
    if (kd < 0.0 || !(kd < 0x1.0p62) || (us < 0.013 && v > us)) continue;
    if (std::log(v) + log_invalpha - std::log(a / (us * us) + b) <=
        -mean + kd * loglam - log_gamma(kd + 1.0))
      return static_cast<std::uint64_t>(kd);
  }
}

}  // namespace calsim::detail
