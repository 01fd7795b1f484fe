// R-REV: revocation of per-device CALs, capped at max(1, 20 %) per version.
#include "model_fixture.hpp"

namespace calsim::testing {

TEST(Revocation, R_REV_2_at_most_20_percent_of_the_installed_CALs_of_a_version) {
  json j = base_scenario();
  j["license_servers"][0]["key_packs"] = json::parse(R"([
      { "id": "A", "type": "per_device", "version": 2019, "count": 7 },
      { "id": "B", "type": "per_device", "version": 2019, "count": 8 }])");
  j["clients"][0]["count"] = 12;
  j["actions"] = json::parse(R"([{ "at": "2026-01-08", "do": "revoke", "server": "LS1", "count": 5 }])");
  j["days"] = 10;
  const auto r = run(j);
  EXPECT_EQ(r.result.revoked, 3);  // floor(20 % of 15) = 3, across both packs
  std::int64_t revoked = 0;
  for (const auto& p : r.packs)
    if (p.date == at("2026-01-08")) revoked += p.revoked;
  EXPECT_EQ(revoked, 3);
}

TEST(Revocation, R_REV_2_at_least_one_may_be_revoked) {
  json j = base_scenario();
  j["license_servers"][0]["key_packs"][0]["count"] = 3;
  j["actions"] = json::parse(R"([{ "at": "2026-01-08", "do": "revoke", "server": "LS1", "clients": "PC-001" }])");
  j["days"] = 10;
  const auto r = run(j);
  EXPECT_EQ(r.result.revoked, 1);
}

TEST(Revocation, R_REV_3_a_revoked_CAL_returns_at_once_and_R_REV_5_the_client_gets_a_new_one) {
  json j = base_scenario();
  j["actions"] = json::parse(R"([{ "at": "2026-01-08T12:00", "do": "revoke", "server": "LS1", "clients": "PC-001" }])");
  j["days"] = 10;
  const auto r = run(j);
  const auto* d = r.day("2026-01-08");
  EXPECT_EQ(d->issued, 0);
  EXPECT_EQ(d->revoked, 1);
  EXPECT_EQ(d->revoked_today, 1);
  EXPECT_EQ(r.day("2026-01-09")->issued, 1);  // presented the revoked license: a new permanent
  EXPECT_EQ(r.result.permanents_issued, 2);
}

TEST(Revocation, R_REV_4_capacity_comes_back_at_the_original_expiry) {
  json j = base_scenario();
  j["license_servers"][0]["key_packs"][0]["count"] = 4;  // cap: max(1, 0) = 1
  j["clients"][0]["count"] = 2;
  j["actions"] = json::parse(R"([
      { "at": "2026-01-08", "do": "revoke", "server": "LS1", "clients": "PC-001" },
      { "at": "2026-01-09", "do": "revoke", "server": "LS1", "clients": "PC-002" },
      { "at": "2026-04-10", "do": "revoke", "server": "LS1", "clients": "PC-002" }])");
  j["days"] = 100;
  const auto r = run(j);
  EXPECT_EQ(r.result.revoked, 2);  // the second is refused, the third allowed (89 days at most later)
  bool refused_with_date = false;
  for (const auto& e : r.events) refused_with_date |= e.message.find("NextRevokeAllowedOn") != std::string::npos;
  EXPECT_TRUE(refused_with_date);
}

TEST(Revocation, R_REV_1_per_user_CALs_cannot_be_revoked) {
  json j = base_scenario();
  j["license_servers"][0]["key_packs"][0]["type"] = "per_user";
  j["session_hosts"][0]["licensing_mode"] = 4;
  j["actions"] = json::parse(R"([{ "at": "2026-01-08", "do": "revoke", "server": "LS1", "count": 1 }])");
  j["days"] = 10;
  const auto r = run(j);
  EXPECT_EQ(r.result.revoked, 0);
}

}  // namespace calsim::testing
