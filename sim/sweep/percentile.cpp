#include "sweep/percentile.hpp"

#include <stdexcept>

#include "calsim/errors.hpp"

namespace calsim::detail {

std::int64_t nearest_rank(std::span<const std::int64_t> sorted, int percent) {
  if (sorted.empty() || percent < 1 || percent > 100)
    throw invariant_error("sweep-percentile", "nearest_rank needs a non-empty sample and 1..100 percent");
  const auto n = static_cast<std::uint64_t>(sorted.size());
  std::uint64_t rank = (static_cast<std::uint64_t>(percent) * n + 99) / 100;  // ceil(p·n/100)
  if (rank < 1) rank = 1;
  return sorted[rank - 1];
}

std::string fixed_mean_3(std::int64_t sum, std::int64_t n) {
  if (n <= 0) throw invariant_error("sweep-mean", "mean of an empty sample");
  const bool negative = sum < 0;
  const auto s = negative ? static_cast<std::uint64_t>(-(sum + 1)) + 1 : static_cast<std::uint64_t>(sum);
  const auto d = static_cast<std::uint64_t>(n);
  std::uint64_t whole = s / d;
  std::uint64_t frac = ((s % d) * 1000 + d / 2) / d;  // round half up (away from zero); s % d < d
  if (frac == 1000) {
    ++whole;
    frac = 0;
  }
  std::string out = negative && (whole != 0 || frac != 0) ? "-" : "";
  out += std::to_string(whole);
  out += '.';
  out += static_cast<char>('0' + frac / 100);
  out += static_cast<char>('0' + frac / 10 % 10);
  out += static_cast<char>('0' + frac % 10);
  return out;
}

}  // namespace calsim::detail
