// rng: reference algorithms, the stream contract, and the distributions.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <set>
#include <vector>

#include "engine/rng.hpp"

namespace {

using calsim::detail::fnv1a64;
using calsim::detail::rng;
using calsim::detail::splitmix64;
using calsim::detail::stream_seed;

// Straightforward transcriptions of the published C code (prng.di.unimi.it),
// kept independent of rng.cpp.
struct ref_splitmix {
  std::uint64_t x;
  std::uint64_t next() {
    std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
};

struct ref_xoshiro {
  std::uint64_t s[4];
  static std::uint64_t rotl(const std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s[1] * 5, 7) * 9;
    const std::uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
  }
};

ref_xoshiro ref_seeded(std::uint64_t seed) {
  ref_splitmix sm{seed};
  ref_xoshiro x{};
  for (auto& w : x.s) w = sm.next();
  return x;
}

std::uint64_t ref_sm_first(std::uint64_t v) { return ref_splitmix{v}.next(); }

// Chi-square statistic of observed counts against equal expectation.
double chi_square_uniform(const std::vector<std::uint64_t>& counts, std::uint64_t draws) {
  const double expected = static_cast<double>(draws) / static_cast<double>(counts.size());
  double chi2 = 0;
  for (const auto c : counts) chi2 += (static_cast<double>(c) - expected) * (static_cast<double>(c) - expected) / expected;
  return chi2;
}

// Upper quantile of chi-square with k degrees of freedom (Wilson-Hilferty), z = normal quantile.
double chi_square_quantile(double k, double z) {
  const double a = 2.0 / (9.0 * k);
  return k * std::pow(1.0 - a + z * std::sqrt(a), 3.0);
}
constexpr double z_99_99 = 3.719;  // 99.99 % normal quantile

}  // namespace

TEST(Splitmix64, PublishedOutputsSeed1234567) {
  const std::uint64_t expected[] = {6457827717110365317ULL, 3203168211198807973ULL, 9817491932198370423ULL,
                                    4593380528125082431ULL, 16408922859458223821ULL};
  std::uint64_t x = 1234567;
  for (const auto e : expected) EXPECT_EQ(splitmix64(x), e);
}

TEST(Splitmix64, PublishedOutputsSeed0) {
  const std::uint64_t expected[] = {0xe220a8397b1dcdafULL, 0x6e789e6aa1b965f4ULL, 0x06c45d188009454fULL,
                                    0xf88bb8a8724c81ecULL};
  std::uint64_t x = 0;
  for (const auto e : expected) EXPECT_EQ(splitmix64(x), e);
}

TEST(Splitmix64, MatchesReferenceTranscription) {
  std::uint64_t x = 0xdeadbeefcafef00dULL;
  ref_splitmix r{x};
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(splitmix64(x), r.next());
}

TEST(Xoshiro256ss, ReferenceTranscriptionMatchesPublishedVector) {
  // rand_xoshiro's reference test: state {1, 2, 3, 4}, values from the C reference.
  ref_xoshiro x{{1, 2, 3, 4}};
  const std::uint64_t expected[] = {11520ULL,
                                    0ULL,
                                    1509978240ULL,
                                    1215971899390074240ULL,
                                    1216172134540287360ULL,
                                    607988272756665600ULL,
                                    16172922978634559625ULL,
                                    8476171486693032832ULL,
                                    10595114339597558777ULL,
                                    2904607092377533576ULL};
  for (const auto e : expected) EXPECT_EQ(x.next(), e);
}

TEST(Xoshiro256ss, RngMatchesReferenceSeededBySplitmix) {
  for (const std::uint64_t seed : {0ULL, 1ULL, 42ULL, 0xffffffffffffffffULL, 0x0123456789abcdefULL}) {
    rng r(seed);
    ref_xoshiro x = ref_seeded(seed);
    for (int i = 0; i < 4; ++i) EXPECT_EQ(r.state()[i], x.s[i]);
    for (int i = 0; i < 10000; ++i) ASSERT_EQ(r.next(), x.next()) << "seed " << seed << " draw " << i;
  }
}

