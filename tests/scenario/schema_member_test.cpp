// A top-level "$schema" member (the JSON Schema an editor checks the file
// against, from `calsim schema`) is accepted and ignored; only a string is.
#include "scenario_test_util.hpp"

namespace calsim::test {
namespace {

TEST(ScenarioSchemaMember, StringIsAcceptedAndIgnored) {
  const std::string text =
      with(base, "\"calsim\": 1,", "\"$schema\": \"./scenario.schema.json\",\n  \"calsim\": 1,");
  const auto ds = problems_of(text);
  EXPECT_TRUE(ds.empty()) << all_text(ds);
  const scenario with_member = load_scenario_text(text, "t.json");
  const scenario without = load_scenario_text(base, "t.json");
  EXPECT_EQ(with_member.name, without.name);
  EXPECT_EQ(with_member.clients.size(), without.clients.size());
  EXPECT_EQ(with_member.seed, without.seed);
}

TEST(ScenarioSchemaMember, NonStringIsRefused) {
  const std::string text = with(base, "\"calsim\": 1,", "\"$schema\": 5,\n  \"calsim\": 1,");
  const auto d = diag_at(problems_of(text), "/$schema");
  EXPECT_EQ(d.message, "must be a string, got number 5");
}

TEST(ScenarioSchemaMember, OnlyAtTheTopLevel) {
  const std::string text = with(base, "\"count\": 5,", "\"count\": 5, \"$schema\": \"x\",");
  const auto d = diag_at(problems_of(text), "/clients/0/$schema");
  EXPECT_NE(d.message.find("unknown key \"$schema\""), std::string::npos) << d.message;
}

}  // namespace
}  // namespace calsim::test
