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

TEST(ScenarioOverrides, NotUtf8IsRefused) {
  // A value that is not JSON becomes a string; it must still be text the outputs can write.
  const auto ds = problems_of(base, {"/description=caf\xE9"});
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].file, "--set");
  EXPECT_EQ(ds[0].message, "\"/description=caf\uFFFD\": not valid UTF-8 (give text as UTF-8)");
  EXPECT_EQ(load_scenario_text(base, "t.json", {"/description=caf\xC3\xA9"}).description, "caf\xC3\xA9");
}

TEST(ScenarioOverrides, DuplicateKeyInValue) {
  const auto ds = problems_of(base, {"/session_hosts/0/policy={\"licensing_mode\": 2, \"licensing_mode\": 4}"});
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].pointer, "/session_hosts/0/policy");
  EXPECT_NE(ds[0].message.find("the value has the key \"licensing_mode\" twice (each key may appear once)"),
            std::string::npos)
      << ds[0].message;
}

TEST(ScenarioOverrides, OnADocumentThatIsNotAnObject) {
  const auto ds = problems_of("[1]", {"/x=1", "/0/y=2"});
  ASSERT_EQ(ds.size(), 3u) << all_text(ds);
  EXPECT_EQ(ds[0].message, "a scenario must be a JSON object {…}, got an array");
  EXPECT_EQ(ds[1].message, "\"/x=1\": the scenario has no item \"x\" (it has 1 items; use \"-\" to append)");
  EXPECT_EQ(ds[2].message, "\"/0/y=2\": /0 is number 1, which has no members");
}

TEST(ScenarioOverrides, EveryRangeIsCheckedAsInTheFile) {
  // One override per kind of check; each must be refused with the file's message.
  const std::vector<std::pair<std::string, std::string>> cases{
      {"/days=0", "must be an integer from 1 to 36500, got 0"},
      {"/clients/0/count=10000001", "must be an integer from 1 to 10000000, got 10000001"},
      {"/license_servers/0/version=2010", "must be a Windows Server version"},
      {"/rules=ws2016", "must be one of ws2000|ws2003|ws2008|ws2012"},
      {"/start=2026-02-30", "of a real day from 1970 to 9999, got string \"2026-02-30\""},
      {"/session_hosts/0/license_servers/0=LS9", "no license server named \"LS9\" (known: LS1)"},
      {"/clients/0/name=PC", "must contain {n} or {n:0W} when count is more than 1"},
      {"/actions/0/do=reboot", "unknown action string \"reboot\""},
      {"/clients/0/schedule/at=[\"01:00\",\"01:01\",\"01:02\",\"01:03\",\"01:04\",\"01:05\",\"01:06\",\"01:07\","
       "\"01:08\",\"01:09\",\"01:10\",\"01:11\",\"01:12\",\"01:13\",\"01:14\",\"01:15\",\"01:16\",\"01:17\",\"01:18\","
       "\"01:19\",\"01:20\",\"01:21\",\"01:22\",\"01:23\",\"01:24\",\"01:25\",\"01:26\",\"01:27\",\"01:28\",\"01:29\","
       "\"01:30\",\"01:31\",\"01:32\"]",
       "must have at most 32 times of day"},
      {"/clients/-={\"group\": \"b\", \"name\": \"PC-{n:01}\", \"hosts\": [\"H1\"]}", "client names would clash"},
  };
  for (const auto& [set, message] : cases) {
    const auto ds = problems_of(base, {set});
    ASSERT_EQ(ds.size(), 1u) << set << "\n" << all_text(ds);
    EXPECT_EQ(ds[0].file, "--set") << set;
    EXPECT_NE(ds[0].message.find(message), std::string::npos) << set << "\n" << ds[0].message;
    EXPECT_NE(ds[0].message.find("(set by --set "), std::string::npos) << ds[0].message;
  }
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
