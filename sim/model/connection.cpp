// One client connection: the client's store and kind (R-CLI), the host's mode
// and grace (R-MODE, R-GRACE), the license server's decision (R-DEV, R-USER,
// R-VER, R-REV) and the message exchange (PROTO).
#include <cmath>

#include "core/calendar.hpp"
#include "model/simulation.hpp"

namespace calsim::detail {

void simulation::emit_trace(msg m, alert_error err, alert_transition tr) {
  const std::string client = client_name(current_.client);
  trace_message t;
  t.time = now_;
  t.connection = current_.id;
  t.client = client;
  t.host = hosts_[current_.host].name;
  if (current_.server >= 0) t.server = servers_[static_cast<std::size_t>(current_.server)].name;
  t.server_to_client = m == msg::license_request || m == msg::platform_challenge || m == msg::new_license ||
                       m == msg::upgrade_license || (m == msg::error_alert && err != alert_error::invalid_client);
  t.message = msg_name(m);
  t.type = static_cast<int>(m);
  t.error = alert_error_name(err);
  t.transition = alert_transition_name(tr);
  observer_.on_trace(t);
}

store_entry* simulation::store_for(client_state& cl, std::uint32_t server) {
  for (auto& e : cl.store)
    if (e.server == server) return &e;
  return nullptr;
}

void simulation::put_in_store(client_state& cl, std::uint32_t server, std::uint32_t idx, const license& l) {
  store_entry e{server, idx, l.stamp, l.kind, l.version, l.expires};
  if (store_entry* old = store_for(cl, server)) *old = e;
  else cl.store.push_back(e);
}

void simulation::new_hardware_id(std::uint32_t c) {
  client_state& cl = clients_[c];
  ++cl.hwid_generation;
  cl.hwid = client_hwid_key(c, cl.hwid_generation);
  cl.store.clear();
}

// What happened to the client's store since its last connection (R-CLI-3, R-DEV-10).
void simulation::apply_client_lifecycle(std::uint32_t c) {
  client_state& cl = clients_[c];
  const client_group_spec& g = group_of(c);
  const sim_time since = cl.connected_before ? cl.last_connection : g.active_from.value_or(s_.start);
  // Index of the last daily boot (or shutdown) instant at or before t.
  auto instants_until = [](sim_time t, int minute) { return day_floor(t - minute * seconds_per_minute); };
  switch (g.kind) {
    case client_kind::non_persistent:
      // The store is reset at every boot: a new HardwareID each boot.
      if (!cl.connected_before || instants_until(now_, g.boot_minute) > instants_until(since, g.boot_minute))
        new_hardware_id(c);
      break;
    case client_kind::wipe_on_shutdown:
      // A script deletes MSLicensing at each shutdown.
      if (cl.connected_before && instants_until(now_, g.shutdown_minute) > instants_until(since, g.shutdown_minute)) {
        cl.hwid = 0;
        cl.store.clear();
      }
      break;
    case client_kind::thin: new_hardware_id(c); break;  // no writable store
    case client_kind::persistent:
    case client_kind::cloned: break;
  }
  if (g.store_corruption_per_year > 0 && cl.connected_before) {
    // R-DEV-10 as a Poisson process: P(corrupted since the last connection).
    const double years = static_cast<double>(now_ - since) / static_cast<double>(days(365));
    const double p = 1.0 - std::exp(-g.store_corruption_per_year * years);
    const bool corrupted = cl.stream.bernoulli(p);
    if (corrupted) cl.corrupt = true;
  }
  cl.connected_before = true;
  cl.last_connection = now_;
}

void simulation::connect(std::uint32_t c) {
  client_state& cl = clients_[c];
  if (cl.retired) return;
  const client_group_spec& g = group_of(c);
  if (cl.remaining_today > 0) --cl.remaining_today;
  std::size_t h = g.hosts[0];
  if (!g.hosts_first && g.hosts.size() > 1) {
    const std::uint64_t pick = cl.stream.below(g.hosts.size());
    h = g.hosts[static_cast<std::size_t>(pick)];
  }
  current_ = {++connections_, c, h, -1, 0, 0, {}, {}};
  host_state& host = hosts_[h];
  ++attempted_;
  ++host.attempted;

  apply_client_lifecycle(c);
  trace(msg::license_request);

  verdict v = verdict::licensed;
  if (g.schedule.admin) {
    v = verdict::licensed;  // R-GRACE-6: administrative connections are never refused for licensing
    decide("R-GRACE-6", "let the administrative connection in without licensing");
    trace(msg::error_alert, alert_error::valid_client, alert_transition::no_transition);
  } else {
    start_grace_if_needed(h);
    if (host.mode == 2) {
      v = connect_per_device(c, h);
    } else if (host.mode == 4) {
      v = connect_per_user(c, h);
    } else {
      trace(msg::new_license_request);
      v = unlicensed(c, h, 1069, "R-GRACE-4", "licensing mode is not configured");
      if (v == verdict::refused) decide("R-GRACE-4", "refused the connection: the grace period is over and the licensing mode is not configured (event 1069)");
    }
  }

  switch (v) {
    case verdict::licensed:
      ++allowed_;
      ++host.allowed;
      break;
    case verdict::allowed_in_grace:
      ++allowed_;
      ++allowed_in_grace_;
      ++host.allowed;
      ++host.allowed_in_grace;
      break;
    case verdict::refused:
      ++refused_;
      ++refused_today_;
      ++host.refused;
      if (!result_.first_refusal) result_.first_refusal = now_;
      break;
  }
  // R-DEV-2: after the logon, the host marks the temporary as validated.
  if (v != verdict::refused && host.mode == 2 && current_.server >= 0) {
    const auto server = static_cast<std::uint32_t>(current_.server);
    if (store_entry* e = store_for(cl, server); e && e->kind == license_kind::temporary) {
      license& l = servers_[server].licenses[e->license];
      if (l.status == license_status::temporary && !l.validated) {
        l.validated = true;
        servers_[server].hwids[l.hwid].upgradable = true;
      }
    }
  }
  if (options_.trace) emit_connection_record(v);
  if (cl.remaining_today == 0) plan_next(c);
}

void simulation::emit_connection_record(verdict v) {
  const std::string client = client_name(current_.client);
  connection_record r;
  r.time = now_;
  r.connection = current_.id;
  r.client = client;
  r.host = hosts_[current_.host].name;
  if (current_.server >= 0) r.server = servers_[static_cast<std::size_t>(current_.server)].name;
  r.presented = current_.presented;
  r.presented_expires = current_.presented_expires;
  r.outcome = v == verdict::licensed ? "licensed" : v == verdict::allowed_in_grace ? "allowed_in_grace" : "refused";
  r.rule = current_.rule;
  r.decision = current_.decision;
  for (const auto& e : clients_[current_.client].store)
    if (e.expires > now_ && (e.kind == license_kind::temporary ? 1 : 2) > r.holds) {
      r.holds = e.kind == license_kind::temporary ? 1 : 2;
      r.holds_expires = e.expires;
    }
  observer_.on_connection(r);
}

// A connection that cannot be licensed: allowed in grace, else refused (R-GRACE-4).
verdict simulation::unlicensed(std::uint32_t c, std::size_t hi, int event_id, std::string_view rule,
                               std::string why) {
  host_state& h = hosts_[hi];
  if (in_grace(h)) {
    decide("R-GRACE-4", "let the client in without a license because the host is in its grace period");
    if (h.last_grace_warning_day != day_floor(now_)) {  // one warning per host and day
      h.last_grace_warning_day = day_floor(now_);
      log(h.name, c, 0, "R-GRACE-4",
          "connection allowed in the grace period (" + std::to_string(grace_days_left(h)) + " days left): " + why);
    }
    trace(msg::error_alert, alert_error::valid_client, alert_transition::no_transition);
    return verdict::allowed_in_grace;
  }
  if (current_.rule.empty() || current_.rule == "R-GRACE-4") decide(rule, "refused the connection");
  log(h.name, c, event_id, rule, "connection refused: " + why + "; no Remote Desktop License Servers available");
  trace(msg::error_alert, current_.server >= 0 ? alert_error::invalid_client : alert_error::no_license_server,
        alert_transition::total_abort);
  return verdict::refused;
}

verdict simulation::connect_per_device(std::uint32_t c, std::size_t hi) {
  client_state& cl = clients_[c];
  const client_group_spec& g = group_of(c);
  host_state& h = hosts_[hi];

  // R-CLI-2: a missing MSLicensing key is re-created, which needs elevation.
  if (cl.hwid == 0) {
    if (!g.elevated) {
      decide("R-CLI-2", "refused the connection: the client lost its MSLicensing key and cannot re-create it without elevation (event 1000)");
      log(h.name, c, 1000, "R-CLI-2", "the client cannot re-create its MSLicensing key: it does not run elevated");
      trace(msg::error_alert, alert_error::invalid_client, alert_transition::total_abort);
      return verdict::refused;
    }
    new_hardware_id(c);
  }
  // R-DEV-10: a corrupt store presents an invalid license: discarded, new HardwareID.
  if (cl.corrupt) {
    cl.corrupt = false;
    trace(msg::license_info);
    log(h.name, c, 1003, "R-DEV-10", "the client presented an invalid license: its store is discarded");
    new_hardware_id(c);
  }

  const std::optional<std::size_t> found = discover(hi);
  if (!found) {
    // No license server: a valid CAL still lets the client in (R-DEV-5).
    const store_entry* best = nullptr;
    for (const auto& e : cl.store)
      if (e.expires > now_ && e.version >= h.version && (!best || e.kind == license_kind::device)) best = &e;
    trace(best ? msg::license_info : msg::new_license_request);
    if (best) {
      current_.presented = best->kind == license_kind::temporary ? 1 : 2;
      current_.presented_expires = best->expires;
      decide("R-DEV-5", best->expires - now_ <= days(7) && best->kind == license_kind::device
                            ? "accepted the unexpired CAL, but could not renew it: no license server reachable (event 1028)"
                            : "accepted the unexpired CAL although no license server is reachable");
      if (best->kind == license_kind::device && best->expires - now_ <= days(7))
        log(h.name, c, 1028, "R-DEV-5", "the license could not be renewed: no license server reachable");
      trace(msg::error_alert, alert_error::valid_client, alert_transition::no_transition);
      return verdict::licensed;
    }
    return unlicensed(c, hi, 1004, "R-GRACE-4", "no license server reachable");
  }
  const auto server = static_cast<std::uint32_t>(*found);
  current_.server = static_cast<std::int64_t>(server);
  server_state& sv = servers_[server];
  if (s_.rules == rules_profile::ws2003) h.grace_ended_early = true;  // R-GRACE-3 (ws2003)
  if (sv.security_group && !(*sv.security_group)[hi]) {
    log(sv.name, c, 4141, "R-EVT", "session host " + h.name + " is not in the license server's security group");
    trace(msg::new_license_request);
    return unlicensed(c, hi, 1004, "R-GRACE-4", "the license server does not serve this host");
  }

  store_entry* presented = store_for(cl, server);
  if (presented) {
    current_.presented = presented->kind == license_kind::temporary ? 1 : 2;
    current_.presented_expires = presented->expires;
  }
  trace(presented ? msg::license_info : msg::new_license_request);
  auto challenge_then = [&](msg final_msg) {
    trace(msg::platform_challenge);
    trace(msg::platform_challenge_response);
    trace(final_msg);
  };
  auto hand_over = [&](std::uint32_t idx, msg final_msg) {
    put_in_store(cl, server, idx, sv.licenses[idx]);
    challenge_then(final_msg);
    return verdict::licensed;
  };
  auto valid = [&] {
    trace(msg::error_alert, alert_error::valid_client, alert_transition::no_transition);
    return verdict::licensed;
  };

  // The presented copy is the latest license of this HardwareID (R-DEV-7):
  // not superseded and not renewed elsewhere since it was stored.
  const bool latest = presented && sv.licenses[presented->license].hwid == cl.hwid &&
                      !sv.licenses[presented->license].superseded &&
                      sv.licenses[presented->license].stamp == presented->stamp;
  if (latest) {
    const std::uint32_t li = presented->license;
    const license& l = sv.licenses[li];  // careful: issuing grows sv.licenses
    if (l.status == license_status::temporary || l.kind == license_kind::temporary) {
      const bool unexpired = l.status == license_status::temporary && now_ < l.expires;
      const bool validated = l.validated;
      if (validated) {
        // R-DEV-3: a validated temporary is upgraded when a permanent is available.
        const std::uint32_t p = issue_permanent(server, c, hi);
        if (p != no_id) {
          license& upgraded = sv.licenses[li];
          if (upgraded.status == license_status::temporary) {
            upgraded.status = license_status::upgraded;
            --sv.temporaries_valid;
          }
          hwid_record& known = sv.hwids[cl.hwid];
          set_latest(sv.licenses, known, p);
          known.upgradable = true;
          decide("R-DEV-3", "upgraded the validated temporary to a permanent CAL");
          return hand_over(p, msg::upgrade_license);
        }
      }
      if (unexpired) {  // keeps working until its 90 days end
        decide(validated ? "R-DEV-3" : "R-DEV-2",
               validated ? "kept the temporary: no permanent CAL is available to upgrade it"
                           : "accepted the temporary; it is validated after this logon");
        return valid();
      }
      decide("R-DEV-8", "refused the connection: the temporary expired and no permanent CAL is available (event 1011)");
      // R-DEV-8: an expired temporary with nothing to upgrade to.
      return unlicensed(c, hi, 1011, "R-DEV-8", "the temporary license expired and no permanent CAL is available");
    }
    if (l.status == license_status::active && now_ < l.expires && l.version >= h.version) {
      if (l.expires - now_ <= days(7)) {  // R-DEV-5: renew inside the 7-day window
        decide("R-DEV-5", "renewed the permanent CAL for another 52 to 89 days (it was 7 days or less from expiry)");
        renew_permanent(server, presented->license, c);
        put_in_store(cl, server, presented->license, l);
        challenge_then(msg::upgrade_license);
        return verdict::licensed;
      }
      decide("R-DEV-5", "accepted the permanent CAL: more than 7 days left, nothing to renew");
      return valid();
    }
    // Expired, revoked (R-REV-5) or of a version too old for this host (R-VER-3): served as R-DEV-7.
  }

  // R-DEV-7: no license, or not the latest for this HardwareID.
  hwid_record& rec = sv.hwids[cl.hwid];
  if (!rec.upgradable) {
    if (rec.temporary == no_id) {
      // R-DEV-1: a HardwareID never seen gets a temporary.
      const std::uint32_t t = issue_temporary(server, c);
      rec.temporary = t;
      set_latest(sv.licenses, rec, t);
      decide("R-DEV-1", "issued a temporary CAL valid 90 days to a HardwareID never seen");
      return hand_over(t, msg::new_license);
    }
    const license& t = sv.licenses[rec.temporary];
    if (t.status == license_status::temporary && now_ < t.expires) {
      decide("R-DEV-1", "served the HardwareID's one temporary again");
      return hand_over(rec.temporary, msg::new_license);
    }
    decide("R-DEV-8", "refused the connection: the HardwareID's one temporary has expired (event 1011)");
    return unlicensed(c, hi, 1011, "R-DEV-8", "the HardwareID's temporary license expired");
  }
  const std::uint32_t p = issue_permanent(server, c, hi);
  if (p != no_id) {
    set_latest(sv.licenses, rec, p);  // issue_permanent leaves the HardwareID map as it is
    decide("R-DEV-7", presented ? "issued a new permanent CAL: the license presented is not the latest for this HardwareID"
                                : "issued a new permanent CAL to a HardwareID that already had one (or a validated temporary)");
    return hand_over(p, msg::new_license);
  }
  if (rec.temporary != no_id) {
    const license& t = sv.licenses[rec.temporary];
    if (t.status == license_status::temporary && now_ < t.expires) {
      decide("R-DEV-7", "no permanent CAL available: served the HardwareID's unexpired temporary");
      if (!presented || presented->license != rec.temporary) return hand_over(rec.temporary, msg::new_license);
      return valid();
    }
  }
  decide("R-DEV-7", "refused the connection: no permanent CAL available and no valid temporary (event 1004)");
  return unlicensed(c, hi, 1004, "R-DEV-7", "no permanent CAL available and no valid temporary for this HardwareID");
}

verdict simulation::connect_per_user(std::uint32_t c, std::size_t hi) {
  client_state& cl = clients_[c];
  host_state& h = hosts_[hi];
  trace(msg::new_license_request);
  const std::optional<std::size_t> found = discover(hi);
  if (!found) return unlicensed(c, hi, 1000, "R-GRACE-4", "no license server reachable");
  const auto server = static_cast<std::uint32_t>(*found);
  current_.server = static_cast<std::int64_t>(server);
  server_state& sv = servers_[server];
  if (s_.rules == rules_profile::ws2003) h.grace_ended_early = true;  // R-GRACE-3 (ws2003)
  // R-MODE-6: per user needs the host and the license server in a domain.
  if (!h.domain || !sv.domain)
    return unlicensed(c, hi, 1000, "R-MODE-6", "per-user licensing is not supported in a workgroup");
  if (sv.security_group && !(*sv.security_group)[hi]) {
    log(sv.name, c, 4141, "R-EVT", "session host " + h.name + " is not in the license server's security group");
    return unlicensed(c, hi, 1000, "R-GRACE-4", "the license server does not serve this host");
  }

  // R-USER-2: a CAL per user, 60 days, extended by a sign-in in its last 7 days.
  if (auto it = sv.user_cals.find(cl.user); it != sv.user_cals.end()) {
    license& l = sv.licenses[it->second];
    if (l.status == license_status::active && now_ < l.expires) {
      if (l.expires - now_ <= days(7)) {
        l.expires = now_ + days(60);
        ++l.stamp;
        if (l.pack >= 0) ++sv.packs[static_cast<std::size_t>(l.pack)].renewed_today;
        // Its pending expiry event moves itself to the new date (expire_license).
      }
      decide("R-USER-2", "accepted the user's per-user CAL (extended by 60 days when in its last 7 days)");
      trace(msg::error_alert, alert_error::valid_client, alert_transition::no_transition);
      return verdict::licensed;
    }
  }
  license l;
  l.client = c;
  l.user = cl.user;
  l.hwid = cl.hwid;
  l.kind = license_kind::user;
  l.status = license_status::active;
  l.issued = now_;
  l.expires = now_ + days(60);
  const std::int32_t pack = choose_pack(sv, pack_type::per_user, h.version, h.prevent_upgrade);
  if (pack >= 0) {
    pack_state& p = sv.packs[static_cast<std::size_t>(pack)];
    --p.available;
    ++p.issued;
    ++p.issued_today;
    l.pack = pack;
    l.version = p.spec.version;
    ++result_.per_user_issued;
    decide("R-USER-2", "issued a per-user CAL for 60 days");
  } else {
    // R-USER-1: not enforced; beyond the pool an issue is counted as over-used.
    std::int32_t over = -1;
    for (std::size_t i = 0; i < sv.packs.size(); ++i) {
      const pack_state& p = sv.packs[i];
      if (p.installed && !p.removed && p.spec.type == pack_type::per_user && p.spec.version >= h.version &&
          (over < 0 || p.spec.version < sv.packs[static_cast<std::size_t>(over)].spec.version))
        over = static_cast<std::int32_t>(i);
    }
    if (over < 0) {
      // R-MODE-5: no per-user CAL of a usable version at all: nothing is issued.
      decide("R-MODE-5", "let the user in: per user is not enforced, but the server has no per-user CAL (event 1004)");
      log(h.name, c, 1004, "R-MODE-5", "the license server " + sv.name + " has no per-user CAL for this host");
      trace(msg::error_alert, alert_error::valid_client, alert_transition::no_transition);
      return verdict::licensed;
    }
    pack_state& p = sv.packs[static_cast<std::size_t>(over)];
    ++p.overused;
    l.pack = pack_overused;
    l.version = p.spec.version;
    ++result_.per_user_overused;
    decide("R-USER-1", "let the user in and counted an over-used per-user CAL: the pool is exhausted");
  }
  if (!sv.ad_write)  // R-USER-3
    log(sv.name, c, 4105, "R-USER-3", "cannot update the AD attributes of user " + user_name(cl.user));
  const auto idx = static_cast<std::uint32_t>(sv.licenses.size());
  sv.licenses.push_back(l);
  sv.user_cals[cl.user] = idx;
  queue_.push(l.expires, static_cast<std::uint32_t>(event_kind::license_expiry), server,
              static_cast<std::uint64_t>(idx) << 32);
  trace(msg::platform_challenge);
  trace(msg::platform_challenge_response);
  trace(msg::new_license);
  return verdict::licensed;
}

}  // namespace calsim::detail
