// End-of-run snapshots (sim/model/snapshots.cpp): the registry shows each
// client's real end state, the WMI rows carry integer KeyPackIds that join,
// the temporary and built-in packs are rows, and the stores TSCTST prints.
#include <limits>
#include <map>

#include "model_fixture.hpp"

namespace calsim::testing {
namespace {

bool has_mslicensing(const node_registry& n) {
  for (const auto& k : n.keys)
    if (k.path.find("\\MSLicensing") != std::string::npos) return true;
  return false;
}

// A wipe_on_shutdown client has no MSLicensing key at the end when its
// shutdown (19:00) came after its last connection; computed here from the
// connection records, independently of the snapshot code.
TEST(Snapshots, R_CLI_2_a_wiped_store_is_gone_from_the_final_registry) {
  json j = base_scenario();
  j["clients"][0]["kind"] = "wipe_on_shutdown";
  j["clients"][0]["count"] = 12;
  j["clients"][0]["schedule"] = json::parse(R"({ "days": "workdays", "at": ["09:00"], "attendance": 0.6 })");
  j["days"] = 40;  // ends on a Saturday midnight, after Friday's shutdown
  const auto r = run(j, true);
  std::map<std::string, sim_time> last;
  for (std::size_t i = 0; i < r.connections.size(); ++i)
    last[r.connection_clients[i]] = std::max(last[r.connection_clients[i]], r.connections[i].time);
  const scenario s = load(j);
  int gone = 0, kept = 0;
  for (const auto& node : r.result.registry) {
    if (node.node == "RDSH1") continue;
    ASSERT_TRUE(last.count(node.node)) << node.node;
    const sim_time shutdown_after_last = day_floor(last[node.node]) + 19 * 3600;
    const bool wiped = shutdown_after_last < s.end;
    EXPECT_EQ(has_mslicensing(node), !wiped) << node.node;
    (wiped ? gone : kept) += 1;
  }
  EXPECT_EQ(gone, 12);  // the run ends after a shutdown: every store was deleted
  // A run ending at 12:00 on a workday, after the 09:00 connections: stores are there.
  j.erase("days");
  j["end"] = "2026-02-13T12:00";
  const auto midday = run(j, true);
  std::map<std::string, sim_time> last2;
  for (std::size_t i = 0; i < midday.connections.size(); ++i)
    last2[midday.connection_clients[i]] = std::max(last2[midday.connection_clients[i]], midday.connections[i].time);
  int kept2 = 0;
  for (const auto& node : midday.result.registry) {
    if (node.node == "RDSH1") continue;
    const bool connected_today = day_floor(last2[node.node]) == day_floor(at("2026-02-13T12:00"));
    EXPECT_EQ(has_mslicensing(node), connected_today) << node.node;
    kept2 += connected_today;
  }
  EXPECT_GT(kept2, 0);
  EXPECT_LT(kept2, 12);
  // TSCTST shows the same: no license on a client whose store is gone.
  for (const auto& store : midday.result.client_stores)
    EXPECT_EQ(store.licenses.empty(), day_floor(last2[store.client]) != day_floor(at("2026-02-13T12:00")))
        << store.client;
}

TEST(Snapshots, key_pack_ids_join_and_the_temporary_pack_is_a_row) {
  json j = base_scenario();
  j["license_servers"][0]["key_packs"] = json::parse(R"([
    { "id": "A", "type": "per_device", "version": 2019, "count": 3, "key_pack_id": 13 },
    { "id": "B", "type": "per_device", "version": 2022, "count": 2 } ])");
  j["clients"][0]["count"] = 6;
  j["days"] = 30;
  j["actions"] = json::parse(R"([ { "at": "2026-01-20", "do": "add_key_pack", "server": "LS1",
      "key_pack": { "id": "C", "type": "per_device", "version": 2019, "count": 1 } } ])");
  const auto r = run(j);
  std::map<std::uint32_t, const key_pack_row*> packs;
  for (const auto& p : r.result.key_packs) packs[p.key_pack_id] = &p;
  // A keeps 13, B its position 2, the temporary pack 14, the added C the next free number 15.
  ASSERT_EQ(packs.size(), 4u);
  EXPECT_EQ(packs.at(13)->id, "A");
  EXPECT_EQ(packs.at(2)->id, "B");
  EXPECT_EQ(packs.at(2)->product_version_id, 7);
  EXPECT_EQ(packs.at(2)->description, "A02-10.02-S");
  EXPECT_EQ(packs.at(14)->key_pack_type, 4);
  EXPECT_EQ(packs.at(14)->total, -1);
  EXPECT_EQ(packs.at(15)->id, "C");
  EXPECT_EQ(packs.at(13)->product_version_id, 6);
  EXPECT_EQ(packs.at(13)->product_version, "Windows Server 2019");
  std::map<std::uint32_t, std::int64_t> held;
  for (const auto& l : r.result.issued_licenses) {
    ASSERT_TRUE(packs.count(l.key_pack_id)) << l.key_pack_id;
    held[l.key_pack_id] += 1;
    EXPECT_EQ(l.pack, packs.at(l.key_pack_id)->id);
  }
  for (const auto& [id, p] : packs)
    if (p->key_pack_type != 4) {
      EXPECT_EQ(held[id], p->issued) << p->id;
    }
  EXPECT_EQ(held[13] + held[2] + held[15], 6);
}

