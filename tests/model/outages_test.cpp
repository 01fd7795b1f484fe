// R-NET-1 and R-DEV-5: unreachable license servers.
#include "model_fixture.hpp"

namespace calsim::testing {
namespace {
json routed() {
  json j = base_scenario();
  j["network"] = json::parse(R"({ "routers": ["R1"], "links": [["RDSH1", "R1"], ["R1", "LS1"]] })");
  return j;
}
}  // namespace

TEST(Outages, R_DEV_5_permanent_CALs_keep_working_while_the_server_is_unreachable_and_log_1028) {
  json j = routed();
  j["clients"][0]["count"] = 5;
  j["actions"] = json::parse(R"([{ "at": "2026-01-10", "do": "link_down", "between": ["R1", "LS1"] }])");
  j["days"] = 120;
  const auto r = run(j);
  // Leases run 52..89 days: each client is in its renewal window at some point and cannot renew.
  EXPECT_GT(r.count_events(1028), 0);
  // A CAL stops working at its expiry; the host is past grace: refusals start after 52 days at the earliest.
  ASSERT_TRUE(r.result.first_refusal.has_value());
  EXPECT_GE(*r.result.first_refusal, at("2026-01-06T09:00") + days(52));
}

TEST(Outages, R_NET_1_new_clients_are_refused_after_grace_when_no_server_is_reachable) {
  json j = routed();
  j["actions"] = json::parse(R"([
      { "at": "2026-01-10", "do": "link_down", "between": ["R1", "LS1"] },
      { "at": "2026-01-12", "do": "add_clients", "clients": { "group": "late", "count": 3, "name": "L-{n}",
        "hosts": ["RDSH1"], "schedule": { "days": "daily", "at": ["10:00"] } } },
      { "at": "2026-01-20", "do": "link_up", "between": ["R1", "LS1"] } ])");
  j["days"] = 25;
  const auto r = run(j);
  EXPECT_EQ(r.result.connections_refused, 3 * 8);  // 2026-01-12 .. 2026-01-19
  EXPECT_EQ(r.count_events(1004), 3 * 8);
  EXPECT_EQ(r.day("2026-01-21")->issued, 4);  // after the link is back, everyone is licensed
}

TEST(Outages, R_NET_1_an_offline_router_cuts_the_path_and_a_second_server_is_used) {
  json j = routed();
  j["license_servers"].push_back(json::parse(R"({ "name": "LS2", "version": 2019,
      "key_packs": [ { "id": "DEV19B", "type": "per_device", "version": 2019, "count": 10 } ] })"));
  j["session_hosts"][0]["license_servers"] = json::array({"LS1", "LS2"});
  j["network"]["links"].push_back(json::array({"RDSH1", "LS2"}));
  j["actions"] = json::parse(R"([{ "at": "2026-01-05", "do": "server_offline", "server": "LS1" }])");
  j["days"] = 5;
  const auto r = run(j);
  EXPECT_EQ(r.day("2026-01-09", "DEV19B")->issued, 1);
  EXPECT_EQ(r.day("2026-01-09", "DEV19")->issued, 0);
}

}  // namespace calsim::testing
