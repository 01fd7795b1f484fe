// Rule ids as a type: every id printed is the one RULES.md names.
#include "model/rule_id.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace calsim::detail {
namespace {

TEST(RuleId, names_round_trip_and_are_unique) {
  std::set<std::string> seen;
  for (int i = 0; i <= static_cast<int>(rule_id::evt); ++i) {
    const auto r = static_cast<rule_id>(i);
    const std::string_view name = rule_name(r);
    if (r == rule_id::none) {
      EXPECT_EQ(name, "");
      continue;
    }
    EXPECT_EQ(name.substr(0, 2), "R-") << i;
    EXPECT_TRUE(seen.insert(std::string(name)).second) << name;
    EXPECT_EQ(rule_from_name(name), r) << name;
  }
  EXPECT_EQ(rule_from_name("R-DEV-99"), std::nullopt);
  EXPECT_EQ(rule_name(rule_id::dev_7), "R-DEV-7");
}

}  // namespace
}  // namespace calsim::detail