TEST(Snapshots, R_VER_4_the_builtin_pack_is_a_row_under_ws2000) {
  json j = base_scenario();
  j["rules"] = "ws2000";
  j["license_servers"][0]["version"] = 2000;
  j["license_servers"][0]["key_packs"][0]["version"] = 2000;
  j["session_hosts"][0]["version"] = 2000;
  j["clients"][0]["os"] = "windows2000";
  j["clients"][0]["count"] = 3;
  j["days"] = 5;
  const auto r = run(j);
  ASSERT_EQ(r.result.key_packs.size(), 3u);
  const auto& builtin = r.result.key_packs[2];
  EXPECT_EQ(builtin.key_pack_id, 3u);
  EXPECT_EQ(builtin.key_pack_type, 6);
  EXPECT_EQ(builtin.description, "A02-5.00-EX");
  EXPECT_EQ(builtin.issued, 3);
  EXPECT_EQ(r.result.key_packs[1].key_pack_type, 4);
  for (const auto& l : r.result.issued_licenses)
    if (l.pack == "A02-5.00-EX") {
      EXPECT_EQ(l.key_pack_id, 3u);
    }
}

TEST(Snapshots, client_stores_list_what_the_registry_holds) {
  json j = base_scenario();
  j["clients"][0]["count"] = 3;
  j["days"] = 10;
  const auto r = run(j);
  ASSERT_EQ(r.result.client_stores.size(), 3u);
  for (const auto& st : r.result.client_stores) {
    ASSERT_EQ(st.licenses.size(), 1u) << st.client;
    const auto& l = st.licenses[0];
    EXPECT_EQ(l.issuer, "LS1");
    EXPECT_EQ(l.scope, "corp.example");
    EXPECT_EQ(l.issued_to_computer, st.client);
    EXPECT_FALSE(l.temporary);
    EXPECT_EQ(l.version, 2019);
    EXPECT_LT(l.valid_from, l.expires);
    EXPECT_EQ(l.hardware_id.size(), 40u);
  }
}

}  // namespace
}  // namespace calsim::testing

namespace calsim::testing {
namespace {

// Issue 18: per-client files (registry/, tsctst/) and truth.json's clients
// cover the first 1,000 clients and, beyond them, those a failure mode
// touched (here PC-1400, rebuilt: R-CLI-4); no limit lists them all.
TEST(Snapshots, PerClientFilesCoverTheFirst1000AndTheFlagged) {
  json j = base_scenario();
  j["clients"][0]["count"] = 1500;
  j["license_servers"][0]["key_packs"][0]["count"] = 2000;
  j["days"] = 20;
  j["actions"] = json::array({{{"at", "2026-01-10T07:00"}, {"do", "rebuild_client"}, {"clients", "PC-1400"}}});
  const scenario s = load(j);
  run_observer none;
  const run_result r = run_scenario(s, run_options{}, none);
  ASSERT_EQ(r.registry.size(), 1u + 1000u + 1u);  // the host, 1,000 clients, PC-1400
  EXPECT_EQ(r.registry.back().node, "PC-1400");
  EXPECT_EQ(r.client_stores.size(), 1001u);
  EXPECT_EQ(r.truth.clients.size(), 1001u);
  EXPECT_EQ(r.truth.clients_left_out, 499);
  run_options all;
  all.registry_client_limit = std::numeric_limits<std::size_t>::max();
  const run_result every = run_scenario(s, all, none);
  EXPECT_EQ(every.registry.size(), 1u + 1500u);
  EXPECT_EQ(every.truth.clients_left_out, 0);
}

}  // namespace
}  // namespace calsim::testing
