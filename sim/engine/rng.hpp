// Deterministic random numbers (SCENARIO.md, "Randomness").
// Engine: xoshiro256** (Blackman & Vigna), state seeded by splitmix64.
// Streams: stream_seed(seed, key) hashes a stable name (FNV-1a 64) with the
// scenario seed, so each client/server/action has its own independent stream.
// Distributions are calsim's own code, identical on every platform.
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace calsim::detail {

// splitmix64 step: returns the next output and advances x.
std::uint64_t splitmix64(std::uint64_t& x);

// FNV-1a 64 of a byte string.
std::uint64_t fnv1a64(std::string_view s);

// The seed of the stream named `key` for scenario seed `seed` and replication `replication`.
std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t replication, std::string_view key);

class rng {
 public:
  rng() : rng(0) {}
  explicit rng(std::uint64_t stream_seed);

  std::uint64_t next();  // raw 64 bits

  // Uniform integer in [0, n), n >= 1, without bias (Lemire's method with rejection).
  std::uint64_t below(std::uint64_t n);
  // Uniform integer in [lo, hi] inclusive, lo <= hi.
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi);
  // Uniform double in [0, 1) with 53 random bits.
  double uniform01();
  // true with probability p (p <= 0: never, p >= 1: always; no draw is skipped either way).
  bool bernoulli(double p);
  // Exponential with the given rate (> 0); mean 1/rate.
  double exponential(double rate);
  // Poisson with the given mean (>= 0).
  std::uint64_t poisson(double mean);

  const std::array<std::uint64_t, 4>& state() const { return s_; }

 private:
  std::array<std::uint64_t, 4> s_{};
};

}  // namespace calsim::detail