TEST(Xoshiro256ss, StateNeverAllZero) {
  // The seeding inputs x+g, x+2g, x+3g, x+4g differ and the finalizer is a
  // bijection: at most one word can be zero. Probe seeds that make one word zero.
  // splitmix finalizer(0) == 0, so seed = -k*g zeroes word k-1.
  constexpr std::uint64_t g = 0x9e3779b97f4a7c15ULL;
  for (std::uint64_t k = 1; k <= 4; ++k) {
    rng r(0 - k * g);
    int zeros = 0;
    for (const auto w : r.state()) zeros += (w == 0);
    EXPECT_EQ(zeros, 1);
    EXPECT_EQ(r.state()[k - 1], 0u);
    std::uint64_t any = 0;
    for (int i = 0; i < 8; ++i) any |= r.next();
    EXPECT_NE(any, 0u);
  }
  rng d;  // default = stream seed 0
  EXPECT_EQ(d.state(), rng(0).state());
}

TEST(Fnv1a64, PublishedValues) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
  EXPECT_NE(fnv1a64(std::string_view("a\0b", 3)), fnv1a64("ab"));  // every byte counts
}

TEST(StreamSeed, DocumentedFormula) {
  // stream_seed = sm(sm(sm(seed) ^ replication) ^ fnv1a64(key)), sm(v) = first splitmix64 output from v.
  for (const std::uint64_t seed : {0ULL, 7ULL, 20240601ULL}) {
    for (const std::uint64_t rep : {0ULL, 1ULL, 99ULL}) {
      for (const char* key : {"", "client/alice", "server/LS1"}) {
        const std::uint64_t want = ref_sm_first(ref_sm_first(ref_sm_first(seed) ^ rep) ^ fnv1a64(key));
        EXPECT_EQ(stream_seed(seed, rep, key), want);
      }
    }
  }
}

TEST(StreamSeed, GoldenFirstDraws) {
  // Any change of the stream contract (hash, mixing, seeding, generator) shows here.
  EXPECT_EQ(stream_seed(42, 0, "client/alice"), 0xb291b9b76260b602ULL);
  rng r(stream_seed(42, 0, "client/alice"));
  const std::uint64_t expected[] = {0x98122c0c8b8662c4ULL, 0xff536bc0b084a164ULL, 0x1e7a5bff8b4c5d7aULL,
                                    0xad5818e99ee8f887ULL, 0x6d2a2d6d9cf76092ULL, 0x341c8fd420c42367ULL,
                                    0x9ba8ec2ed57710c4ULL, 0xd11bc11a8ca0b2e2ULL};
  for (const auto e : expected) EXPECT_EQ(r.next(), e);
  rng r2(stream_seed(42, 0, "client/alice"));
  EXPECT_EQ(r2.below(1000), 594u);
  EXPECT_EQ(r2.uniform_int(-5, 5), 5);
  EXPECT_EQ(r2.uniform01(), 0x1.e7a5bff8b4c58p-4);
  EXPECT_EQ(r2.exponential(0.5), 0x1.2167e5caf7ac7p+1);
  EXPECT_EQ(r2.poisson(3.5), 5u);
  EXPECT_EQ(r2.poisson(250.0), 222u);
  EXPECT_EQ(r2.next(), 0xb916b96fc5e86d1fULL);
}

TEST(StreamSeed, DeterministicAndDistinct) {
  rng a(stream_seed(1, 0, "x")), b(stream_seed(1, 0, "x"));
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.next(), b.next());
  std::set<std::uint64_t> seeds;
  for (const std::uint64_t seed : {0ULL, 1ULL, 2ULL}) {
    for (const std::uint64_t rep : {0ULL, 1ULL, 2ULL}) {
      for (const char* key : {"", "a", "b", "client/1", "client/2", "client/10"}) seeds.insert(stream_seed(seed, rep, key));
    }
  }
  EXPECT_EQ(seeds.size(), 3u * 3u * 6u);
  // Different keys give different first draws.
  std::set<std::uint64_t> firsts;
  for (int i = 0; i < 1000; ++i) firsts.insert(rng(stream_seed(5, 0, "host/" + std::to_string(i))).next());
  EXPECT_EQ(firsts.size(), 1000u);
}

TEST(Below, ChiSquareSevenBuckets) {
  rng r(stream_seed(2024, 0, "below/7"));
  constexpr std::uint64_t draws = 700000;
  std::vector<std::uint64_t> counts(7);
  for (std::uint64_t i = 0; i < draws; ++i) {
    const auto v = r.below(7);
    ASSERT_LT(v, 7u);
    ++counts[v];
  }
  EXPECT_LT(chi_square_uniform(counts, draws), chi_square_quantile(6, z_99_99));
}

