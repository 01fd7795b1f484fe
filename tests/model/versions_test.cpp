// R-VER: CAL version >= host version, license server version >= host version.
#include "model_fixture.hpp"

namespace calsim::testing {
namespace {
json with_packs(const std::string& packs) {
  json j = base_scenario();
  j["license_servers"][0]["version"] = 2025;
  j["license_servers"][0]["key_packs"] = json::parse(packs);
  j["days"] = 10;
  return j;
}
}  // namespace

TEST(Versions, R_VER_3_an_older_CAL_does_not_serve_a_newer_host) {
  const auto r = run(with_packs(R"([{ "id": "DEV16", "type": "per_device", "version": 2016, "count": 10 }])"));
  EXPECT_EQ(r.result.permanents_issued, 0);
  EXPECT_EQ(r.day("2026-01-10", "DEV16")->issued, 0);
  EXPECT_EQ(r.count_events(21), 1);  // no permanent left for 2019 hosts, logged once
}

TEST(Versions, R_VER_3_the_matching_version_first_else_the_lowest_newer_one) {
  const auto both = run(with_packs(R"([
      { "id": "DEV25", "type": "per_device", "version": 2025, "count": 10 },
      { "id": "DEV22", "type": "per_device", "version": 2022, "count": 10 },
      { "id": "DEV19", "type": "per_device", "version": 2019, "count": 10 }])"));
  EXPECT_EQ(both.day("2026-01-10", "DEV19")->issued, 1);
  EXPECT_EQ(both.day("2026-01-10", "DEV22")->issued, 0);
  const auto newer = run(with_packs(R"([
      { "id": "DEV25", "type": "per_device", "version": 2025, "count": 10 },
      { "id": "DEV22", "type": "per_device", "version": 2022, "count": 10 }])"));
  EXPECT_EQ(newer.day("2026-01-10", "DEV22")->issued, 1);
  EXPECT_EQ(newer.day("2026-01-10", "DEV25")->issued, 0);
}

TEST(Versions, R_VER_3_prevent_license_upgrade_issues_a_temporary_instead) {
  json j = with_packs(R"([{ "id": "DEV22", "type": "per_device", "version": 2022, "count": 10 }])");
  j["session_hosts"][0]["policy"] = json{{"prevent_license_upgrade", true}};
  const auto r = run(j);
  EXPECT_EQ(r.result.permanents_issued, 0);
  EXPECT_EQ(r.result.temporaries_issued, 1);
  EXPECT_EQ(r.result.connections_refused, 0);
}

TEST(Versions, R_VER_2_an_older_license_server_does_not_serve_a_newer_host) {
  json j = base_scenario();
  j["license_servers"][0]["version"] = 2016;
  j["license_servers"][0]["key_packs"][0]["version"] = 2016;
  j["session_hosts"][0]["version"] = 2019;
  j["days"] = 5;
  const auto r = run(j);  // grace long over: refused, no license server available
  EXPECT_EQ(r.result.connections_refused, 5);
  EXPECT_EQ(r.count_events(1004), 5);
  EXPECT_EQ(r.result.temporaries_issued, 0);
}

TEST(Versions, R_VER_4_ws2000_windows2000_clients_draw_from_the_builtin_pool) {
  json j = base_scenario();
  j["rules"] = "ws2000";
  j["license_servers"][0]["version"] = 2000;
  j["license_servers"][0]["key_packs"][0]["version"] = 2000;
  j["license_servers"][0]["key_packs"][0]["count"] = 0;
  j["session_hosts"][0]["version"] = 2000;
  j["clients"][0]["os"] = "windows2000";
  j["clients"][0]["count"] = 5;
  j["days"] = 5;
  const auto r = run(j);
  EXPECT_EQ(r.result.permanents_issued, 5);
  int builtin = 0;
  for (const auto& row : r.result.issued_licenses) builtin += row.pack == "A02-5.00-EX";
  EXPECT_EQ(builtin, 5);
  EXPECT_EQ(r.day("2026-01-09")->issued, 0);  // the pool is untouched
}

}  // namespace calsim::testing
