// Issue 15: `calsim rules [ID]` prints docs/rules.md's rules (embedded at build
// time, so an installed binary needs no source tree) and, for one rule, the
// catalog runs whose events cite it.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "cli_runner.hpp"

namespace calsim::detail {
namespace {

using outcome = calsim::test::cli_outcome;
outcome calsim(std::vector<std::string> args) { return calsim::test::run_calsim(std::move(args)); }

std::set<std::string> ids_in_reference() {
  std::ifstream in(CALSIM_SOURCE_DIR "/docs/rules.md");
  std::stringstream text;
  text << in.rdbuf();
  std::set<std::string> ids;
  const std::string s = text.str();
  const std::regex item(R"((^|\n)- \*\*(R-[A-Z]+-[0-9]+)\*\*)");
  for (std::sregex_iterator it(s.begin(), s.end(), item), end; it != end; ++it) ids.insert((*it)[2]);
  return ids;
}

TEST(RulesCli, ListsEveryRuleOfTheReferenceOnce) {
  const auto ids = ids_in_reference();
  ASSERT_GT(ids.size(), 40u);
  const outcome o = calsim({"rules"});
  ASSERT_EQ(o.code, 0) << o.err;
  std::set<std::string> listed;
  std::istringstream lines(o.out);
  for (std::string line; std::getline(lines, line);)
    if (line.starts_with("R-")) {
      EXPECT_TRUE(listed.insert(line.substr(0, line.find(' '))).second) << line;
    }
  EXPECT_EQ(listed, ids);
  EXPECT_NE(o.out.find(std::to_string(ids.size()) + " rules;"), std::string::npos);
}

TEST(RulesCli, R_DEV_7_OneRuleWithItsTestsAndTheRunsThatCiteIt) {
  const outcome o = calsim({"rules", "R-DEV-7"});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_TRUE(o.out.starts_with("R-DEV-7\n")) << o.out;
  EXPECT_NE(o.out.find("FailureModes.R_DEV_7_k_clones_hold_k_minus_1_over_k_times_70_5_CALs"), std::string::npos);
  EXPECT_TRUE(std::regex_search(o.out, std::regex(R"(\n  cloned-image-ping-pong: [0-9]+ events\n)"))) << o.out;
}

TEST(RulesCli, UnknownRuleIsAUsageErrorListingItsGroup) {
  const outcome o = calsim({"rules", "R-DEV-99"});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("no rule R-DEV-99 (known: R-DEV-1, R-DEV-2"), std::string::npos) << o.err;
}

}  // namespace
}  // namespace calsim::detail
