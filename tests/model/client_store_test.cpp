// The client's store and the server's view of a computer: R-CLI-1, R-CLI-4,
#include <set>
// R-MODE-3, R-VER-1, R-VER-5 (each through a whole run, read from its snapshots).
#include "model_fixture.hpp"

namespace calsim::testing {
namespace {

const node_registry* registry_of(const recorded_run& r, const std::string& node) {
  for (const auto& n : r.result.registry)
    if (n.node == node) return &n;
  return nullptr;
}

const reg_key* key_ending(const node_registry& n, const std::string& suffix) {
  for (const auto& k : n.keys)
    if (k.path.size() >= suffix.size() && k.path.compare(k.path.size() - suffix.size(), suffix.size(), suffix) == 0)
      return &k;
  return nullptr;
}

const reg_value* value_named(const reg_key& k, const std::string& name) {
  for (const auto& v : k.values)
    if (v.name == name) return &v;
  return nullptr;
}

TEST(ClientStore, R_CLI_1_MSLicensing_holds_a_20_byte_ClientHWID_and_one_LICENSE00x_per_scope) {
  const auto r = run(base_scenario());
  const node_registry* pc = registry_of(r, "PC-001");
  ASSERT_NE(pc, nullptr);
  const reg_key* hwid = key_ending(*pc, "MSLicensing\\HardwareID");
  ASSERT_NE(hwid, nullptr);
  const reg_value* id = value_named(*hwid, "ClientHWID");
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->bytes.size(), 20u);
  const reg_key* store = key_ending(*pc, "MSLicensing\\Store\\LICENSE000");
  ASSERT_NE(store, nullptr);
  for (const char* name : {"ClientLicense", "CompanyName", "LicenseScope", "ProductID"})
    EXPECT_NE(value_named(*store, name), nullptr) << name;
  EXPECT_EQ(key_ending(*pc, "MSLicensing\\Store\\LICENSE001"), nullptr);  // one license server scope
}

TEST(ClientStore, R_CLI_4_a_rebuilt_client_shows_twice_in_the_issued_report_with_two_HardwareIDs) {
  json j = base_scenario();
  j["days"] = 30;
  j["actions"] = json::parse(R"([ { "at": "2026-01-20T12:00", "do": "rebuild_client", "clients": "PC-001" } ])");
  const auto r = run(j);
  std::set<std::string> hwids;
  int rows = 0;
  for (const auto& l : r.result.issued_licenses)
    if (l.issued_to_computer == "PC-001" && l.status == 2) {
      ++rows;
      hwids.insert(l.hardware_id);
    }
  EXPECT_EQ(rows, 2);          // the old permanent is still active until its lease ends
  EXPECT_EQ(hwids.size(), 2u);  // same computer name, two HardwareIDs: not a leak
}

TEST(ClientStore, R_MODE_3_the_policy_server_list_wins_over_the_registry_list) {
  json j = base_scenario();
  j["days"] = 5;
  j["license_servers"].push_back(json::parse(R"({ "name": "LS2", "version": 2019, "domain": "corp.example",
      "key_packs": [ { "id": "DEV19B", "type": "per_device", "version": 2019, "count": 5 } ] })"));
  j["session_hosts"][0]["policy"] = json::parse(R"({ "license_servers": ["LS2"] })");
  const auto r = run(j, true);
  ASSERT_FALSE(r.connection_servers.empty());
  for (const auto& s : r.connection_servers) EXPECT_EQ(s, "LS2");
}

TEST(ClientStore, R_VER_1_R_VER_5_product_ids_follow_the_windows_server_year) {
  json j = base_scenario();
  j["days"] = 5;
  j["license_servers"][0]["key_packs"][0]["version"] = 2008;
  j["license_servers"][0]["version"] = 2008;
  j["session_hosts"][0]["version"] = 2008;
  const auto r = run(j);
  const node_registry* pc = registry_of(r, "PC-001");
  ASSERT_NE(pc, nullptr);
  const reg_key* store = key_ending(*pc, "MSLicensing\\Store\\LICENSE000");
  ASSERT_NE(store, nullptr);
  const reg_value* product = value_named(*store, "ProductID");
  ASSERT_NE(product, nullptr);
  std::string ascii;
  for (std::size_t i = 0; i + 1 < product->bytes.size(); i += 2)
    if (product->bytes[i]) ascii += static_cast<char>(product->bytes[i]);
  EXPECT_EQ(ascii, "A02-6.00-S");  // 2008 is 6.00 (R-VER-5)
}

}  // namespace
}  // namespace calsim::testing

namespace calsim::testing {
namespace {

TEST(ClientStore, R_CLI_5_a_corrupted_store_leaves_its_HardwareID_beside_the_new_one) {
  json j = base_scenario();
  j["days"] = 30;
  j["actions"] = json::parse(R"([ { "at": "2026-01-20T12:00", "do": "corrupt_store", "clients": "PC-001" } ])");
  const auto r = run(j);
  const node_registry* pc = registry_of(r, "PC-001");
  ASSERT_NE(pc, nullptr);
  const reg_key* hwid = key_ending(*pc, "MSLicensing\\HardwareID");
  ASSERT_NE(hwid, nullptr);
  const reg_value* now = value_named(*hwid, "ClientHWID");
  const reg_value* before = value_named(*hwid, "ClientHWID1");
  ASSERT_NE(now, nullptr);
  ASSERT_NE(before, nullptr);
  EXPECT_EQ(before->bytes.size(), 20u);
  EXPECT_NE(now->bytes, before->bytes);
  EXPECT_EQ(value_named(*hwid, "ClientHWID2"), nullptr);
  // The old HardwareID's CAL is still held (it returns at its own expiry): two active rows.
  int active = 0;
  for (const auto& l : r.result.issued_licenses) active += l.issued_to_computer == "PC-001" && l.status == 2;
  EXPECT_EQ(active, 2);
}

TEST(ClientStore, R_CLI_5_a_rebuild_makes_a_key_with_one_HardwareID_again) {
  json j = base_scenario();
  j["days"] = 30;
  j["actions"] = json::parse(R"([ { "at": "2026-01-20T12:00", "do": "corrupt_store", "clients": "PC-001" },
                                  { "at": "2026-01-25T12:00", "do": "rebuild_client", "clients": "PC-001" } ])");
  const auto r = run(j);
  const reg_key* hwid = key_ending(*registry_of(r, "PC-001"), "MSLicensing\\HardwareID");
  ASSERT_NE(hwid, nullptr);
  EXPECT_EQ(value_named(*hwid, "ClientHWID1"), nullptr);
}

}  // namespace
}  // namespace calsim::testing
