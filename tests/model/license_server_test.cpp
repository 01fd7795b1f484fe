// The license server on its own: no simulation, no year to run.
#include "model/license_server.hpp"

#include <gtest/gtest.h>

#include <set>

#include "calsim/errors.hpp"
#include "core/calendar.hpp"

namespace calsim::detail {
namespace {

const sim_time t0 = *parse_iso("2026-01-05T09:00:00");

license_server server_with(std::int64_t count, int version = 2019) {
  license_server_spec spec;
  spec.name = "LS1";
  spec.version = 2022;
  license_server sv(spec, 0);
  key_pack_spec p;
  p.id = "DEV";
  p.version = version;
  p.count = count;
  EXPECT_TRUE(sv.install_pack(sv.add_pack(p), t0));
  return sv;
}

license_holder device(std::uint64_t hwid) { return {hwid, 0, 0}; }

TEST(LicenseServer, R_DEV_1_temporary_lasts_90_days_and_leaves_the_pool_alone) {
  license_server sv = server_with(5);
  bool schedule = false;
  const std::uint32_t t = sv.issue_temporary(device(1), t0, &schedule);
  EXPECT_TRUE(schedule);  // the first temporary asks for the FIFO's event
  EXPECT_EQ(sv.licenses()[t].expires - t0, days(90));
  EXPECT_EQ(sv.packs()[0].available, 5);
  EXPECT_EQ(sv.temporaries_valid(), 1);
  bool again = true;
  sv.issue_temporary(device(2), t0 + 10, &again);
  EXPECT_FALSE(again);  // one pending event serves the whole FIFO
  EXPECT_EQ(sv.expire_temporaries(t0 + days(90)), std::optional<sim_time>(t0 + 10 + days(90)));
  EXPECT_EQ(sv.temporaries_valid(), 1);
  EXPECT_EQ(sv.expire_temporaries(t0 + 10 + days(90)), std::nullopt);
  EXPECT_EQ(sv.temporaries_valid(), 0);
}

TEST(LicenseServer, R_DEV_4_leases_are_whole_days_from_52_to_89) {
  license_server sv = server_with(2000);
  rng stream(42);
  std::set<std::int64_t> seen;
  for (std::uint64_t h = 1; h <= 2000; ++h) {
    const permanent_result r = sv.issue_permanent(device(h), 2019, false, false, stream, t0);
    ASSERT_NE(r.license, no_id);
    const sim_time lease = sv.licenses()[r.license].expires - t0;
    ASSERT_EQ(lease % days(1), 0);
    seen.insert(lease / days(1));
  }
  EXPECT_EQ(*seen.begin(), 52);
  EXPECT_EQ(*seen.rbegin(), 89);
  EXPECT_EQ(seen.size(), 38u);  // every day of the range occurs in 2,000 draws
  EXPECT_EQ(sv.packs()[0].issued, 2000);
  EXPECT_EQ(sv.packs()[0].available, 0);
}

TEST(LicenseServer, R_DEV_3_event_21_once_per_version_until_a_cal_returns) {
  license_server sv = server_with(1);
  rng stream(1);
  const permanent_result first = sv.issue_permanent(device(1), 2019, false, false, stream, t0);
  ASSERT_NE(first.license, no_id);
  EXPECT_EQ(sv.issue_permanent(device(2), 2019, false, false, stream, t0).why, permanent_refusal::exhausted_first);
  EXPECT_EQ(sv.issue_permanent(device(3), 2019, false, false, stream, t0).why, permanent_refusal::exhausted);
  EXPECT_EQ(sv.counts().pool_exhausted, std::optional<sim_time>(t0));
  // R-DEV-6: the lease returns at its expiry; then exhaustion is news again.
  const sim_time end = sv.licenses()[first.license].expires;
  EXPECT_EQ(sv.expire_license(first.license, 0, end), std::nullopt);
  EXPECT_EQ(sv.packs()[0].available, 1);
  EXPECT_EQ(sv.counts().permanents_returned, 1);
  ASSERT_NE(sv.issue_permanent(device(4), 2019, false, false, stream, end).license, no_id);
  EXPECT_EQ(sv.issue_permanent(device(5), 2019, false, false, stream, end).why, permanent_refusal::exhausted_first);
}

TEST(LicenseServer, R_DEV_5_a_renewed_license_moves_its_expiry_and_keeps_the_pool) {
  license_server sv = server_with(3);
  rng stream(3);
  const std::uint32_t l = sv.issue_permanent(device(1), 2019, false, false, stream, t0).license;
  const sim_time first_expiry = sv.licenses()[l].expires;
  const sim_time at = first_expiry - days(3);
  sv.renew_permanent(l, stream, at);
  EXPECT_GE(sv.licenses()[l].expires - at, days(52));
  EXPECT_LE(sv.licenses()[l].expires - at, days(89));
  EXPECT_EQ(sv.packs()[0].issued, 1);
  // The pending expiry (stamp 0) finds it renewed: look again at the new date.
  EXPECT_EQ(sv.expire_license(l, 0, first_expiry), std::optional<sim_time>(sv.licenses()[l].expires));
  EXPECT_EQ(sv.packs()[0].issued, 1);
}

TEST(LicenseServer, R_DEV_9_unactivated_server_issues_no_permanent) {
  license_server_spec spec;
  spec.name = "LS1";
  spec.activated = false;
  license_server sv(spec, 0);
  key_pack_spec p;
  p.id = "DEV";
  p.count = 10;
  sv.install_pack(sv.add_pack(p), t0);
  rng stream(1);
  EXPECT_EQ(sv.issue_permanent(device(1), 2019, false, false, stream, t0).why, permanent_refusal::not_activated);
  EXPECT_EQ(sv.packs()[0].issued, 0);
}

TEST(LicenseServer, R_VER_3_lowest_newer_version_unless_upgrades_are_prevented) {
  license_server sv = server_with(1, 2022);
  EXPECT_EQ(sv.choose_pack(pack_type::per_device, 2019, false), 0);
  EXPECT_EQ(sv.choose_pack(pack_type::per_device, 2019, true), -1);
  EXPECT_EQ(sv.choose_pack(pack_type::per_device, 2025, false), -1);
}

TEST(LicenseServer, R_REV_2_cap_is_20_percent_of_the_version_and_R_REV_3_back_at_once) {
  license_server sv = server_with(10);
  rng stream(5);
  std::vector<std::uint32_t> held;
  for (std::uint64_t h = 1; h <= 5; ++h) held.push_back(sv.issue_permanent(device(h), 2019, false, false, stream, t0).license);
  const sim_time expiry0 = sv.licenses()[held[0]].expires, expiry1 = sv.licenses()[held[1]].expires;
  EXPECT_EQ(sv.revoke(held[0], t0).status, revoke_status::revoked);
  EXPECT_EQ(sv.packs()[0].available, 6);  // R-REV-3
  EXPECT_EQ(sv.revoke(held[1], t0).status, revoke_status::revoked);
  const revoke_result third = sv.revoke(held[2], t0);
  EXPECT_EQ(third.status, revoke_status::cap_reached);  // max(1, 10 / 5) = 2
  EXPECT_EQ(third.cap, 2);
  // R-REV-4: NextRevokeAllowedOn is the earliest original expiry of a revoked CAL.
  EXPECT_EQ(third.capacity_back, std::min(expiry0, expiry1));
  EXPECT_EQ(sv.licenses()[held[0]].expires, expiry0);  // a revoked license keeps its expiry
  sv.revoke_capacity_back(held[0]);
  EXPECT_EQ(sv.revoke(held[2], t0).status, revoke_status::revoked);
  EXPECT_EQ(sv.revoke(held[2], t0).status, revoke_status::not_revocable);  // R-REV-1: already revoked
}

TEST(LicenseServer, R_USER_1_over_use_is_counted_not_refused_and_R_USER_2_extends_in_the_last_week) {
  license_server_spec spec;
  spec.name = "LS1";
  license_server sv(spec, 0);
  key_pack_spec p;
  p.id = "USR";
  p.type = pack_type::per_user;
  p.count = 1;
  sv.install_pack(sv.add_pack(p), t0);
  const auto a = sv.serve_user({0, 0, 1}, 2019, false, t0);
  EXPECT_TRUE(a.issued);
  EXPECT_FALSE(a.overused);
  const auto b = sv.serve_user({0, 1, 2}, 2019, false, t0);
  EXPECT_TRUE(b.overused);
  EXPECT_EQ(sv.packs()[0].overused, 1);
  const auto again = sv.serve_user({0, 0, 1}, 2019, false, t0 + days(55));
  EXPECT_TRUE(again.extended);
  EXPECT_EQ(sv.licenses()[a.license].expires, t0 + days(55) + days(60));
  EXPECT_FALSE(sv.serve_user({0, 0, 1}, 2019, false, t0 + days(56)).extended);  // 59 days left
}

TEST(LicenseServer, invariant_check_fails_loudly_on_a_broken_pool) {
  license_server sv = server_with(4);
  sv.check_all(t0);
  sv.pack(0).available -= 1;  // break issued + available = total
  EXPECT_THROW(sv.check_all(t0), invariant_error);
  EXPECT_THROW(sv.check_held(t0), invariant_error);
}

TEST(LicenseServer, R_DEV_7_a_new_latest_supersedes_the_previous_license) {
  license_server sv = server_with(5);
  rng stream(9);
  hwid_record& rec = sv.known(77);
  const std::uint32_t a = sv.issue_permanent(device(77), 2019, false, false, stream, t0).license;
  sv.set_latest(rec, a);
  const std::uint32_t b = sv.issue_permanent(device(77), 2019, false, false, stream, t0).license;
  sv.set_latest(sv.known(77), b);
  EXPECT_TRUE(sv.licenses()[a].superseded);
  EXPECT_FALSE(sv.licenses()[b].superseded);
  EXPECT_EQ(sv.known(77).latest, b);
}

}  // namespace
}  // namespace calsim::detail
