// The seed's failure modes and their analytic steady states (Little's law:
// mean CALs held = issue rate x mean lease, the mean lease being 70.5 days).
#include <numeric>

#include "model_fixture.hpp"

namespace calsim::testing {
namespace {

// Mean of a pack's issued count over the days [from, to).
double mean_issued(const recorded_run& r, const std::string& from, const std::string& to) {
  double sum = 0;
  int n = 0;
  for (const auto& p : r.packs)
    if (p.date >= at(from) && p.date < at(to)) {
      sum += static_cast<double>(p.issued);
      ++n;
    }
  return n ? sum / n : 0;
}

}  // namespace

TEST(FailureModes, R_DEV_7_k_clones_hold_k_minus_1_over_k_times_70_5_CALs) {
  for (const int k : {3, 6}) {
    json j = base_scenario();
    j["license_servers"][0]["key_packs"][0]["count"] = 5000;
    j["images"] = json::parse(R"([{ "name": "GOLD", "hardware_id": "random", "license": "none" }])");
    j["clients"][0] = json::parse(R"({ "group": "clones", "count": 1, "name": "CL-{n:02}", "kind": "cloned",
        "image": "GOLD", "hosts": ["RDSH1"], "schedule": { "days": "daily", "at": ["10:00"], "jitter_minutes": 60 } })");
    j["clients"][0]["count"] = k;
    j["days"] = 700;
    const auto r = run(j);
    const double expected = (k - 1.0 / k) * 70.5;  // new permanents a day x mean lease
    EXPECT_NEAR(mean_issued(r, "2026-06-01", "2027-12-01"), expected, 0.06 * expected) << k << " clones";
  }
}

TEST(FailureModes, R_CLI_3_non_persistent_with_two_logons_per_boot_hold_70_5_CALs_each) {
  json j = base_scenario();
  const int machines = 20;
  j["license_servers"][0]["key_packs"][0]["count"] = 5000;
  j["clients"][0]["kind"] = "non_persistent";
  j["clients"][0]["count"] = machines;
  j["clients"][0]["schedule"]["at"] = json::array({"09:00", "14:00"});
  j["days"] = 500;
  const auto r = run(j);
  const double expected = machines * 70.5;  // one permanent a machine a day x 70.5 days
  EXPECT_NEAR(mean_issued(r, "2026-05-01", "2027-05-01"), expected, 0.03 * expected);
}

TEST(FailureModes, R_CLI_3_non_persistent_with_one_logon_per_boot_never_get_a_permanent) {
  json j = base_scenario();
  const int machines = 20;
  j["clients"][0]["kind"] = "non_persistent";
  j["clients"][0]["count"] = machines;
  j["days"] = 200;
  const auto r = run(j);
  EXPECT_EQ(r.result.permanents_issued, 0);
  // Each machine gets a new 90-day temporary every day: 90 valid per machine at steady state.
  EXPECT_EQ(r.day("2026-06-01")->temporary_valid, 90 * machines);
  EXPECT_EQ(r.result.connections_refused, 0);
}

TEST(FailureModes, R_CLI_3_a_wipe_on_shutdown_script_makes_a_new_device_every_day) {
  json j = base_scenario();
  j["license_servers"][0]["key_packs"][0]["count"] = 5000;
  j["clients"][0]["kind"] = "wipe_on_shutdown";
  j["clients"][0]["count"] = 10;
  j["clients"][0]["schedule"]["at"] = json::array({"09:00", "14:00"});
  j["days"] = 300;
  const auto r = run(j);
  EXPECT_NEAR(mean_issued(r, "2026-05-01", "2026-10-01"), 10 * 70.5, 0.05 * 10 * 70.5);
}

TEST(FailureModes, R_DEV_11_a_dead_clients_CAL_returns_before_the_replacements_temporary_expires) {
  json j = base_scenario();
  j["license_servers"][0]["key_packs"][0]["count"] = 1;
  j["clients"][0]["schedule"]["days"] = "daily";
  j["actions"] = json::parse(R"([
    { "at": "2026-01-06T12:00", "do": "retire_client", "clients": "PC-001" },
    { "at": "2026-01-06T12:00", "do": "add_clients", "clients":
      { "group": "replacement", "count": 1, "name": "NEW-{n}", "kind": "persistent", "hosts": ["RDSH1"],
        "schedule": { "days": "daily", "at": ["13:00"] } } } ])");
  j["days"] = 120;
  const auto r = run(j, true);
  // The dead client's CAL (issued day 2, at most 89 days) returns before day 2 + 90 (the temporary's end).
  EXPECT_EQ(r.result.connections_refused, 0);
  EXPECT_EQ(r.count_events(1011), 0);
  sim_time upgraded = 0, temporary_end = 0;
  for (std::size_t i = 0; i < r.connections.size(); ++i) {
    if (r.connection_clients[i] != "NEW-1") continue;
    if (!temporary_end && r.connections[i].holds == 1) temporary_end = r.connections[i].holds_expires;
    if (!upgraded && r.connections[i].holds == 2) upgraded = r.connections[i].time;
  }
  ASSERT_GT(upgraded, 0);
  EXPECT_LT(upgraded, temporary_end);
}

TEST(FailureModes, Littles_law_n_persistent_daily_clients_hold_exactly_n_CALs) {
  json j = base_scenario();
  j["clients"][0]["count"] = 37;
  j["days"] = 300;
  const auto r = run(j);
  for (const auto& p : r.packs)
    if (p.date >= at("2026-01-06")) {
      EXPECT_EQ(p.issued, 37);
    }
  EXPECT_EQ(r.result.permanents_issued, 37);
}

}  // namespace calsim::testing
