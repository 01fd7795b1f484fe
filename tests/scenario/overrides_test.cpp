// --set overrides.
#include "scenario_test_util.hpp"

namespace calsim::test {
namespace {

TEST(ScenarioOverrides, SetsValuesAndRecordsThem) {
  const std::vector<std::string> sets{"/clients/0/count=500", "/name=from-set", "/description=plain words",
                                      "/license_servers/0/key_packs/-={\"id\": \"P2\", \"type\": \"per_user\", \"version\": 2022, \"count\": 3}",
                                      "/session_hosts/0/policy={\"prevent_license_upgrade\": true}",
                                      "/x-new=1"};
  const scenario s = load_scenario_text(base, "t.json", sets);
  EXPECT_EQ(s.clients[0].count, 500);
  EXPECT_EQ(s.name, "from-set");
  EXPECT_EQ(s.description, "plain words");
  ASSERT_EQ(s.license_servers[0].key_packs.size(), 2u);
  EXPECT_EQ(s.license_servers[0].key_packs[1].id, "P2");
  EXPECT_EQ(s.session_hosts[0].policy.prevent_license_upgrade, true);
  EXPECT_EQ(s.overrides, sets);
  EXPECT_EQ(s.source_file, "t.json");
}

TEST(ScenarioOverrides, ValueNotJsonIsAString) {
  const scenario s = load_scenario_text(base, "t.json", {"/description={not json", "/seed=7"});
  EXPECT_EQ(s.description, "{not json");
  EXPECT_EQ(s.seed, 7u);
}

TEST(ScenarioOverrides, SyntaxProblems) {
  const auto ds = problems_of(base, {"clients/0/count=5", "/clients/0/count", "/clients/3/count=5", "/days/x=1",
                                     "/clients/0/hosts/7=\"H1\"", "/a~2b=1", "/nope/x=1"});
  ASSERT_EQ(ds.size(), 7u) << all_text(ds);
  for (const auto& d : ds) {
    EXPECT_EQ(d.file, "--set");
    EXPECT_EQ(d.line, 0);
  }
  EXPECT_EQ(ds[0].message,
            "\"clients/0/count=5\": the pointer must start with \"/\" and name a value inside the scenario, e.g. "
            "/clients/0/count");
  EXPECT_EQ(ds[1].message, "\"/clients/0/count\": expected /json/pointer=value (no \"=\")");
  EXPECT_EQ(ds[2].message, "\"/clients/3/count=5\": /clients has no item \"3\" (it has 1 items)");
  EXPECT_EQ(ds[3].message, "\"/days/x=1\": /days is number 30, which has no members");
  EXPECT_EQ(ds[4].message,
            "\"/clients/0/hosts/7=\\\"H1\\\"\": /clients/0/hosts has no item \"7\" (it has 1 items; use \"-\" to append)");
  EXPECT_NE(ds[5].message.find("bad escape"), std::string::npos);
  EXPECT_EQ(ds[6].message, "\"/nope/x=1\": the scenario has no member \"nope\"");
  EXPECT_EQ(format_diagnostic(ds[6]), "--set: /nope/x: \"/nope/x=1\": the scenario has no member \"nope\"");
}

TEST(ScenarioOverrides, ValidatedLikeTheFile) {
  const auto ds = problems_of(base, {"/clients/0/count=-5", "/clients/0/schedule={\"days\": \"often\"}"});
  ASSERT_EQ(ds.size(), 2u) << all_text(ds);
  EXPECT_EQ(ds[0].file, "--set");
  EXPECT_EQ(ds[0].pointer, "/clients/0/count");
  EXPECT_EQ(ds[0].message, "must be an integer from 1 to 10000000, got -5 (set by --set \"/clients/0/count=-5\")");
  EXPECT_EQ(ds[1].pointer, "/clients/0/schedule/days");
  EXPECT_EQ(ds[1].file, "--set");
}

TEST(ScenarioOverrides, UnknownKeyAddedBySet) {
  const auto ds = problems_of(base, {"/clients/0/cuont=3"});
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].file, "--set");
  EXPECT_NE(ds[0].message.find("did you mean \"count\"?"), std::string::npos);
}

TEST(ScenarioOverrides, FileProblemsKeepTheirPositions) {
  const std::string text = with(base, "\"count\": 5", "\"count\": -5");
  const auto ds = problems_of(text, {"/days=31"});
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].file, "t.json");
  EXPECT_EQ(ds[0].line, 12);
}

TEST(ScenarioOverrides, EscapedPointer) {
  const scenario s = load_scenario_text(base, "t.json", {"/x-a~1b~0c=1"});
  EXPECT_EQ(s.overrides.size(), 1u);
  const auto ds = problems_of(base, {"/a~1b=1"});
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].pointer, "/a~1b");
  EXPECT_NE(ds[0].message.find("unknown key \"a/b\""), std::string::npos);
}

}  // namespace
}  // namespace calsim::test
