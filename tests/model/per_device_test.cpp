// R-DEV: the per-device CAL lifecycle, each rule by its numbers.
#include <algorithm>
#include <cmath>
#include <map>

#include "model_fixture.hpp"

namespace calsim::testing {

TEST(PerDevice, R_DEV_1_first_connection_gets_a_90_day_temporary) {
  json j = base_scenario();
  j["days"] = 1;
  const auto r = run(j, true);
  ASSERT_EQ(r.connections.size(), 1u);
  const auto& c = r.connections[0];
  EXPECT_EQ(c.presented, 0);
  EXPECT_EQ(c.holds, 1);
  EXPECT_EQ(c.holds_expires - c.time, days(90));
  EXPECT_EQ(r.result.temporaries_issued, 1);
  EXPECT_EQ(r.result.permanents_issued, 0);
  ASSERT_NE(r.day("2026-01-05"), nullptr);
  EXPECT_EQ(r.day("2026-01-05")->issued, 0);  // temporaries never consume the pool
  EXPECT_EQ(r.day("2026-01-05")->temporary_valid, 1);
}

TEST(PerDevice, R_DEV_2_temporary_is_validated_after_logon_and_R_DEV_3_upgraded_next_time) {
  json j = base_scenario();
  j["days"] = 2;
  const auto r = run(j, true);
  ASSERT_EQ(r.connections.size(), 2u);
  EXPECT_NE(r.decisions[0].find("temporary"), std::string::npos);
  EXPECT_EQ(r.connections[1].presented, 1);
  EXPECT_EQ(r.connections[1].holds, 2);
  EXPECT_NE(r.decisions[1].find("upgraded the validated temporary"), std::string::npos);
  EXPECT_EQ(r.day("2026-01-06")->issued, 1);
  EXPECT_EQ(r.day("2026-01-06")->available, 49);
  EXPECT_EQ(r.day("2026-01-06")->issued_today, 1);
}

TEST(PerDevice, R_DEV_3_without_a_permanent_the_temporary_keeps_working_then_R_DEV_8_refuses_with_1011) {
  json j = base_scenario();
  j["license_servers"][0]["key_packs"][0]["count"] = 0;
  j["days"] = 120;
  const auto r = run(j, true);
  // Days 1..90 the temporary works; from day 91 the client is refused (1011).
  for (std::size_t i = 0; i < r.connections.size(); ++i) {
    const bool within = r.connections[i].time < at("2026-01-05T09:00") + days(90);
    if (within) {
      EXPECT_EQ(r.connections[i].holds, 1) << i;
    }
  }
  EXPECT_EQ(r.result.connections_refused, 120 - 90);
  EXPECT_EQ(r.count_events(1011), 120 - 90);
  EXPECT_EQ(r.result.first_refusal, at("2026-01-05T09:00") + days(90));
  EXPECT_EQ(r.result.temporaries_issued, 1);  // R-DEV-1: one temporary per HardwareID
}

TEST(PerDevice, R_DEV_4_permanent_lease_is_uniform_over_52_to_89_whole_days) {
  json j = base_scenario();
  j["license_servers"][0]["key_packs"][0]["count"] = 20000;
  j["clients"][0]["count"] = 8000;
  j["days"] = 2;
  const auto r = run(j);
  std::map<std::int64_t, int> histogram;
  int leases = 0;
  for (const auto& row : r.result.issued_licenses) {
    if (row.status != 2) continue;
    const sim_time len = row.expiration_date - row.issue_date;
    ASSERT_EQ(len % seconds_per_day, 0) << "whole days";
    const std::int64_t d = len / seconds_per_day;
    ASSERT_GE(d, 52);
    ASSERT_LE(d, 89);
    ++histogram[d];
    ++leases;
  }
  ASSERT_EQ(leases, 8000);
  ASSERT_EQ(histogram.size(), 38u);  // every length 52..89 occurs
  const double expected = leases / 38.0;
  double chi2 = 0;
  for (const auto& [d, n] : histogram) chi2 += (n - expected) * (n - expected) / expected;
  EXPECT_LT(chi2, 69.35);  // chi-square, 37 degrees of freedom, 0.999 quantile
  double mean = 0;
  for (const auto& [d, n] : histogram) mean += static_cast<double>(d * n);
  EXPECT_NEAR(mean / leases, 70.5, 0.5);
}

TEST(PerDevice, R_DEV_5_renewal_happens_only_inside_the_7_day_window) {
  json j = base_scenario();
  j["days"] = 400;
  const auto r = run(j, true);
  int renewals = 0;
  for (std::size_t i = 0; i < r.connections.size(); ++i) {
    const bool renewed = r.decisions[i].find("renewed") != std::string::npos;
    if (r.connections[i].presented == 2) {
      const sim_time left = r.connections[i].presented_expires - r.connections[i].time;
      EXPECT_EQ(renewed, left <= days(7)) << "connection " << i;
      if (renewed) {
        EXPECT_GE(r.connections[i].holds_expires - r.connections[i].time, days(52));
      }
    }
    renewals += renewed;
  }
  EXPECT_GE(renewals, 4);  // 400 days / at most 89 days a lease
  EXPECT_EQ(r.result.permanents_issued, 1);  // the same license all along
  EXPECT_EQ(r.result.permanents_returned, 0);
  EXPECT_EQ(r.result.permanents_renewed, renewals);
}

TEST(PerDevice, R_DEV_6_an_unrenewed_permanent_returns_to_the_pool_at_its_expiry) {
  json j = base_scenario();
  j["actions"] = json::parse(R"([{ "at": "2026-01-07", "do": "retire_client", "clients": "PC-001" }])");
  j["days"] = 100;
  const auto r = run(j, true);
  ASSERT_EQ(r.connections.size(), 2u);
  const sim_time expiry = r.connections[1].holds_expires;
  const std::string expiry_day = detail::format_date(expiry);
  const std::string before = detail::format_date(expiry - seconds_per_day);
  EXPECT_EQ(r.day(before)->issued, 1);
  EXPECT_EQ(r.day(expiry_day)->issued, 0);
  EXPECT_EQ(r.day(expiry_day)->returned_today, 1);
  EXPECT_EQ(r.result.permanents_returned, 1);
}

TEST(PerDevice, R_DEV_7_a_license_that_is_not_the_latest_gets_a_new_permanent) {
  // Two clones share a HardwareID: each presents a license that is not the latest.
  json j = base_scenario();
  j["images"] = json::parse(R"([{ "name": "GOLD", "hardware_id": "random", "license": "none" }])");
  j["clients"][0]["kind"] = "cloned";
  j["clients"][0]["image"] = "GOLD";
  j["clients"][0]["count"] = 2;
  j["clients"][0]["schedule"]["at"] = json::array({"09:00"});
  j["days"] = 4;
  const auto r = run(j, true);
  // Day 1: clone 1 temporary, clone 2 (HardwareID has a validated temporary) a permanent.
  // Then every connection presents a superseded license and gets a new permanent.
  EXPECT_EQ(r.result.temporaries_issued, 1);
  EXPECT_EQ(r.result.permanents_issued, static_cast<std::int64_t>(r.connections.size()) - 1);
  EXPECT_EQ(r.day("2026-01-08")->issued, r.result.permanents_issued);
}

TEST(PerDevice, R_DEV_10_corrupt_store_logs_1003_and_the_client_starts_over) {
  json j = base_scenario();
  j["actions"] = json::parse(R"([{ "at": "2026-01-10", "do": "corrupt_store", "clients": "office" }])");
  j["days"] = 12;
  const auto r = run(j, true);
  EXPECT_EQ(r.count_events(1003), 1);
  EXPECT_EQ(r.result.temporaries_issued, 2);  // a new HardwareID is a new device
  EXPECT_EQ(r.result.permanents_issued, 2);   // the old CAL is not renewed: it returns at expiry
  EXPECT_EQ(r.result.connections_refused, 0);
}

TEST(PerDevice, R_DEV_9_an_unactivated_server_issues_temporaries_only_and_logs_18) {
  json j = base_scenario();
  j["license_servers"][0]["activated"] = false;
  j["days"] = 30;
  j["actions"] = json::parse(R"([{ "at": "2026-01-20", "do": "activate_server", "server": "LS1" }])");
  const auto r = run(j, true);
  EXPECT_EQ(r.count_events(18), 1);
  EXPECT_EQ(r.count_events(4), 1);
  EXPECT_EQ(r.day("2026-01-19")->issued, 0);
  EXPECT_EQ(r.day("2026-01-20")->issued, 1);  // upgraded at the first connection after activation
}

}  // namespace calsim::testing
