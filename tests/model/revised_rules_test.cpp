// Rules as the revised contract states them, through whole runs: R-MODE-7,
// R-MODE-8, R-REV-4, R-REV-6, R-CLI-3 (a non-persistent pool from an image).
#include "model_fixture.hpp"

namespace calsim::testing {
namespace {

TEST(RevisedRules, R_MODE_7_a_registry_mode_waits_for_the_restart) {
  json j = base_scenario();
  j["days"] = 10;
  j["session_hosts"][0]["licensing_mode"] = 5;
  j["session_hosts"][0]["installed"] = "2025-01-01";  // grace over: mode 5 is refused
  j["actions"] = json::parse(R"([
    { "at": "2026-01-06T08:00", "do": "set_licensing_mode", "host": "RDSH1", "value": 2 },
    { "at": "2026-01-08T08:00", "do": "restart_host", "host": "RDSH1" } ])");
  const auto r = run(j);
  // Refused on the 5th, 6th and 7th (the registry value waits for the restart), licensed from the 8th.
  EXPECT_EQ(r.result.connections_refused, 3);
  EXPECT_EQ(r.count_events(1069), 3);
}

TEST(RevisedRules, R_MODE_8_a_workgroup_server_serves_a_workgroup_host_only_with_the_setting) {
  json j = base_scenario();
  j["days"] = 5;
  j["license_servers"][0].erase("domain");
  j["session_hosts"][0].erase("domain");
  j["session_hosts"][0]["installed"] = "2025-01-01";
  const auto refused = run(j);
  EXPECT_EQ(refused.result.connections_refused, 5);
  bool named = false;
  for (const auto& e : refused.events) named = named || e.message.find("DisableWorkgroupAuthEnforcement") != std::string::npos;
  EXPECT_TRUE(named);  // R-GRACE-4: the cause, not "no license server"
  j["license_servers"][0]["disable_workgroup_auth_enforcement"] = true;
  const auto served = run(j);
  EXPECT_EQ(served.result.connections_refused, 0);
  EXPECT_EQ(served.result.permanents_issued, 1);
  // A domain host is not concerned: it is served by the workgroup server without the setting.
  j["license_servers"][0]["disable_workgroup_auth_enforcement"] = false;
  j["session_hosts"][0]["domain"] = "corp.example";
  EXPECT_EQ(run(j).result.connections_refused, 0);
}

TEST(RevisedRules, R_REV_6_a_count_goes_on_past_a_capped_version_and_R_REV_4_reports_the_true_date) {
  json j = base_scenario();
  j["days"] = 40;
  j["clients"][0]["count"] = 20;
  // Two versions: 2019 (10 CALs, cap 2) issued first, then 2022 (50 CALs, cap 10).
  j["license_servers"][0]["version"] = 2022;
  j["license_servers"][0]["key_packs"] = json::parse(R"([
    { "id": "DEV19", "type": "per_device", "version": 2019, "count": 10 },
    { "id": "DEV22", "type": "per_device", "version": 2022, "count": 50 } ])");
  j["actions"] = json::parse(R"([{ "at": "2026-02-01", "do": "revoke", "server": "LS1", "count": 8 }])");
  const auto r = run(j);
  EXPECT_EQ(r.result.revoked, 8);  // 2 of 2019 (its cap), then 6 of 2022
  ASSERT_EQ(r.result.revocations.size(), 1u);
  EXPECT_EQ(r.result.revocations[0].asked, 8);
  EXPECT_EQ(r.result.revocations[0].revoked, 8);
  ASSERT_TRUE(r.result.revocations[0].next_revoke_allowed_on.has_value());
  // The earliest original expiry of a revoked CAL: 52+ days after early January, past this 40-day run.
  EXPECT_GT(*r.result.revocations[0].next_revoke_allowed_on, at("2026-02-14"));
}

TEST(RevisedRules, R_CLI_3_a_non_persistent_pool_from_an_image_behaves_as_clones) {
  json j = base_scenario();
  j["days"] = 60;
  j["images"] = json::parse(R"([{ "name": "GOLD", "hardware_id": "random", "license": "none" }])");
  j["clients"][0]["count"] = 5;
  j["clients"][0]["kind"] = "non_persistent";
  j["clients"][0]["image"] = "GOLD";
  j["clients"][0]["schedule"]["at"] = json::array({"09:00", "13:00"});
  const auto pooled = run(j);
  j["clients"][0]["kind"] = "cloned";
  j["clients"][0]["schedule"]["at"] = json::array({"09:00"});
  const auto clones = run(j);
  // Every boot restores one shared HardwareID: the pool ping-pongs like clones,
  // holding far more than 5 CALs, and only one temporary is ever issued.
  EXPECT_EQ(pooled.result.temporaries_issued, 1);
  EXPECT_EQ(clones.result.temporaries_issued, 1);
  EXPECT_GT(pooled.result.permanents_issued, 5 * 5);  // a healthy pool of 5 would hold 5
  EXPECT_GT(clones.result.permanents_issued, 5 * 5);
  EXPECT_NEAR(static_cast<double>(pooled.result.permanents_issued), static_cast<double>(clones.result.permanents_issued),
              0.25 * static_cast<double>(clones.result.permanents_issued));  // measured 58 vs 55
}

}  // namespace
}  // namespace calsim::testing
