// Deterministic random numbers (SCENARIO.md, "Randomness").
//
// Reproducibility contract (changing any of this changes every run's output):
//
//  * splitmix64 (Steele, Lea, Flood; Vigna's splitmix64.c): one step is
//      x += 0x9e3779b97f4a7c15; z = x;
//      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
//      z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
//      return z ^ (z >> 31);
//    sm(v) below means "the first output of splitmix64 started at v".
//  * fnv1a64: FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3)
//    over the bytes of the key.
//  * stream_seed(seed, replication, key) =
//      sm( sm( sm(seed) ^ replication ) ^ fnv1a64(key) )
//    Each stage is a bijection of its 64-bit input, so for a fixed (seed,
//    replication) distinct key hashes give distinct stream seeds, and for a
//    fixed key distinct replications do too.
//  * rng(stream_seed): the xoshiro256** state s[0..3] is the first four outputs
//    of splitmix64 started at stream_seed. The finalizer is a bijection and the
//    four inputs differ, so at most one word is zero: never an all-zero state.
//  * next(): xoshiro256** 1.0 (Blackman & Vigna), unchanged.
//  * Distributions (own code, only + - * / floor sqrt log exp, built with
//    -ffp-contract=off; log and exp come from the platform libm):
//    - below(n): Lemire's multiply-shift, rejection when the low word < 2^64 mod n.
//    - uniform_int(lo, hi): lo + below(hi - lo + 1) in two's complement; the full
//      int64 range is one raw next().
//    - uniform01(): (next() >> 11) * 2^-53.
//    - bernoulli(p): uniform01() < p; always exactly one draw.
//    - exponential(rate): (0 - log(1 - uniform01())) / rate; one draw.
//    - poisson(mean): mean <= 0 (or NaN): 0 with no draw; mean < 30: Knuth's
//      product of uniforms against exp(-mean) (result + 1 draws); mean >= 30:
//      Hoermann's PTRS transformed rejection ("The transformed rejection method
//      for generating Poisson random variables", 1993), two draws per attempt,
//      log k! by the Stirling series in rng.cpp (log_gamma). A mean above 1e15
//      or infinite throws std::invalid_argument.
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
