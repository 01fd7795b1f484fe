// R-GRACE: the grace period per profile (RULES.md table P).
#include "model_fixture.hpp"

namespace calsim::testing {
namespace {

// A host in mode 5 (not configured), installed at the start, one daily client.
json unconfigured(const std::string& rules) {
  json j = base_scenario();
  j["rules"] = rules;
  j["session_hosts"][0]["licensing_mode"] = 5;
  j["session_hosts"][0]["installed"] = "2026-01-05";
  j["clients"][0]["schedule"]["at"] = json::array({"09:00"});
  j["days"] = 150;
  return j;
}

std::int64_t days_left_on(const recorded_run& r, const std::string& date) {
  for (const auto& h : r.hosts)
    if (h.date == at(date)) return h.grace_days_left;
  return -1;
}

}  // namespace

TEST(Grace, R_GRACE_1_and_4_ws2012_allows_120_days_then_refuses_with_1069) {
  const auto r = run(unconfigured("ws2012"));
  EXPECT_EQ(r.result.connections_allowed_in_grace, 120);
  EXPECT_EQ(r.result.connections_refused, 150 - 120);
  EXPECT_EQ(r.count_events(1069), 150 - 120);
  EXPECT_EQ(r.result.first_refusal, at("2026-01-05T09:00") + days(120));
  EXPECT_EQ(days_left_on(r, "2026-01-05"), 119);  // sampled at the end of the day: one day gone
  EXPECT_EQ(days_left_on(r, "2026-01-06"), 118);
}

TEST(Grace, R_GRACE_1_ws2000_grace_is_90_days_from_the_first_connection) {
  json j = unconfigured("ws2000");
  j["clients"][0]["active"] = json{{"from", "2026-01-15"}};
  const auto r = run(j);
  EXPECT_EQ(days_left_on(r, "2026-01-10"), 90);  // R-GRACE-2: not started before a connection
  EXPECT_EQ(r.result.first_refusal, at("2026-01-15T09:00") + days(90));
}

TEST(Grace, R_GRACE_2_ws2008_starts_at_first_connection_and_R_GRACE_3_ends_at_first_permanent) {
  json j = base_scenario();
  j["rules"] = "ws2008";
  j["session_hosts"][0]["installed"] = "2025-01-01";  // long ago: irrelevant in ws2008
  j["clients"][0]["active"] = json{{"from", "2026-01-20"}};
  j["days"] = 30;
  const auto r = run(j);
  EXPECT_EQ(days_left_on(r, "2026-01-19"), 120);
  EXPECT_EQ(days_left_on(r, "2026-01-20"), 120);  // started at 09:00, sampled at the end of the day
  EXPECT_EQ(days_left_on(r, "2026-01-21"), 0);    // a permanent was issued: grace over
}

TEST(Grace, R_GRACE_3_ws2003_ends_when_the_host_first_reaches_a_license_server) {
  json j = base_scenario();
  j["rules"] = "ws2003";
  j["session_hosts"][0]["installed"] = "2026-01-05";
  j["license_servers"][0]["online"] = false;
  j["actions"] = json::parse(R"([{ "at": "2026-02-01", "do": "server_online", "server": "LS1" }])");
  j["days"] = 40;
  const auto r = run(j);
  EXPECT_GT(days_left_on(r, "2026-01-31"), 80);
  EXPECT_EQ(days_left_on(r, "2026-02-01"), 0);
}

TEST(Grace, R_GRACE_3_ws2012_counts_down_even_with_a_license_server) {
  json j = base_scenario();
  j["session_hosts"][0]["installed"] = "2026-01-05";
  j["days"] = 10;
  const auto r = run(j);
  EXPECT_EQ(days_left_on(r, "2026-01-14"), 110);  // 10 whole days gone
}

TEST(Grace, R_GRACE_5_deleting_the_timebomb_restarts_grace_at_the_next_restart) {
  json j = unconfigured("ws2012");
  j["actions"] = json::parse(R"([
    { "at": "2026-05-20", "do": "delete_timebomb", "host": "RDSH1" },
    { "at": "2026-05-21T06:00", "do": "restart_host", "host": "RDSH1" } ])");
  const auto r = run(j);
  EXPECT_EQ(days_left_on(r, "2026-05-20"), 0);
  EXPECT_EQ(days_left_on(r, "2026-05-21"), 120);
  // Refused from day 121 (2026-05-05) to 2026-05-20, then allowed again.
  EXPECT_EQ(r.result.connections_refused, 16);
}

TEST(Grace, R_GRACE_6_administrative_connections_are_never_refused) {
  json j = unconfigured("ws2012");
  j["clients"][0]["schedule"]["admin"] = true;
  const auto r = run(j);
  EXPECT_EQ(r.result.connections_refused, 0);
  EXPECT_EQ(r.result.connections_allowed, 150);
}

TEST(Grace, R_MODE_7_a_mode_change_applies_at_restart_unless_now) {
  json j = unconfigured("ws2012");
  j["days"] = 170;
  j["actions"] = json::parse(R"([
    { "at": "2026-06-01", "do": "set_licensing_mode", "host": "RDSH1", "value": 2 },
    { "at": "2026-06-10", "do": "restart_host", "host": "RDSH1" } ])");
  const auto r = run(j);
  // Refused from 2026-05-05 through 2026-06-09 (mode 5 still effective), licensed after.
  EXPECT_EQ(r.result.connections_refused, 36);
  EXPECT_EQ(r.result.temporaries_issued, 1);
  EXPECT_EQ(r.hosts.back().mode, 2);
  // "apply": "now" takes effect at once, without a restart.
  j["actions"] = json::parse(R"([{ "at": "2026-06-01", "do": "set_licensing_mode", "host": "RDSH1", "value": 2,
                                   "apply": "now" }])");
  EXPECT_EQ(run(j).result.connections_refused, 27);  // 2026-05-05 .. 2026-05-31
}

TEST(Grace, R_MODE_1_the_policy_value_wins_over_the_registry) {
  json j = unconfigured("ws2012");
  j["session_hosts"][0]["policy"] = json{{"licensing_mode", 2}};
  const auto r = run(j);
  EXPECT_EQ(r.result.connections_refused, 0);
  EXPECT_EQ(r.result.permanents_issued, 1);
}

}  // namespace calsim::testing