TEST(Below, ChiSquareThousandBuckets) {
  rng r(stream_seed(2024, 0, "below/1000"));
  constexpr std::uint64_t draws = 2000000;
  std::vector<std::uint64_t> counts(1000);
  for (std::uint64_t i = 0; i < draws; ++i) ++counts[r.below(1000)];
  EXPECT_LT(chi_square_uniform(counts, draws), chi_square_quantile(999, z_99_99));
}

TEST(Below, UnbiasedForHugeRange) {
  // n = 3 * 2^62: a plain modulo would put 2/3 of the draws in [0, 2^63).
  rng r(stream_seed(3, 0, "below/huge"));
  const std::uint64_t n = 3ULL << 62;
  constexpr int draws = 300000;
  int low = 0;
  for (int i = 0; i < draws; ++i) {
    const auto v = r.below(n);
    ASSERT_LT(v, n);
    low += v < (n / 3);
  }
  const double frac = static_cast<double>(low) / draws;
  EXPECT_NEAR(frac, 1.0 / 3.0, 5 * std::sqrt(2.0 / 9.0 / draws));
}

TEST(Below, EdgeCases) {
  rng r(11);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(r.below(1), 0u);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(r.below(2), 2u);
  for (int i = 0; i < 1000; ++i) EXPECT_LT(r.below(UINT64_MAX), UINT64_MAX);
}

TEST(UniformInt, InclusiveBounds) {
  rng r(stream_seed(9, 0, "uniform_int"));
  std::vector<int> seen(7);
  for (int i = 0; i < 10000; ++i) {
    const auto v = r.uniform_int(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
    ++seen[static_cast<std::size_t>(v + 3)];
  }
  for (const int s : seen) EXPECT_GT(s, 0);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(r.uniform_int(17, 17), 17);
}

TEST(UniformInt, Int64Extremes) {
  constexpr auto lo = std::numeric_limits<std::int64_t>::min();
  constexpr auto hi = std::numeric_limits<std::int64_t>::max();
  {
    // Full range: exactly one raw draw, reinterpreted.
    rng r(77);
    ref_xoshiro x = ref_seeded(77);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(r.uniform_int(lo, hi), static_cast<std::int64_t>(x.next()));
  }
  rng r(78);
  bool saw_lo = false, saw_hi = false;
  for (int i = 0; i < 1000; ++i) {
    const auto a = r.uniform_int(lo, lo + 1);
    EXPECT_TRUE(a == lo || a == lo + 1);
    saw_lo |= a == lo;
    const auto b = r.uniform_int(hi - 1, hi);
    EXPECT_TRUE(b == hi - 1 || b == hi);
    saw_hi |= b == hi;
    EXPECT_LT(r.uniform_int(lo, hi - 1), hi);
    EXPECT_GT(r.uniform_int(lo + 1, hi), lo);
    const auto c = r.uniform_int(-1, hi);
    EXPECT_GE(c, -1);
    const auto d = r.uniform_int(lo, 0);
    EXPECT_LE(d, 0);
  }
  EXPECT_TRUE(saw_lo);
  EXPECT_TRUE(saw_hi);
  EXPECT_EQ(r.uniform_int(lo, lo), lo);
  EXPECT_EQ(r.uniform_int(hi, hi), hi);
}

TEST(Uniform01, FiftyThreeBitsInHalfOpenInterval) {
  rng r(5);
  ref_xoshiro x = ref_seeded(5);
  double sum = 0;
  constexpr int draws = 1000000;
  for (int i = 0; i < draws; ++i) {
    const double u = r.uniform01();
    ASSERT_EQ(u, static_cast<double>(x.next() >> 11) / 9007199254740992.0);
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
  }
  EXPECT_NEAR(sum / draws, 0.5, 5 * std::sqrt(1.0 / 12.0 / draws));
}

TEST(Bernoulli, MeanAndOneDrawAlways) {
  rng r(stream_seed(1, 0, "bernoulli"));
  constexpr int draws = 1000000;
  int hits = 0;
  for (int i = 0; i < draws; ++i) hits += r.bernoulli(0.3);
  EXPECT_NEAR(static_cast<double>(hits) / draws, 0.3, 5 * std::sqrt(0.3 * 0.7 / draws));

  // Every call consumes exactly one draw, whatever p is.
  rng a(99), b(99);
  for (const double p : {0.0, -1.0, 1.0, 2.0, 0.5, std::nan(""), 1e-300}) {
    for (int i = 0; i < 100; ++i) {
      const bool v = a.bernoulli(p);
      b.next();
      ASSERT_EQ(a.state(), b.state()) << "p = " << p;
      if (p <= 0.0) {
        EXPECT_FALSE(v);
      }
      if (p >= 1.0) {
        EXPECT_TRUE(v);
      }
    }
  }
}

TEST(Exponential, MeanAndVariance) {
  rng r(stream_seed(1, 0, "exponential"));
  constexpr double rate = 0.25;
  constexpr int draws = 1000000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < draws; ++i) {
    const double v = r.exponential(rate);
    ASSERT_TRUE(std::isfinite(v));
    ASSERT_GE(v, 0.0);
    ASSERT_FALSE(std::signbit(v));
    sum += v;
    sum2 += v * v;
  }
  const double mean = sum / draws;
  const double var = sum2 / draws - mean * mean;
  EXPECT_NEAR(mean, 1 / rate, 5 * (1 / rate) / std::sqrt(draws));
  // Var of the sample variance of Exp: (mu4 - sigma^4)/n = 8/rate^4/n.
  EXPECT_NEAR(var, 1 / (rate * rate), 5 * std::sqrt(8.0 / draws) / (rate * rate));
  rng a(3), b(3);
  a.exponential(2.0);
  b.next();
  EXPECT_EQ(a.state(), b.state());
}

