// Clopper–Pearson bounds (Boost.Math) against closed forms and R's binom.test.
#include <gtest/gtest.h>

#include <cmath>

#include "sweep/clopper_pearson.hpp"

namespace calsim::detail {
namespace {

TEST(ClopperPearson, NoSuccessOutOfTen) {
  const interval ci = clopper_pearson(0, 10, 0.95);
  EXPECT_EQ(ci.low, 0.0);
  EXPECT_NEAR(ci.high, 0.3085, 1e-4);
  EXPECT_NEAR(ci.high, 1 - std::pow(0.025, 0.1), 1e-12);  // closed form for x = 0
}

TEST(ClopperPearson, AllSuccessesIsHalfAlphaToTheOneOverN) {
  for (int n : {1, 10, 72, 100, 1000}) {
    const interval ci = clopper_pearson(n, n, 0.95);
    EXPECT_NEAR(ci.low, std::pow(0.025, 1.0 / n), 1e-12) << n;
    EXPECT_EQ(ci.high, 1.0);
  }
  EXPECT_NEAR(clopper_pearson(20, 20, 0.9).low, std::pow(0.05, 1.0 / 20), 1e-12);
}

TEST(ClopperPearson, OneTrial) {
  // x = 0: [0, 1 − α/2]; x = 1: [α/2, 1].
  EXPECT_EQ(clopper_pearson(0, 1, 0.95).low, 0.0);
  EXPECT_NEAR(clopper_pearson(0, 1, 0.95).high, 0.975, 1e-14);
  EXPECT_NEAR(clopper_pearson(1, 1, 0.95).low, 0.025, 1e-14);
  EXPECT_EQ(clopper_pearson(1, 1, 0.95).high, 1.0);
}

TEST(ClopperPearson, RBinomTestValues) {
  // R: binom.test(5, 10)$conf.int = [0.1870860, 0.8129140];
  // binom.test(1, 10): [0.002528579, 0.445016117];
  // binom.test(95, 100): [0.8871650, 0.9835681].
  interval ci = clopper_pearson(5, 10, 0.95);
  EXPECT_NEAR(ci.low, 0.1870860, 1e-7);
  EXPECT_NEAR(ci.high, 0.8129140, 1e-7);
  ci = clopper_pearson(1, 10, 0.95);
  EXPECT_NEAR(ci.low, 0.002528579, 1e-9);
  EXPECT_NEAR(ci.high, 0.445016117, 1e-9);
  ci = clopper_pearson(95, 100, 0.95);
  EXPECT_NEAR(ci.low, 0.8871650, 1e-7);
  EXPECT_NEAR(ci.high, 0.9835681, 1e-7);
}

TEST(ClopperPearson, RefusesBadArguments) {
  EXPECT_ANY_THROW(clopper_pearson(1, 0, 0.95));
  EXPECT_ANY_THROW(clopper_pearson(-1, 10, 0.95));
  EXPECT_ANY_THROW(clopper_pearson(11, 10, 0.95));
  EXPECT_ANY_THROW(clopper_pearson(5, 10, 1.0));
  EXPECT_ANY_THROW(clopper_pearson(5, 10, 0.0));
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
