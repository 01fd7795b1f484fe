// Nearest-rank percentiles and the fixed three-decimal mean of sweep.csv.
#include <gtest/gtest.h>

#include <vector>

#include "calsim/errors.hpp"
#include "sweep/percentile.hpp"

namespace calsim::detail {
namespace {

TEST(Percentile, NearestRankOnOneToTen) {
  const std::vector<std::int64_t> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(nearest_rank(v, 50), 5);   // rank ceil(5) = 5
  EXPECT_EQ(nearest_rank(v, 90), 9);   // rank 9
  EXPECT_EQ(nearest_rank(v, 99), 10);  // rank ceil(9.9) = 10
  EXPECT_EQ(nearest_rank(v, 100), 10);
  EXPECT_EQ(nearest_rank(v, 1), 1);
  EXPECT_EQ(nearest_rank(v, 11), 2);  // rank ceil(1.1) = 2
}

TEST(Percentile, HundredValuesAndOne) {
  std::vector<std::int64_t> v;
  for (int i = 1; i <= 100; ++i) v.push_back(i * 10);
  EXPECT_EQ(nearest_rank(v, 50), 500);
  EXPECT_EQ(nearest_rank(v, 99), 990);
  const std::vector<std::int64_t> one{42};
  for (int p : {1, 50, 90, 99, 100}) EXPECT_EQ(nearest_rank(one, p), 42);
}

TEST(Percentile, RefusesEmptyOrBadPercent) {
  const std::vector<std::int64_t> empty;
  EXPECT_THROW(nearest_rank(empty, 50), invariant_error);
  const std::vector<std::int64_t> v{1};
  EXPECT_THROW(nearest_rank(v, 0), invariant_error);
  EXPECT_THROW(nearest_rank(v, 101), invariant_error);
}

TEST(Percentile, FixedMeanThreeDecimals) {
  EXPECT_EQ(fixed_mean_3(0, 5), "0.000");
  EXPECT_EQ(fixed_mean_3(1, 3), "0.333");
  EXPECT_EQ(fixed_mean_3(2, 3), "0.667");
  EXPECT_EQ(fixed_mean_3(1, 8), "0.125");
  EXPECT_EQ(fixed_mean_3(1, 16), "0.063");  // 0.0625: half up
  EXPECT_EQ(fixed_mean_3(10, 4), "2.500");
  EXPECT_EQ(fixed_mean_3(19995, 10000), "2.000");  // carry into the whole part
  EXPECT_EQ(fixed_mean_3(123456789, 1), "123456789.000");
  EXPECT_EQ(fixed_mean_3(-1, 4), "-0.250");
}

}  // namespace
}  // namespace calsim::detail
