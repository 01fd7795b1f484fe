// The connection rules as a function from a small state to a decision:
// one client, one host, one license server, no simulation.
#include "model/connection_rules.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "core/calendar.hpp"

namespace calsim::detail {
namespace {

const sim_time t0 = *parse_iso("2026-06-01T09:00:00");

struct rig {
  client_group_spec group;
  client_state client;
  host_state host;
  std::vector<license_server> servers;
  event_queue queue;
  rules_profile rules = rules_profile::ws2012;
  bool reachable = true;

  explicit rig(std::int64_t cals, bool grace_over = true) {
    group.hosts = {0};
    client.hwid_generation = 1;
    client.hwid = client_hwid_key(0, 1);
    client.stream = rng(11);
    host.name = "RDSH1";
    host.version = 2019;
    host.domain = "corp";
    host.mode = 2;
    host.grace_started = true;
    host.grace_start = grace_over ? t0 - days(400) : t0 - days(10);
    license_server_spec spec;
    spec.name = "LS1";
    spec.domain = "corp";
    servers.emplace_back(spec, 0);
    key_pack_spec p;
    p.id = "DEV";
    p.count = cals;
    servers[0].install_pack(servers[0].add_pack(p), 0);
  }
  decision connect(sim_time now) {
    const std::uint32_t found = reachable ? 0 : no_id;
    connection_context cx{client, 0, group, host, 0, servers, found, refusal_cause::no_server_reachable, rules, now, queue};
    return decide_connection(cx);
  }
  const pack_state& pack() const { return servers[0].packs()[0]; }
};

std::vector<msg> messages(const decision& d) {
  std::vector<msg> out;
  for (std::uint8_t i = 0; i < d.message_count; ++i) out.push_back(d.messages[i].message);
  return out;
}

TEST(ConnectionRules, R_DEV_1_a_new_hardware_id_gets_a_temporary_PROTO_new_client_sequence) {
  rig r(10);
  const decision d = r.connect(t0);
  EXPECT_EQ(d.outcome, verdict::licensed);
  EXPECT_EQ(d.rule, rule_id::dev_1);
  EXPECT_EQ(d.what, decision_kind::issued_temporary);
  EXPECT_EQ(d.change, license_change::issued);
  EXPECT_EQ(messages(d), (std::vector<msg>{msg::license_request, msg::new_license_request, msg::platform_challenge,
                                           msg::platform_challenge_response, msg::new_license}));
  ASSERT_EQ(r.client.store.size(), 1u);
  EXPECT_EQ(r.client.store[0].kind, license_kind::temporary);
  EXPECT_EQ(r.pack().issued, 0);  // temporaries never use the pool
}

TEST(ConnectionRules, R_DEV_2_R_DEV_3_the_validated_temporary_is_upgraded_at_the_next_connection) {
  rig r(10);
  r.connect(t0);
  const decision d = r.connect(t0 + days(1));
  EXPECT_EQ(d.rule, rule_id::dev_3);
  EXPECT_EQ(d.what, decision_kind::upgraded);
  EXPECT_EQ(d.change, license_change::upgraded);
  EXPECT_EQ(d.presented, 1);
  EXPECT_EQ(messages(d).back(), msg::upgrade_license);
  EXPECT_EQ(r.pack().issued, 1);
  EXPECT_EQ(r.client.store[0].kind, license_kind::device);
}

TEST(ConnectionRules, R_DEV_3_no_permanent_left_keeps_the_temporary_and_logs_event_21_once) {
  rig r(0);
  r.connect(t0);
  const decision d = r.connect(t0 + days(1));
  EXPECT_EQ(d.outcome, verdict::licensed);
  EXPECT_EQ(d.what, decision_kind::kept_temporary);
  ASSERT_EQ(d.note_count, 1);
  EXPECT_EQ(d.notes[0].kind, note_kind::pool_exhausted);
  EXPECT_EQ(note_event_id(d.notes[0].kind), 21);
  EXPECT_EQ(r.connect(t0 + days(2)).note_count, 0);  // once per version
}

TEST(ConnectionRules, R_DEV_5_renewal_only_in_the_last_7_days) {
  rig r(10);
  r.connect(t0);
  r.connect(t0 + days(1));  // upgraded
  const sim_time expiry = r.client.store[0].expires;
  const decision early = r.connect(expiry - days(7) - 1);
  EXPECT_EQ(early.what, decision_kind::nothing_to_renew);
  EXPECT_EQ(early.change, license_change::none);
  const decision due = r.connect(expiry - days(7));
  EXPECT_EQ(due.rule, rule_id::dev_5);
  EXPECT_EQ(due.what, decision_kind::renewed);
  EXPECT_EQ(due.change, license_change::renewed);
  EXPECT_GT(r.client.store[0].expires, expiry);
  EXPECT_EQ(r.pack().issued, 1);  // same license, pool unchanged
}

TEST(ConnectionRules, R_DEV_5_outage_accepts_an_unexpired_cal_and_warns_of_the_failed_renewal) {
  rig r(10);
  r.connect(t0);
  r.connect(t0 + days(1));
  const sim_time expiry = r.client.store[0].expires;
  r.reachable = false;
  const decision ok = r.connect(expiry - days(20));
  EXPECT_EQ(ok.outcome, verdict::licensed);
  EXPECT_EQ(ok.what, decision_kind::outage_accepted);
  EXPECT_EQ(ok.note_count, 0);
  const decision due = r.connect(expiry - days(2));
  EXPECT_EQ(due.outcome, verdict::licensed);
  EXPECT_EQ(due.what, decision_kind::outage_renewal_failed);
  ASSERT_EQ(due.note_count, 1);
  EXPECT_EQ(note_event_id(due.notes[0].kind), 0);  // a calsim warning, no Windows id
  EXPECT_EQ(note_source(due.notes[0].kind), event_source::calsim);
}

TEST(ConnectionRules, R_DEV_5_an_expired_permanent_without_a_server_is_refused_with_1028) {
  rig r(10);
  r.connect(t0);
  r.connect(t0 + days(1));
  const sim_time expiry = r.client.store[0].expires;
  r.reachable = false;
  const decision d = r.connect(expiry + days(1));
  EXPECT_EQ(d.outcome, verdict::refused);
  EXPECT_EQ(d.event_id, 1028);
  EXPECT_EQ(d.rule, rule_id::dev_5);
  EXPECT_EQ(d.cause, refusal_cause::expired_permanent_no_server);
  EXPECT_EQ(d.presented, 2);
  EXPECT_EQ(d.messages[d.message_count - 1].error, alert_error::no_license_server);
}

TEST(ConnectionRules, EVT_4141_outside_the_group_a_valid_cal_is_still_accepted_and_an_expired_one_is_1028) {
  rig r(10);
  r.connect(t0);
  r.connect(t0 + days(1));  // a permanent, before the group was set
  const sim_time expiry = r.client.store[0].expires;
  r.servers[0].set_security_group({false});
  const decision valid = r.connect(expiry - days(20));
  EXPECT_EQ(valid.outcome, verdict::licensed);  // the host checks the CAL itself
  EXPECT_EQ(valid.what, decision_kind::outage_accepted);
  ASSERT_EQ(valid.note_count, 1);
  EXPECT_EQ(note_event_id(valid.notes[0].kind), 4141);
  const decision due = r.connect(expiry - days(3));
  EXPECT_EQ(due.what, decision_kind::outage_renewal_failed);  // no renewal from that server
  EXPECT_EQ(due.note_count, 2);  // 4141 (a new day) and the warning
  EXPECT_EQ(r.connect(expiry - days(3) + 60).note_count, 1);  // 4141 at most once per host and day
  const decision late = r.connect(expiry + days(1));
  EXPECT_EQ(late.outcome, verdict::refused);
  EXPECT_EQ(late.event_id, 1028);
  EXPECT_EQ(late.cause, refusal_cause::expired_permanent_not_served);
  EXPECT_EQ(r.pack().issued, 1);  // nothing issued, upgraded or renewed for this host
}

TEST(ConnectionRules, R_DEV_12_a_failed_logon_keeps_the_temporary_unvalidated) {
  rig r(10);
  r.group.schedule.logon_failure = 1.0;
  r.connect(t0);
  const decision d = r.connect(t0 + days(1));
  EXPECT_EQ(d.outcome, verdict::licensed);  // the licensing exchange succeeded
  EXPECT_TRUE(d.logon_failed);
  EXPECT_EQ(d.what, decision_kind::accepted_temporary);  // never validated: no upgrade
  EXPECT_EQ(r.pack().issued, 0);
  r.group.schedule.logon_failure = 0.0;
  r.connect(t0 + days(2));  // a logon succeeds: validated
  EXPECT_EQ(r.connect(t0 + days(3)).what, decision_kind::upgraded);
}

TEST(ConnectionRules, R_GRACE_3_ws2008_a_per_user_cal_ends_the_grace_period) {
  rig r(0, false);
  r.rules = rules_profile::ws2008;
  r.host.mode = 4;
  key_pack_spec p;
  p.id = "USR";
  p.type = pack_type::per_user;
  p.count = 5;
  r.servers[0].install_pack(r.servers[0].add_pack(p), 0);
  r.connect(t0);
  EXPECT_TRUE(r.host.grace_ended_early);
}

TEST(ConnectionRules, PROTO_every_error_alert_is_sent_by_the_server) {
  EXPECT_TRUE(server_to_client(msg::error_alert));
  EXPECT_FALSE(server_to_client(msg::license_info));
  EXPECT_FALSE(server_to_client(msg::new_license_request));
  EXPECT_FALSE(server_to_client(msg::platform_challenge_response));
}

TEST(ConnectionRules, R_DEV_7_a_clone_presenting_a_superseded_cal_gets_a_new_permanent) {
  rig r(10);
  r.connect(t0);
  r.connect(t0 + days(1));  // upgraded: the HardwareID's latest is this permanent
  const store_entry mine = r.client.store[0];
  // A clone of the same HardwareID gets the next permanent: ours is superseded.
  r.client.store.clear();
  const decision clone = r.connect(t0 + days(2));
  EXPECT_EQ(clone.what, decision_kind::issued_permanent_known_hwid);
  EXPECT_EQ(clone.change, license_change::superseded);
  r.client.store[0] = mine;
  const decision back = r.connect(t0 + days(3));
  EXPECT_EQ(back.rule, rule_id::dev_7);
  EXPECT_EQ(back.what, decision_kind::issued_permanent_not_latest);
  EXPECT_EQ(r.pack().issued, 3);  // the ping-pong drains the pool
}

TEST(ConnectionRules, R_DEV_8_an_expired_temporary_is_refused_with_1011_after_grace) {
  rig r(0);
  r.connect(t0);
  const decision d = r.connect(t0 + days(91));
  EXPECT_EQ(d.outcome, verdict::refused);
  EXPECT_EQ(d.rule, rule_id::dev_8);
  EXPECT_EQ(d.event_id, 1011);
  EXPECT_EQ(d.cause, refusal_cause::temporary_expired);
  EXPECT_EQ(d.messages[d.message_count - 1].error, alert_error::invalid_client);
}

TEST(ConnectionRules, R_GRACE_4_in_grace_the_same_connection_is_allowed) {
  rig r(0, /*grace_over=*/false);
  r.host.grace_start = t0;
  r.connect(t0);
  const decision d = r.connect(t0 + days(91));
  EXPECT_EQ(d.outcome, verdict::allowed_in_grace);
  EXPECT_EQ(d.rule, rule_id::grace_4);
  EXPECT_EQ(d.cause, refusal_cause::temporary_expired);
  EXPECT_EQ(d.event_id, 0);
}

TEST(ConnectionRules, R_GRACE_4_no_server_after_grace_is_refused_with_1004_and_ERR_NO_LICENSE_SERVER) {
  rig r(10);
  r.reachable = false;
  const decision d = r.connect(t0);
  EXPECT_EQ(d.outcome, verdict::refused);
  EXPECT_EQ(d.event_id, 1004);
  EXPECT_EQ(d.cause, refusal_cause::no_server_reachable);
  EXPECT_EQ(d.messages[d.message_count - 1].error, alert_error::no_license_server);
  EXPECT_EQ(d.messages[d.message_count - 1].transition, alert_transition::total_abort);
}

TEST(ConnectionRules, R_GRACE_4_mode_not_configured_is_1069) {
  rig r(10);
  r.host.mode = 5;
  const decision d = r.connect(t0);
  EXPECT_EQ(d.event_id, 1069);
  EXPECT_EQ(d.what, decision_kind::refused_mode_not_configured);
}

TEST(ConnectionRules, R_GRACE_6_admin_connections_are_never_refused) {
  rig r(10);
  r.host.mode = 5;
  r.group.schedule.admin = true;
  const decision d = r.connect(t0);
  EXPECT_EQ(d.outcome, verdict::licensed);
  EXPECT_EQ(d.rule, rule_id::grace_6);
}

TEST(ConnectionRules, R_GRACE_3_ws2008_grace_ends_at_the_first_permanent_ws2003_at_the_first_server) {
  rig r08(10, false);
  r08.rules = rules_profile::ws2008;
  r08.connect(t0);
  EXPECT_FALSE(r08.host.grace_ended_early);  // a temporary does not end it
  r08.connect(t0 + days(1));
  EXPECT_TRUE(r08.host.grace_ended_early);
  rig r03(10, false);
  r03.rules = rules_profile::ws2003;
  r03.connect(t0);
  EXPECT_TRUE(r03.host.grace_ended_early);
}

TEST(ConnectionRules, R_CLI_2_a_lost_key_without_elevation_is_refused_with_1000) {
  rig r(10);
  r.client.hwid = 0;
  r.group.elevated = false;
  const decision d = r.connect(t0);
  EXPECT_EQ(d.outcome, verdict::refused);
  EXPECT_EQ(d.rule, rule_id::cli_2);
  EXPECT_EQ(d.event_id, 1000);
  r.group.elevated = true;
  EXPECT_EQ(r.connect(t0).what, decision_kind::issued_temporary);  // a new HardwareID (R-DEV-1)
  EXPECT_NE(r.client.hwid, 0u);
}

TEST(ConnectionRules, R_DEV_10_a_corrupt_store_is_discarded_with_1003_and_starts_over) {
  rig r(10);
  r.connect(t0);
  const std::uint64_t before = r.client.hwid;
  r.client.corrupt = true;
  const decision d = r.connect(t0 + days(1));
  ASSERT_GE(d.note_count, 1);
  EXPECT_EQ(note_event_id(d.notes[0].kind), 1003);
  EXPECT_NE(r.client.hwid, before);
  EXPECT_EQ(d.what, decision_kind::issued_temporary);
}

TEST(ConnectionRules, EVT_4141_a_host_outside_the_security_group_gets_no_new_cal) {
  rig r(10);
  r.servers[0].set_security_group({false});
  const decision d = r.connect(t0);
  EXPECT_EQ(d.outcome, verdict::refused);
  EXPECT_EQ(d.event_id, 1004);
  ASSERT_EQ(d.note_count, 1);
  EXPECT_EQ(note_event_id(d.notes[0].kind), 4141);
  EXPECT_EQ(note_source(d.notes[0].kind), event_source::license_server);
  EXPECT_EQ(d.cause, refusal_cause::not_in_security_group);
}

TEST(ConnectionRules, R_MODE_6_per_user_in_a_workgroup_is_refused_with_1000) {
  rig r(10);
  r.host.mode = 4;
  r.host.domain.reset();
  const decision d = r.connect(t0);
  EXPECT_EQ(d.rule, rule_id::mode_6);
  EXPECT_EQ(d.event_id, 1000);
  EXPECT_EQ(d.cause, refusal_cause::per_user_in_workgroup);
}

TEST(ConnectionRules, R_MODE_5_per_user_host_with_only_per_device_cals_lets_the_user_in_with_1004) {
  rig r(10);
  r.host.mode = 4;
  const decision d = r.connect(t0);
  EXPECT_EQ(d.outcome, verdict::licensed);
  EXPECT_EQ(d.rule, rule_id::mode_5);
  ASSERT_EQ(d.note_count, 1);
  EXPECT_EQ(note_event_id(d.notes[0].kind), 1004);
}

}  // namespace
}  // namespace calsim::detail
