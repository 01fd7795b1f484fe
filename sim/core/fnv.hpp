// FNV-1a 64 (offset basis 0xcbf29ce484222325, prime 0x100000001b3) over bytes:
// the stream keys of the random numbers (engine/rng.hpp) and the scenario hash
// of sweeps. Changing it changes every run's output.
#pragma once
#include <cstdint>
#include <string_view>

namespace calsim::detail {

// FNV-1a 64 fed piece by piece: add(a); add(b) equals add(a + b).
class fnv1a64_hasher {
 public:
  constexpr void add(std::string_view bytes) {
    for (const char c : bytes) {
      h_ ^= static_cast<unsigned char>(c);
      h_ *= 0x100000001b3ULL;
    }
  }
  constexpr std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

// FNV-1a 64 of a byte string.
constexpr std::uint64_t fnv1a64(std::string_view bytes) {
  fnv1a64_hasher h;
  h.add(bytes);
  return h.value();
}

}  // namespace calsim::detail
