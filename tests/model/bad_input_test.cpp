// Input the model must survive (issue 3): clear errors at load, or clear
// events during the run, never a crash.
#include "model_fixture.hpp"

#include "calsim/errors.hpp"

namespace calsim::testing {
namespace {

TEST(BadInput, ActionOnClientsNotActiveYetDoesNothingToThem) {
  json j = base_scenario();
  j["clients"][0]["active"] = json{{"from", "2026-03-01"}};
  j["actions"] = json::parse(R"([{ "at": "2026-01-10", "do": "delete_mslicensing", "clients": "office" },
                                  { "at": "2026-01-11", "do": "corrupt_store", "clients": "PC-001" }])");
  const auto r = run(j);
  EXPECT_EQ(r.result.connections_refused, 0);
  EXPECT_EQ(r.result.temporaries_issued, 1);  // first connection after 2026-03-01, as if nothing happened
  EXPECT_EQ(r.count_events(1003), 0);
}

TEST(BadInput, ActionOnAGroupBeforeItIsAddedIsAClearError) {
  json j = base_scenario();
  j["actions"] = json::parse(R"([
    { "at": "2026-02-01", "do": "add_clients", "clients": { "group": "late", "count": 3, "name": "LT-{n}",
      "kind": "persistent", "hosts": ["RDSH1"], "schedule": { "days": "daily", "at": ["10:00"] } } },
    { "at": "2026-03-01", "do": "retire_client", "clients": "LT-2" }])");
  const auto r = run(j);  // after it joined: fine
  EXPECT_EQ(r.result.permanents_issued, 4);
  j["actions"][1]["at"] = "2026-01-10";  // before: refused with the names it knows
  try {
    (void)load(j);
    FAIL() << "expected a scenario_error";
  } catch (const scenario_error& e) {
    ASSERT_FALSE(e.problems.empty());
    EXPECT_NE(e.problems[0].message.find("office"), std::string::npos) << e.problems[0].message;
  }
}

TEST(BadInput, R_REV_2_R_REV_6_RevokingMoreThanExistsRevokesWhatTheCapAllowsAndSaysSo) {
  json j = base_scenario();
  j["clients"][0]["count"] = 20;  // 20 permanents of a 50-CAL pack
  j["actions"] = json::parse(R"([{ "at": "2026-02-01", "do": "revoke", "server": "LS1", "count": 1000 }])");
  const auto r = run(j);
  EXPECT_EQ(r.result.revoked, 10);  // max(1, 20 % of 50) per version (R-REV-2), not 1000
  bool told = false;
  for (const auto& e : r.events) told = told || e.message.find("10 of 1000 CALs asked were revoked") != std::string::npos;
  EXPECT_TRUE(told);
  ASSERT_EQ(r.result.revocations.size(), 1u);  // R-REV-4: the summary's revocations entry
  EXPECT_EQ(r.result.revocations[0].asked, 1000);
  EXPECT_EQ(r.result.revocations[0].revoked, 10);
  EXPECT_TRUE(r.result.revocations[0].next_revoke_allowed_on.has_value());
}

TEST(BadInput, R_NET_1_LinkActionOnUnknownPairIsRefusedAtLoad) {
  json j = base_scenario();
  j["network"] = json::parse(R"({ "links": [["RDSH1", "LS1"]] })");
  j["actions"] = json::parse(R"([{ "at": "2026-02-01", "do": "link_down", "between": ["RDSH1", "LS9"] }])");
  try {
    (void)load(j);
    FAIL() << "expected a scenario_error";
  } catch (const scenario_error& e) {
    ASSERT_FALSE(e.problems.empty());
    EXPECT_EQ(e.problems[0].pointer.rfind("/actions/0/between", 0), 0u) << e.problems[0].pointer;
  }
}

TEST(BadInput, R_GRACE_4_HostWithNoLicenseServerIsInGraceThenRefuses) {
  json j = base_scenario();
  j["session_hosts"][0]["license_servers"] = json::array();
  j["session_hosts"][0]["installed"] = "2026-01-01";
  const auto r = run(j);
  EXPECT_GT(r.result.connections_allowed_in_grace, 0);
  EXPECT_GT(r.result.connections_refused, 0);
  EXPECT_GT(r.count_events(1004) + r.count_events(1000), 0);
  EXPECT_EQ(r.result.permanents_issued, 0);
}

TEST(BadInput, NoClientsRunsAndSamplesThePool) {
  json j = base_scenario();
  j["clients"] = json::array();
  try {
    const auto r = run(j);
    EXPECT_EQ(r.result.connections_attempted, 0);
    EXPECT_EQ(r.packs.size(), 200u);  // one timeline row per day for the one pack
  } catch (const scenario_error& e) {
    ASSERT_FALSE(e.problems.empty());  // refused with a message is fine too
    EXPECT_FALSE(e.problems[0].message.empty());
  }
}

}  // namespace
}  // namespace calsim::testing
