// One connection's licensing rules; see connection_rules.hpp.
#include "model/connection_rules.hpp"

#include "model/event_kind.hpp"
#include "model/grace.hpp"

namespace calsim::detail {

void put_in_store(client_state& cl, std::uint32_t server, std::uint32_t idx, const license& l) {
  store_entry e{server, idx, l.stamp, l.kind, l.version, l.expires};
  if (store_entry* old = store_for(cl, server)) *old = e;
  else cl.store.push_back(e);
}

namespace {

void new_hardware_id(client_state& cl, std::uint32_t c) {
  ++cl.hwid_generation;
  cl.hwid = client_hwid_key(c, cl.hwid_generation);
  cl.store.clear();
}

class rules {
 public:
  rules(connection_context& cx, decision& d) : cx_(cx), d_(d) {}

  void connect();

 private:
  void per_device();
  void per_device_at(std::uint32_t server);
  bool latest_presented(license_server& sv, const store_entry* presented);
  void serve_latest(license_server& sv, store_entry& presented);
  void serve_not_latest(license_server& sv, const store_entry* presented);
  void per_user();
  void host_checks_cal(refusal_cause why, refusal_cause expired);
  void not_in_group();
  void unlicensed(int event_id, rule_id rule, refusal_cause cause);
  std::uint32_t issue_permanent(license_server& sv);
  void hand_over(license_server& sv, std::uint32_t idx, msg final_msg);
  void challenge_then(msg final_msg);
  void valid();
  void expiry_at(sim_time t, std::uint32_t idx) {
    cx_.queue.push(t, kind_of(event_kind::license_expiry), d_.server, static_cast<std::uint64_t>(idx) << 32);
  }
  license_holder holder() const { return {cx_.client.hwid, cx_.client_index, cx_.client.user}; }

