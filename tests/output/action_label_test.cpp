// The report's name for each action verb (markers and the event table).
#include <gtest/gtest.h>

#include "output/action_label.hpp"

namespace calsim::detail {
namespace {

scenario small_estate() {
  scenario s;
  s.license_servers.resize(2);
  s.license_servers[0].name = "LS1";
  s.license_servers[1].name = "LS2";
  s.session_hosts.resize(1);
  s.session_hosts[0].name = "RDSH1";
  s.clients.resize(2);
  s.clients[0].group = "office";
  s.clients[1].group = "late";
  s.clients[1].count = 7;
  s.network.routers = {"R1"};
  return s;
}

std::string label(action_verb verb, void (*fill)(action_spec&) = nullptr) {
  action_spec a;
  a.verb = verb;
  if (fill) fill(a);
  return action_label(small_estate(), a);
}

TEST(ActionLabel, HostVerbs) {
  EXPECT_EQ(label(action_verb::restart_host), "restart_host RDSH1");
  EXPECT_EQ(label(action_verb::delete_timebomb), "delete_timebomb RDSH1");
  EXPECT_EQ(label(action_verb::set_policy, [](action_spec& a) { a.prevent_license_upgrade = true; }),
            "set_policy RDSH1");
  EXPECT_EQ(label(action_verb::set_licensing_mode, [](action_spec& a) { a.value = 4; }), "set_licensing_mode RDSH1 = 4");
  EXPECT_EQ(label(action_verb::set_licensing_mode), "set_licensing_mode RDSH1 = unset");
  EXPECT_EQ(label(action_verb::set_license_servers, [](action_spec& a) { a.servers = std::vector<std::size_t>{1, 0}; }),
            "set_license_servers RDSH1 = LS2,LS1");
  EXPECT_EQ(label(action_verb::set_license_servers, [](action_spec& a) { a.servers.emplace(); }),
            "set_license_servers RDSH1 = (none)");
  EXPECT_EQ(label(action_verb::set_license_servers), "set_license_servers RDSH1 = unset");
}

TEST(ActionLabel, ClientVerbs) {
  auto targets = [](action_spec& a) { a.clients = {{0, -1}, {0, 2}}; };
  EXPECT_EQ(label(action_verb::delete_mslicensing, targets), "delete_mslicensing office, office #3");
  EXPECT_EQ(label(action_verb::corrupt_store, targets), "corrupt_store office, office #3");
  EXPECT_EQ(label(action_verb::rebuild_client, targets), "rebuild_client office, office #3");
  EXPECT_EQ(label(action_verb::retire_client, targets), "retire_client office, office #3");
  EXPECT_EQ(label(action_verb::add_clients, [](action_spec& a) { a.group = 1; }), "add_clients late (7)");
}

// Issue 15: a client is named as the trainer sees it, from its group's pattern.
TEST(ActionLabel, ClientsByTheirNames) {
  scenario s = small_estate();
  s.clients[0].name.parts = {{name_pattern::part::kind::text, "PC-", 0}, {name_pattern::part::kind::index, "", 3}};
  action_spec a;
  a.verb = action_verb::rebuild_client;
  a.clients = {{0, 6}, {0, -1}, {0, 1233}};
  EXPECT_EQ(action_label(s, a), "rebuild_client PC-007, office, PC-1234");
}

TEST(ActionLabel, ServerVerbs) {
  auto ls2 = [](action_spec& a) { a.server = 1; };
  EXPECT_EQ(label(action_verb::activate_server, ls2), "activate_server LS2");
  EXPECT_EQ(label(action_verb::server_offline, ls2), "server_offline LS2");
  EXPECT_EQ(label(action_verb::server_online, ls2), "server_online LS2");
  EXPECT_EQ(label(action_verb::rebuild_license_database, ls2), "rebuild_license_database LS2");
  EXPECT_EQ(label(action_verb::add_key_pack,
                  [](action_spec& a) { a.pack = key_pack_spec{"DEV22", pack_type::per_device, 2022, 25}; }),
            "add_key_pack LS1 DEV22 (25)");
  EXPECT_EQ(label(action_verb::remove_key_pack, [](action_spec& a) { a.pack_id = "DEV19"; }),
            "remove_key_pack LS1 DEV19");
  EXPECT_EQ(label(action_verb::revoke, [](action_spec& a) { a.count = 5; }), "revoke LS1 5");
  EXPECT_EQ(label(action_verb::revoke, [](action_spec& a) { a.clients = {{1, 0}}; }), "revoke LS1 late #1");
}

TEST(ActionLabel, LinkVerbs) {
  auto link = [](action_spec& a) {
    a.between = {node_ref{node_kind::session_host, 0}, node_ref{node_kind::router, 0}};
  };
  EXPECT_EQ(label(action_verb::link_down, link), "link_down RDSH1–R1");
  EXPECT_EQ(label(action_verb::link_up, link), "link_up RDSH1–R1");
}

TEST(ActionLabel, UnknownIndicesShowAQuestionMark) {
  EXPECT_EQ(label(action_verb::restart_host, [](action_spec& a) { a.host = 9; }), "restart_host ?");
  EXPECT_EQ(label(action_verb::add_clients, [](action_spec& a) { a.group = 9; }), "add_clients group 9");
}

}  // namespace
}  // namespace calsim::detail
