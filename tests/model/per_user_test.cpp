// R-USER and R-MODE-6: per-user CALs are not enforced; a workgroup cannot use them.
#include "model_fixture.hpp"

namespace calsim::testing {
namespace {
json per_user(int users, int cals) {
  json j = base_scenario();
  j["license_servers"][0]["key_packs"] = json::parse(R"([{ "id": "USR19", "type": "per_user", "version": 2019, "count": 0 }])");
  j["license_servers"][0]["key_packs"][0]["count"] = cals;
  j["session_hosts"][0]["licensing_mode"] = 4;
  j["clients"][0]["count"] = users;
  j["days"] = 30;
  return j;
}
}  // namespace

TEST(PerUser, R_USER_1_never_refused_and_overuse_is_counted) {
  const auto r = run(per_user(10, 6));
  EXPECT_EQ(r.result.connections_refused, 0);
  EXPECT_EQ(r.day("2026-01-10", "USR19")->issued, 6);
  EXPECT_EQ(r.day("2026-01-10", "USR19")->overused, 4);
  EXPECT_EQ(r.result.per_user_overused, 4);
}

TEST(PerUser, R_USER_2_a_cal_lasts_60_days_and_a_signin_in_its_last_7_days_extends_it) {
  json j = per_user(1, 5);
  j["clients"][0]["schedule"]["days"] = json{{"dates", {"2026-01-05", "2026-02-28", "2026-03-20"}}};
  j["days"] = 150;
  const auto r = run(j);
  EXPECT_EQ(r.day("2026-03-05", "USR19")->issued, 1);  // day 59, extended on day 54 (2026-02-28)
  EXPECT_EQ(r.day("2026-04-28", "USR19")->issued, 1);  // 2026-02-28 + 60 = 2026-04-29
  EXPECT_EQ(r.day("2026-04-29", "USR19")->issued, 0);  // the sign-in of 03-20 was not in the last 7 days
}

TEST(PerUser, R_USER_3_without_AD_write_access_the_issue_logs_4105) {
  json j = per_user(3, 5);
  j["license_servers"][0]["ad_write"] = false;
  const auto r = run(j);
  EXPECT_EQ(r.count_events(4105), 3);
  EXPECT_EQ(r.day("2026-01-10", "USR19")->issued, 3);
}

TEST(PerUser, R_MODE_6_per_user_in_a_workgroup_is_refused_after_grace_with_1000) {
  json j = per_user(2, 5);
  j["session_hosts"][0]["domain"] = nullptr;
  const auto r = run(j);  // host installed 2025-01-01: grace long over
  EXPECT_EQ(r.result.connections_refused, 60);
  EXPECT_EQ(r.count_events(1000), 60);
}

TEST(PerUser, R_USER_4_deleting_mslicensing_changes_nothing_in_per_user_mode) {
  json j = per_user(2, 5);
  j["actions"] = json::parse(R"([{ "at": "2026-01-10", "do": "delete_mslicensing", "clients": "office" }])");
  const auto r = run(j);
  EXPECT_EQ(r.result.per_user_issued, 2);
  EXPECT_EQ(r.result.connections_refused, 0);
}

TEST(PerUser, R_MODE_5_a_per_device_host_on_a_per_user_server_gets_temporaries_and_1004) {
  json j = per_user(1, 5);
  j["session_hosts"][0]["licensing_mode"] = 2;
  const auto r = run(j);
  EXPECT_EQ(r.result.permanents_issued, 0);
  EXPECT_GT(r.count_events(1004), 0);
  EXPECT_EQ(r.result.connections_refused, 0);  // the temporary works for 90 days
}

}  // namespace calsim::testing
