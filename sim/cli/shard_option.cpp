// --shard I/N of `calsim sweep` and `calsim size`.
#include <charconv>

#include "calsim/errors.hpp"
#include "cli/commands.hpp"

namespace calsim::detail {

shard_spec parse_shard(const std::string& text, std::uint64_t replications) {
  shard_spec s;
  if (text.empty()) return s;
  const auto slash = text.find('/');
  auto number = [&](std::string_view part, std::uint64_t& out) {
    const auto r = std::from_chars(part.data(), part.data() + part.size(), out);
    return r.ec == std::errc() && r.ptr == part.data() + part.size() && !part.empty();
  };
  if (slash == std::string::npos || !number(std::string_view(text).substr(0, slash), s.index) ||
      !number(std::string_view(text).substr(slash + 1), s.shards) || s.shards == 0 || s.index < 1 ||
      s.index > s.shards)
    throw usage_error("--shard must be I/N with 1 <= I <= N (e.g. 3/8), got \"" + text + "\"");
  if (s.shards > replications)
    throw usage_error("--shard " + text + ": more shards than replications (" + std::to_string(replications) + ")");
  return s;
}

}  // namespace calsim::detail
