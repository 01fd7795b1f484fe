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

#include "core/fnv.hpp"  // fnv1a64

namespace calsim::detail {

// splitmix64 step: returns the next output and advances x.
std::uint64_t splitmix64(std::uint64_t& x);


// The seed of the stream named `key` for scenario seed `seed` and replication `replication`.
std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t replication, std::string_view key);

class rng {
 public:
  rng() : rng(0) {}
  explicit rng(std::uint64_t stream_seed);

  // The draws of every connection are defined here, inline (the kernel's hot path).
  std::uint64_t next() {  // raw 64 bits: xoshiro256** 1.0
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform integer in [0, n), n >= 1, without bias (Lemire's method with rejection).
  std::uint64_t below(std::uint64_t n) {
    __extension__ using u128 = unsigned __int128;
    u128 m = static_cast<u128>(next()) * n;
    auto low = static_cast<std::uint64_t>(m);
    if (low < n) {
      const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
      while (low < threshold) {
        m = static_cast<u128>(next()) * n;
        low = static_cast<std::uint64_t>(m);
      }
    }
    return static_cast<std::uint64_t>(m >> 64);
  }
  // Uniform integer in [lo, hi] inclusive, lo <= hi.
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi) {
    const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
    if (span == UINT64_MAX) return static_cast<std::int64_t>(next());
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + below(span + 1));
  }
  // Uniform double in [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // true with probability p (p <= 0: never, p >= 1: always; no draw is skipped either way).
  bool bernoulli(double p) { return uniform01() < p; }
  // Exponential with the given rate (> 0); mean 1/rate.
  double exponential(double rate);
  // Poisson with the given mean (>= 0).
  std::uint64_t poisson(double mean);

  const std::array<std::uint64_t, 4>& state() const { return s_; }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> s_{};
};

}  // namespace calsim::detail
