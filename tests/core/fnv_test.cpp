// FNV-1a 64 against the published test vectors (Fowler, Noll, Vo).
#include <gtest/gtest.h>

#include "core/fnv.hpp"

namespace calsim::detail {
namespace {

TEST(Fnv1a64, PublishedVectors) {
  static_assert(fnv1a64("") == 0xcbf29ce484222325ULL);  // the offset basis
  EXPECT_EQ(fnv1a64("b"), 0xaf63df4c8601f1a5ULL);
  EXPECT_EQ(fnv1a64("foo"), 0xdcb27518fed9d577ULL);
  EXPECT_EQ(fnv1a64("fooba"), 0xcac165afa2fef40aULL);
}

TEST(Fnv1a64, PiecesEqualTheWhole) {
  fnv1a64_hasher h;
  h.add("foo");
  h.add("");
  h.add("bar");
  EXPECT_EQ(h.value(), fnv1a64("foobar"));
  EXPECT_NE(fnv1a64(std::string_view("a\0b", 3)), fnv1a64("ab"));
}

}  // namespace
}  // namespace calsim::detail
