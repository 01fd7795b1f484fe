// Clopper–Pearson bounds (Boost.Math) against closed forms and R's
// binom.test, and against calsim's former own implementation on a grid.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include "sweep/clopper_pearson.hpp"
#include "clopper_pearson_old.hpp"

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

std::string fixed6(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

// The sizing search decides "meets" by low ≥ confidence and prints both
// bounds with six decimals (size.json, the size table): on every (n, k, C)
// of the grid, Boost and the former implementation agree on both, and the
// bounds are within 1e-9 of each other.
TEST(ClopperPearson, SameDecisionsAsTheFormerImplementation) {
  int compared = 0;
  for (const double conf : {0.5, 0.8, 0.9, 0.95, 0.99, 0.999}) {
    for (std::int64_t n = 1; n <= 10000; n = n < 120 ? n + 1 : n * 3 / 2) {
      const std::int64_t step = n <= 120 ? 1 : n / 60;
      for (std::int64_t k = 0; k <= n; k = k == n ? n + 1 : std::min(n, k + step)) {
        const interval b = clopper_pearson(k, n, conf);
        const interval o = old_cp::clopper_pearson_old(k, n, conf);
        ASSERT_NEAR(b.low, o.low, 1e-9) << k << "/" << n << " at " << conf;
        ASSERT_NEAR(b.high, o.high, 1e-9) << k << "/" << n << " at " << conf;
        ASSERT_EQ(b.low >= conf, o.low >= conf) << k << "/" << n << " at " << conf;
        ASSERT_EQ(fixed6(b.low), fixed6(o.low)) << k << "/" << n << " at " << conf;
        ASSERT_EQ(fixed6(b.high), fixed6(o.high)) << k << "/" << n << " at " << conf;
        ++compared;
      }
    }
  }
  EXPECT_GT(compared, 40000);
}

}  // namespace
}  // namespace calsim::detail
