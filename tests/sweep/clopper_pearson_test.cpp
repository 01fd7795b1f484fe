// The regularized incomplete beta function and Clopper–Pearson bounds against
// closed forms and published values.
#include <gtest/gtest.h>

#include <cmath>

#include "sweep/clopper_pearson.hpp"

namespace calsim::detail {
namespace {

TEST(IncompleteBeta, ClosedForms) {
  // I_x(1, b) = 1 − (1−x)^b;  I_x(a, 1) = x^a;  I_½(a, a) = ½.
  EXPECT_NEAR(incomplete_beta(1, 2, 0.3), 0.51, 1e-13);
  EXPECT_NEAR(incomplete_beta(1, 5, 0.2), 1 - std::pow(0.8, 5), 1e-13);
  EXPECT_NEAR(incomplete_beta(3, 1, 0.7), std::pow(0.7, 3), 1e-13);
  EXPECT_NEAR(incomplete_beta(7.5, 7.5, 0.5), 0.5, 1e-13);
  EXPECT_NEAR(incomplete_beta(40, 40, 0.5), 0.5, 1e-12);
  // I_x(2, 2) = 3x² − 2x³.
  EXPECT_NEAR(incomplete_beta(2, 2, 0.25), 3 * 0.0625 - 2 * 0.015625, 1e-13);
  // Symmetry: I_x(a, b) = 1 − I_{1−x}(b, a).
  EXPECT_NEAR(incomplete_beta(3.5, 9, 0.3), 1 - incomplete_beta(9, 3.5, 0.7), 1e-13);
  EXPECT_EQ(incomplete_beta(2, 3, 0.0), 0.0);
  EXPECT_EQ(incomplete_beta(2, 3, 1.0), 1.0);
}

TEST(BetaQuantile, InvertsIncompleteBeta) {
  for (double p : {0.025, 0.5, 0.975}) {
    const double x = beta_quantile(4, 7, p);
    EXPECT_NEAR(incomplete_beta(4, 7, x), p, 1e-12);
  }
}

TEST(ClopperPearson, NoSuccessOutOfTen) {
  const interval ci = clopper_pearson(0, 10, 0.95);
  EXPECT_EQ(ci.low, 0.0);
  EXPECT_NEAR(ci.high, 0.3085, 1e-4);
  EXPECT_NEAR(ci.high, 1 - std::pow(0.025, 0.1), 1e-10);  // closed form for x = 0
}

TEST(ClopperPearson, AllSuccessesIsHalfAlphaToTheOneOverN) {
  for (int n : {1, 10, 72, 100, 1000}) {
    const interval ci = clopper_pearson(n, n, 0.95);
    EXPECT_NEAR(ci.low, std::pow(0.025, 1.0 / n), 1e-10) << n;
    EXPECT_EQ(ci.high, 1.0);
  }
  EXPECT_NEAR(clopper_pearson(20, 20, 0.9).low, std::pow(0.05, 1.0 / 20), 1e-10);
}

TEST(ClopperPearson, PublishedValues) {
  // 5/10 at 95 %: [0.187086, 0.812914]; 1/10: [0.002529, 0.445016].
  interval ci = clopper_pearson(5, 10, 0.95);
  EXPECT_NEAR(ci.low, 0.187086, 1e-6);
  EXPECT_NEAR(ci.high, 0.812914, 1e-6);
  ci = clopper_pearson(1, 10, 0.95);
  EXPECT_NEAR(ci.low, 0.002529, 1e-6);
  EXPECT_NEAR(ci.high, 0.445016, 1e-6);
  // 95/100 at 95 %: [0.887165, 0.983568].
  ci = clopper_pearson(95, 100, 0.95);
  EXPECT_NEAR(ci.low, 0.887165, 1e-6);
  EXPECT_NEAR(ci.high, 0.983568, 1e-6);
}

TEST(ClopperPearson, MinimumTrials) {
  // (α/2)^(1/n) ≥ C: 0.025^(1/72) = 0.9500 ≥ 0.95 > 0.025^(1/71).
  EXPECT_EQ(min_trials_for(0.95), 72);
  EXPECT_EQ(min_trials_for(0.8), 11);  // 0.1^(1/11) = 0.811 ≥ 0.8 > 0.1^(1/10) = 0.794
  EXPECT_GE(clopper_pearson(72, 72, 0.95).low, 0.95);
  EXPECT_LT(clopper_pearson(71, 71, 0.95).low, 0.95);
}

}  // namespace
}  // namespace calsim::detail