  connection_context& cx_;
  decision& d_;
};

void rules::connect() {
  d_.send(msg::license_request);
  if (cx_.group.schedule.admin) {
    // R-GRACE-6: administrative connections are never refused for licensing.
    d_.decide(rule_id::grace_6, decision_kind::admin_allowed);
    d_.send(msg::error_alert, alert_error::valid_client, alert_transition::no_transition);
    return;
  }
  host_state& h = cx_.host;
  if (!h.grace_started) {  // ws2000, ws2008: the first client connection starts it (R-GRACE-2)
    h.grace_started = true;
    h.grace_start = cx_.now;
  }
  if (h.mode == 2) return per_device();
  if (h.mode == 4) return per_user();
  d_.send(msg::new_license_request);
  d_.decide(rule_id::grace_4, decision_kind::refused_mode_not_configured);  // kept when refused (event 1069)
  unlicensed(1069, rule_id::grace_4, refusal_cause::mode_not_configured);
}

// A connection that cannot be licensed: allowed in grace, else refused (R-GRACE-4).
void rules::unlicensed(int event_id, rule_id rule, refusal_cause cause) {
  d_.cause = cause;
  if (in_grace(cx_.host, cx_.rules, cx_.now)) {
    d_.decide(rule_id::grace_4, decision_kind::grace_allowed);
    d_.outcome = verdict::allowed_in_grace;
    d_.send(msg::error_alert, alert_error::valid_client, alert_transition::no_transition);
    return;
  }
  if (d_.what == decision_kind::none) d_.decide(rule, decision_kind::refused);
  d_.outcome = verdict::refused;
  d_.event_id = event_id;
  d_.send(msg::error_alert, d_.server != no_server ? alert_error::invalid_client : alert_error::no_license_server,
          alert_transition::total_abort);
}

void rules::challenge_then(msg final_msg) {
  d_.send(msg::platform_challenge);
  d_.send(msg::platform_challenge_response);
  d_.send(final_msg);
}

void rules::hand_over(license_server& sv, std::uint32_t idx, msg final_msg) {
  put_in_store(cx_.client, d_.server, idx, sv.licenses()[idx]);
  challenge_then(final_msg);
}

void rules::valid() { d_.send(msg::error_alert, alert_error::valid_client, alert_transition::no_transition); }

// A permanent per-device CAL, with what the server logs when there is none.
std::uint32_t rules::issue_permanent(license_server& sv) {
  const bool builtin = cx_.rules == rules_profile::ws2000 && cx_.group.os_windows2000 && cx_.host.version <= 2000;
  const permanent_result r =
      sv.issue_permanent(holder(), cx_.host.version, cx_.host.prevent_upgrade, builtin, cx_.client.stream, cx_.now);
  if (r.why == permanent_refusal::only_per_user) d_.add_note(note_kind::only_per_user_cals);
  if (r.why == permanent_refusal::exhausted_first)
    d_.add_note(note_kind::pool_exhausted, static_cast<std::uint32_t>(cx_.host.version));
  if (r.license == no_id) return no_id;
  expiry_at(sv.licenses()[r.license].expires, r.license);
  if (cx_.rules == rules_profile::ws2008) cx_.host.grace_ended_early = true;  // R-GRACE-3 (ws2008)
  return r.license;
}

// No license server would serve the host (none reachable, or the one found
// refuses it, EVT 4141): the host checks the presented CAL itself (R-DEV-5).
// An unexpired CAL lets the client in (a failed renewal is a calsim warning);
// an expired permanent is refused with 1028 after grace; nothing, with `why`.
void rules::host_checks_cal(refusal_cause why, refusal_cause expired) {
  const store_entry* best = nullptr;
  const store_entry* expired_permanent = nullptr;
  for (const auto& e : cx_.client.store) {
    if (e.version < cx_.host.version) continue;
    if (e.expires > cx_.now && (!best || e.kind == license_kind::device)) best = &e;
    if (e.expires <= cx_.now && e.kind == license_kind::device) expired_permanent = &e;
  }
  const store_entry* presented = best ? best : expired_permanent;
  if (presented) {
    d_.presented = presented->kind == license_kind::temporary ? 1 : 2;
    d_.presented_expires = presented->expires;
  }
  d_.send(presented ? msg::license_info : msg::new_license_request);
  if (!best) {
    if (expired_permanent) {
      d_.decide(rule_id::dev_5, decision_kind::refused_expired_permanent);
      return unlicensed(1028, rule_id::dev_5, expired);
    }
    return unlicensed(1004, rule_id::grace_4, why);
  }
  const bool due = best->kind == license_kind::device && renewal_due(best->expires, cx_.now);
  d_.decide(rule_id::dev_5, due ? decision_kind::outage_renewal_failed : decision_kind::outage_accepted);
  if (due) d_.add_note(note_kind::renewal_failed, static_cast<std::uint32_t>(why));
  valid();
}

// EVT 4141: the server logs it at most once per host and day.
void rules::not_in_group() {
  if (cx_.host.last_not_served_day == day_floor(cx_.now)) return;
  cx_.host.last_not_served_day = day_floor(cx_.now);
  d_.add_note(note_kind::not_in_group);
}

void rules::per_device() {
  client_state& cl = cx_.client;
  // R-CLI-2: a missing MSLicensing key is re-created, which needs elevation.
  if (cl.hwid == 0) {
    if (!cx_.group.elevated) {
      d_.decide(rule_id::cli_2, decision_kind::refused_cannot_recreate_key);
      d_.cause = refusal_cause::cannot_recreate_key;
      d_.outcome = verdict::refused;
      d_.event_id = 1000;
      d_.send(msg::error_alert, alert_error::invalid_client, alert_transition::total_abort);
      return;
    }
    new_hardware_id(cl, cx_.client_index);
  }
  // R-DEV-10: a corrupt store presents an invalid license: discarded, new HardwareID.
  if (cl.corrupt) {
    cl.corrupt = false;
    d_.send(msg::license_info);
    d_.add_note(note_kind::store_discarded);
    d_.discarded_hwid = cl.hwid;  // R-CLI-5: it stays in the MSLicensing key
    new_hardware_id(cl, cx_.client_index);
  }
  if (cx_.found == no_id) return host_checks_cal(cx_.no_server_cause, refusal_cause::expired_permanent_no_server);
  per_device_at(cx_.found);
}

void rules::per_device_at(std::uint32_t server) {
  d_.server = server;
  license_server& sv = cx_.servers[server];
  if (cx_.rules == rules_profile::ws2003) cx_.host.grace_ended_early = true;  // R-GRACE-3 (ws2003)
  if (!sv.serves(cx_.host_index)) {  // EVT 4141: no issue, upgrade or renewal for this host
    not_in_group();
    return host_checks_cal(refusal_cause::not_in_security_group, refusal_cause::expired_permanent_not_served);
  }
  store_entry* presented = store_for(cx_.client, server);
  if (presented) {
    d_.presented = presented->kind == license_kind::temporary ? 1 : 2;
    d_.presented_expires = presented->expires;
  }
  d_.send(presented ? msg::license_info : msg::new_license_request);
  if (latest_presented(sv, presented)) {
    serve_latest(sv, *presented);
    if (d_.what != decision_kind::none) return;
    // Expired, revoked (R-REV-5) or of a version too old for this host (R-VER-3): served as R-DEV-7.
  }
  serve_not_latest(sv, presented);
}

// The presented copy is the latest license of this HardwareID (R-DEV-7):
// not superseded and not renewed elsewhere since it was stored.
bool rules::latest_presented(license_server& sv, const store_entry* presented) {
  return presented && latest_copy(sv.licenses()[presented->license], *presented, cx_.client.hwid);
}

void rules::serve_latest(license_server& sv, store_entry& presented) {
  const std::uint32_t li = presented.license;
  const license& l = sv.licenses()[li];  // careful: issuing grows the database
  if (l.status == license_status::temporary || l.kind == license_kind::temporary) {
    const bool unexpired = l.status == license_status::temporary && cx_.now < l.expires;
    const bool validated = l.validated;
    if (validated) {
      // R-DEV-3: a validated temporary is upgraded when a permanent is available.
      const std::uint32_t p = issue_permanent(sv);
      if (p != no_id) {
        sv.upgrade(li, p, cx_.client.hwid);
        d_.decide(rule_id::dev_3, decision_kind::upgraded);
        d_.change = license_change::upgraded;
        return hand_over(sv, p, msg::upgrade_license);
      }
    }
    if (unexpired) {  // keeps working until its 90 days end
      d_.decide(validated ? rule_id::dev_3 : rule_id::dev_2,
                validated ? decision_kind::kept_temporary : decision_kind::accepted_temporary);
      return valid();
    }
    // R-DEV-8: an expired temporary with nothing to upgrade to.
    d_.decide(rule_id::dev_8, decision_kind::refused_temporary_expired);
    return unlicensed(1011, rule_id::dev_8, refusal_cause::temporary_expired);
  }
  if (permanent_in_force(l, cx_.host.version, cx_.now)) {
    if (renewal_due(l.expires, cx_.now)) {  // R-DEV-5: renew inside the 7-day window
      d_.decide(rule_id::dev_5, decision_kind::renewed);
      d_.change = license_change::renewed;
      sv.renew_permanent(li, cx_.client.stream, cx_.now);
      put_in_store(cx_.client, d_.server, li, sv.licenses()[li]);
      return challenge_then(msg::upgrade_license);
    }
    d_.decide(rule_id::dev_5, decision_kind::nothing_to_renew);
    return valid();
  }
}

// R-DEV-7: no license, or not the latest for this HardwareID.
void rules::serve_not_latest(license_server& sv, const store_entry* presented) {
  hwid_record& rec = sv.known(cx_.client.hwid);
  if (!rec.upgradable) {
    if (rec.temporary == no_id) {
      // R-DEV-1: a HardwareID never seen gets a temporary.
      bool schedule = false;
      const std::uint32_t t = sv.issue_temporary(holder(), cx_.now, &schedule);
      if (schedule) cx_.queue.push(sv.licenses()[t].expires, kind_of(event_kind::temporary_expiry), d_.server, 0);
      rec.temporary = t;
      sv.set_latest(rec, t);
      d_.decide(rule_id::dev_1, decision_kind::issued_temporary);
      d_.change = license_change::issued;
      return hand_over(sv, t, msg::new_license);
    }
    const license& t = sv.licenses()[rec.temporary];
    if (t.status == license_status::temporary && cx_.now < t.expires) {
      d_.decide(rule_id::dev_1, decision_kind::served_temporary_again);
      return hand_over(sv, rec.temporary, msg::new_license);
    }
    d_.decide(rule_id::dev_8, decision_kind::refused_hwid_temporary_expired);
    return unlicensed(1011, rule_id::dev_8, refusal_cause::hwid_temporary_expired);
  }
  const std::uint32_t temporary = rec.temporary;
  const std::uint32_t p = issue_permanent(sv);  // adds no HardwareID: `rec` stays valid
  if (p != no_id) {
    const std::uint32_t previous = rec.latest;
    const bool had_latest = previous != no_id;
    // R-DEV-7: a previous latest permanent is superseded: never renewed, it returns at its own expiry.
    if (had_latest && sv.licenses()[previous].kind == license_kind::device &&
        sv.licenses()[previous].status == license_status::active)
      d_.add_note(note_kind::superseded, previous);
    sv.set_latest(rec, p);
    d_.decide(rule_id::dev_7,
              presented ? decision_kind::issued_permanent_not_latest : decision_kind::issued_permanent_known_hwid);
    d_.change = had_latest ? license_change::superseded : license_change::issued;
    return hand_over(sv, p, msg::new_license);
  }
  if (temporary != no_id) {
    const license& t = sv.licenses()[temporary];
    if (t.status == license_status::temporary && cx_.now < t.expires) {
      d_.decide(rule_id::dev_7, decision_kind::served_unexpired_temporary);
      if (!presented || presented->license != temporary) return hand_over(sv, temporary, msg::new_license);
      return valid();
    }
  }
  d_.decide(rule_id::dev_7, decision_kind::refused_no_permanent);
  unlicensed(1004, rule_id::dev_7, refusal_cause::no_permanent_no_temporary);
}

// R-USER-4: per user keeps nothing in the client's store: its MSLicensing
// key, HardwareID and corruption play no part here.
void rules::per_user() {
  d_.send(msg::new_license_request);
  if (cx_.found == no_id) return unlicensed(1000, rule_id::grace_4, cx_.no_server_cause);
  const std::uint32_t server = cx_.found;
  d_.server = server;
  license_server& sv = cx_.servers[server];
  if (cx_.rules == rules_profile::ws2003) cx_.host.grace_ended_early = true;  // R-GRACE-3 (ws2003)
  // R-MODE-6: per user needs the host and the license server in a domain.
  if (!cx_.host.domain || !sv.domain())
    return unlicensed(1000, rule_id::mode_6, refusal_cause::per_user_in_workgroup);
  if (!sv.serves(cx_.host_index)) {  // EVT 4141
    not_in_group();
    return unlicensed(1000, rule_id::grace_4, refusal_cause::not_in_security_group);
  }
  const license_server::user_result r = sv.serve_user(holder(), cx_.host.version, cx_.host.prevent_upgrade, cx_.now);
  // R-GRACE-3 (ws2008): a per-user CAL issued or extended for this host ends the grace period.
  if (cx_.rules == rules_profile::ws2008 && (r.issued || r.extended)) cx_.host.grace_ended_early = true;
  if (!r.issued && !r.no_pack) {  // R-USER-2: the user's CAL, extended in its last 7 days
    d_.decide(rule_id::user_2, decision_kind::user_accepted);
    if (r.extended) d_.change = license_change::renewed;
    return valid();
  }
  if (r.no_pack) {  // R-MODE-5: no per-user CAL of a usable version: nothing is issued
    d_.decide(rule_id::mode_5, decision_kind::user_no_cal_of_type);
    d_.add_note(note_kind::no_per_user_cal);
    return valid();
  }
  // R-USER-1: beyond the pool an issue is counted as over-used, never refused.
  d_.decide(r.overused ? rule_id::user_1 : rule_id::user_2,
            r.overused ? decision_kind::user_overused : decision_kind::user_issued);
  d_.change = license_change::issued;
  if (!sv.ad_write()) d_.add_note(note_kind::ad_write_denied);  // R-USER-3
  expiry_at(sv.licenses()[r.license].expires, r.license);
  challenge_then(msg::new_license);
}

}  // namespace

decision decide_connection(connection_context& cx) {
  decision d;
  d.keep_messages = cx.keep_messages;
  rules(cx, d).connect();
  if (d.outcome == verdict::refused) return d;
  // R-DEV-12: the logon may fail (drawn only where it can, so other streams keep their draws).
  const double p = cx.group.schedule.logon_failure;
  if (p > 0 && cx.client.stream.bernoulli(p)) {
    d.logon_failed = true;
    d.add_note(note_kind::logon_failed);
    return d;  // the licensing exchange succeeded: allowed, but nothing is validated
  }
  // R-DEV-2: after the logon, the host marks the temporary as validated.
  if (cx.host.mode == 2 && d.server != no_server)
    if (const store_entry* e = store_for(cx.client, d.server); e && e->kind == license_kind::temporary)
      cx.servers[d.server].validate(e->license);
  return d;
}

}  // namespace calsim::detail
