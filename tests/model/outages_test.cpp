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

// Discovery is cached per host between configuration changes: every change
// (link down, link up, a new server list, a server offline) must reach the
// very next connection, also within one day.
TEST(Outages, R_MODE_4_discovery_follows_every_change_between_two_connections) {
  json j = routed();
  j["license_servers"].push_back(json::parse(R"({ "name": "LS2", "version": 2019,
      "key_packs": [ { "id": "DEV19B", "type": "per_device", "version": 2019, "count": 10 } ] })"));
  j["network"]["links"].push_back(json::array({"RDSH1", "LS2"}));
  j["clients"][0]["schedule"]["at"] = json::array({"09:00", "10:00", "11:00", "12:00", "13:00"});
  j["actions"] = json::parse(R"([
      { "at": "2026-01-05T09:30", "do": "link_down", "between": ["R1", "LS1"] },
      { "at": "2026-01-05T10:30", "do": "link_up", "between": ["R1", "LS1"] },
      { "at": "2026-01-05T11:30", "do": "set_license_servers", "host": "RDSH1", "via": "registry",
        "servers": ["LS2"], "apply": "now" },
      { "at": "2026-01-05T12:30", "do": "server_offline", "server": "LS2" } ])");
  j["days"] = 1;
  const auto r = run(j, true);
  ASSERT_EQ(r.connection_servers.size(), 5u);
  EXPECT_EQ(r.connection_servers[0], "LS1");  // 09:00: a temporary from LS1
  EXPECT_EQ(r.connection_servers[1], "");     // 10:00: LS1 cut off, the temporary still works (R-DEV-5)
  EXPECT_EQ(r.connection_servers[2], "LS1");  // 11:00: back: the validated temporary is upgraded
  EXPECT_EQ(r.connection_servers[3], "LS2");  // 12:00: the new list applies at once
  EXPECT_EQ(r.connection_servers[4], "");     // 13:00: LS2 offline, LS1 no longer listed
  EXPECT_EQ(r.day("2026-01-05", "DEV19")->issued, 1);
  EXPECT_EQ(r.day("2026-01-05", "DEV19B")->temporary_valid, 1);  // LS2 had never seen the HardwareID
}

}  // namespace calsim::testing
