#include "sweep/scenario_hash.hpp"

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "calsim/errors.hpp"

namespace calsim::detail {
namespace {

struct fnv1a {
  std::uint64_t h = 0xcbf29ce484222325ull;
  void add(std::string_view bytes) {
    for (unsigned char c : bytes) {
      h ^= c;
      h *= 0x100000001b3ull;
    }
  }
  std::string hex() const {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
  }
};

}  // namespace

std::string fnv1a_hex(std::string_view bytes) {
  fnv1a f;
  f.add(bytes);
  return f.hex();
}

std::string scenario_hash(const std::string& file, const std::vector<std::string>& sets) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw usage_error("cannot read " + file);
  std::ostringstream text;
  text << in.rdbuf();
  fnv1a f;
  f.add(text.str());
  for (const auto& s : sets) {
    f.add(std::string_view("\0", 1));
    f.add(s);
  }
  return f.hex();
}

}  // namespace calsim::detail
