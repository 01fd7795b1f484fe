// Run-time invariants: a broken one is an invariant_error (exit 3) naming it.
#include "calsim/errors.hpp"
#include "model/simulation.hpp"
#include "model_fixture.hpp"

namespace calsim::detail {
// Test access to the simulation's private state.
struct simulation_access {
  static std::vector<license_server>& servers(simulation& s) { return s.servers_; }
  static void sample(simulation& s) { s.sample_day(s.now()); }
};
}  // namespace calsim::detail

namespace calsim::testing {

TEST(Invariants, pool_balance_issued_plus_available_equals_total_is_checked) {
  const scenario s = load(base_scenario());
  run_observer quiet;
  detail::simulation sim(s, run_options{}, quiet);
  detail::simulation_access::servers(sim)[0].pack(0).available -= 1;  // break it
  try {
    detail::simulation_access::sample(sim);
    FAIL() << "no invariant_error";
  } catch (const invariant_error& e) {
    EXPECT_EQ(e.rule, "pool-balance");
    EXPECT_NE(std::string(e.what()).find("LS1/DEV19"), std::string::npos);
  }
}

TEST(Invariants, every_run_of_a_busy_estate_keeps_them) {
  json j = base_scenario();
  j["license_servers"][0]["key_packs"][0]["count"] = 30;
  j["images"] = json::parse(R"([{ "name": "GOLD", "hardware_id": "random", "license": "none" }])");
  j["clients"] = json::parse(R"([
    { "group": "a", "count": 20, "name": "A-{n}", "hosts": ["RDSH1"], "schedule": { "days": "workdays", "at": ["09:00"], "jitter_minutes": 30, "attendance": 0.8 } },
    { "group": "b", "count": 5, "name": "B-{n}", "kind": "cloned", "image": "GOLD", "hosts": ["RDSH1"], "schedule": { "days": "daily", "at": ["10:00"] } },
    { "group": "c", "count": 5, "name": "C-{n}", "kind": "thin", "hosts": ["RDSH1"], "schedule": { "days": { "poisson_per_day": 2 } } } ])");
  j["actions"] = json::parse(R"([{ "at": "2026-03-01", "do": "revoke", "server": "LS1", "count": 10 },
                                 { "at": "2026-04-01", "do": "rebuild_license_database", "server": "LS1" }])");
  j["days"] = 365;
  const auto r = run(j);  // throws invariant_error when anything breaks
  for (const auto& p : r.packs) EXPECT_EQ(p.issued + p.available, p.total);
  for (const auto& row : r.result.issued_licenses) {
    if (row.status == 2) {
      EXPECT_LE(row.expiration_date - row.issue_date, days(89));
    }
    if (row.status == 1) {
      EXPECT_EQ(row.expiration_date - row.issue_date, days(90));
    }
  }
}

}  // namespace calsim::testing