class PoissonMoments : public ::testing::TestWithParam<double> {};

TEST_P(PoissonMoments, MeanVarianceAndShape) {
  const double lambda = GetParam();
  rng r(stream_seed(17, 0, "poisson/" + std::to_string(lambda)));
  constexpr int draws = 400000;
  double sum = 0, sum2 = 0;
  std::vector<std::uint64_t> counts;
  for (int i = 0; i < draws; ++i) {
    const auto k = r.poisson(lambda);
    if (k >= counts.size()) counts.resize(k + 1);
    ++counts[k];
    const double v = static_cast<double>(k);
    sum += v;
    sum2 += v * v;
  }
  const double mean = sum / draws;
  const double var = sum2 / draws - mean * mean;
  EXPECT_NEAR(mean, lambda, 5 * std::sqrt(lambda / draws));
  EXPECT_NEAR(var, lambda, 5 * std::sqrt((lambda + 2 * lambda * lambda) / draws));

  // Goodness of fit: cells with expectation >= 20, tails pooled.
  double chi2 = 0;
  int cells = 0;
  double pooled_obs = 0, pooled_exp = 0;
  for (std::size_t k = 0; k < counts.size() + 200; ++k) {
    const double kd = static_cast<double>(k);
    const double p = std::exp(-lambda + kd * std::log(lambda) - std::lgamma(kd + 1));
    const double e = p * draws;
    const double o = k < counts.size() ? static_cast<double>(counts[k]) : 0.0;
    pooled_obs += o;
    pooled_exp += e;
    if (pooled_exp >= 20) {
      chi2 += (pooled_obs - pooled_exp) * (pooled_obs - pooled_exp) / pooled_exp;
      ++cells;
      pooled_obs = pooled_exp = 0;
    }
  }
  ASSERT_GT(cells, 3);
  EXPECT_LT(chi2, chi_square_quantile(cells - 1, z_99_99)) << cells << " cells";
}

INSTANTIATE_TEST_SUITE_P(Means, PoissonMoments, ::testing::Values(0.5, 5.0, 29.5, 30.0, 50.0, 500.0, 5000.0));

TEST(Poisson, EdgeCases) {
  rng a(1), b(1);
  EXPECT_EQ(a.poisson(0.0), 0u);
  EXPECT_EQ(a.poisson(-3.0), 0u);
  EXPECT_EQ(a.poisson(std::nan("")), 0u);
  EXPECT_EQ(a.state(), b.state());  // no draw for mean <= 0
  EXPECT_THROW(a.poisson(std::numeric_limits<double>::infinity()), std::invalid_argument);
  const auto big = a.poisson(1e12);
  EXPECT_NEAR(static_cast<double>(big), 1e12, 10 * 1e6);
}
