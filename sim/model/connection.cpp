// A client's connection in the kernel: what happened to its store since the
// last one (R-CLI-3, R-DEV-10), the decision of the rules
// (connection_rules.cpp), and that decision written out once: to the event
// log, the message trace and the observer.
#include <cmath>

#include "core/calendar.hpp"
#include "model/connection_rules.hpp"
#include "model/grace.hpp"
#include "model/schedule_inline.hpp"
#include "model/simulation.hpp"

namespace calsim::detail {

void simulation::new_hardware_id(std::uint32_t c) {
  client_state& cl = clients_[c];
  earlier_hwids_.erase(c);  // a new MSLicensing key holds one HardwareID
  ++cl.hwid_generation;
  cl.hwid = client_hwid_key(c, cl.hwid_generation);
  cl.store.clear();
}

// What happens on a client that Windows does not log (a calsim event on the client's node).
void simulation::client_event(std::uint32_t c, rule_id rule, std::string message) {
  const std::string name = client_name(c);
  log(name, c, 0, rule, std::move(message));
}

// R-CLI-3: a pool built from an image that holds a HardwareID: every boot
// restores the image's MSLicensing key (its HardwareID and baked license).
void simulation::restore_image(std::uint32_t c, std::size_t image) {
  client_state& cl = clients_[c];
  cl.hwid = image_hwid_key(image);
  cl.store.clear();
  earlier_hwids_.erase(c);
  if (image_store_[image].server != no_server) cl.store.push_back(image_store_[image]);
}

// What happened to the client's store since its last connection (R-CLI-3,
// R-DEV-10); nothing to ask for a group whose stores nothing changes (issue
// 18: most connections).
void simulation::apply_client_lifecycle(std::uint32_t c) {
  client_state& cl = clients_[c];
  if (group_plans_[cl.group].store_changes) change_store(c);
  cl.connected_before = true;
  cl.last_connection = now_;
}

void simulation::change_store(std::uint32_t c) {
  client_state& cl = clients_[c];
  const client_group_spec& g = group_of(c);
  const sim_time since = cl.connected_before ? cl.last_connection : active_from(c);
  // Index of the last daily boot (or shutdown) instant at or before t.
  auto instants_until = [](sim_time t, int minute) { return day_floor(t - minute * seconds_per_minute); };
  switch (g.kind) {
    case client_kind::non_persistent:
      // The store is reset at every boot: a new HardwareID each boot, or the
      // image's HardwareID and license when the image holds one (R-CLI-3).
      if (!cl.connected_before || instants_until(now_, g.boot_minute) > instants_until(since, g.boot_minute)) {
        if (g.image) restore_image(c, *g.image);
        else new_hardware_id(c);
        client_event(c, rule_id::cli_3,
                     g.image ? "boot: the image's MSLicensing key is restored (its HardwareID and license)"
                             : "boot: the non-persistent desktop starts with an empty store: a new HardwareID");
      }
      break;
    case client_kind::wipe_on_shutdown:
      // A script deletes MSLicensing at each shutdown.
      if (cl.connected_before && instants_until(now_, g.shutdown_minute) > instants_until(since, g.shutdown_minute)) {
        cl.hwid = 0;
        cl.store.clear();
        earlier_hwids_.erase(c);
        truth_.note(c, failure_mode::wiped_store, rule_id::cli_3, now_);
        client_event(c, rule_id::cli_3, "shutdown: a script deleted the MSLicensing key");
      }
      break;
    case client_kind::thin: new_hardware_id(c); break;  // no writable store
    case client_kind::persistent:
    case client_kind::cloned: break;
  }
  // Poisson processes over the time since the last connection (below).
  const double years = static_cast<double>(now_ - since) / static_cast<double>(days(365));
  if (g.replacement_years > 0 && cl.connected_before && g.kind != client_kind::cloned) {
    // R-CLI-4 as a Poisson process (hardware refresh): replaced since the last connection?
    const bool replaced = cl.stream.bernoulli(1.0 - std::exp(-years / g.replacement_years));
    if (replaced) {
      new_hardware_id(c);
      truth_.note(c, failure_mode::rebuilt, rule_id::cli_4, now_);
      client_event(c, rule_id::cli_4, "replaced (hardware refresh): a new HardwareID, the same computer name");
    }
  }
  if (g.store_corruption_per_year > 0 && cl.connected_before) {
    // R-DEV-10 as a Poisson process: P(corrupted since the last connection).
    const double p = 1.0 - std::exp(-g.store_corruption_per_year * years);
    const bool corrupted = cl.stream.bernoulli(p);
    if (corrupted) {
      cl.corrupt = true;
      client_event(c, rule_id::dev_10, "the license store was corrupted since the last connection (at random)");
    }
  }
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
  const std::uint64_t id = ++connections_;
  host_state& host = hosts_[h];
  ++attempted_;
  ++host.attempted;
  if (options_.group_days) count_group(group_connections_, cl.group);
  apply_client_lifecycle(c);

  std::uint32_t found = no_id;
  if (!g.schedule.admin && (host.mode == 2 || host.mode == 4))
    if (const auto server = discover(h)) found = static_cast<std::uint32_t>(*server);
  // The routine connection: licensed, nothing logged, nothing changed
  // (connection_rules.hpp); truth.json is told of a new HardwareID below.
  if (routine_ && (!truth_.on() || cl.hwid == cl.truth_hwid) &&
      routine_connection(cl, g, host, h, servers_, found, s_.rules, now_)) {
    count_verdict(host, verdict::licensed);
    ++routine_connections_;
    if (cl.remaining_today == 0) plan_next_inline(c);
    return;
  }
  connect_in_general(c, h, id, found);
}

// A connection through the rules' decision record, written out once (out of
// line: connect() stays small for the routine connection, issue 18).
void simulation::connect_in_general(std::uint32_t c, std::size_t h, std::uint64_t id, std::uint32_t found) {
  client_state& cl = clients_[c];
  host_state& host = hosts_[h];
  const refusal_cause none_cause =
      host.workgroup_refused ? refusal_cause::workgroup_auth_enforced : refusal_cause::no_server_reachable;
  connection_context cx{cl, c, group_of(c), host, h, servers_, found, none_cause, s_.rules, now_, queue_, options_.trace};
  const decision d = decide_connection(cx);

  count_verdict(host, d.outcome);
  if (options_.group_days && d.outcome == verdict::refused) count_group(group_refused_, cl.group);
  if (d.discarded_hwid != 0) earlier_hwids_[c].push_back(d.discarded_hwid);  // R-CLI-5
  if (truth_.on()) note_truth(c, h, d);
  if (d.note_count != 0 || d.outcome != verdict::licensed) record_decision(c, h, d);  // else nothing to log
  if (options_.trace) {
    emit_trace(c, h, id, d);
    emit_connection_record(c, h, id, d);
  }
  if (cl.remaining_today == 0) plan_next(c);
}

// What truth.json keeps of a decision: the HardwareIDs used, refusals, corrupt
// stores, failed logons and the CALs a new permanent superseded.
void simulation::note_truth(std::uint32_t c, std::size_t h, const decision& d) {
  client_state& cl = clients_[c];
  if (d.discarded_hwid != 0) {
    truth_.used(c, d.discarded_hwid, now_);
    cl.truth_hwid = d.discarded_hwid;
    truth_.note(c, failure_mode::corrupt_store, rule_id::dev_10, now_);
  }
  // Told only of a change (issue 18: its per-client table was one more cache
  // miss per connection at a million clients).
  if (cl.hwid != cl.truth_hwid) {
    truth_.used(c, cl.hwid, now_);
    cl.truth_hwid = cl.hwid;
  }
  if (d.outcome == verdict::refused) {
    truth_.note(c, failure_mode::refused, d.rule, now_, std::nullopt, cause_name(d.cause));
    truth_.host_refused(h, cause_name(d.cause));
  }
  if (d.logon_failed) truth_.note(c, failure_mode::logon_failed, rule_id::dev_12, now_);
  for (std::uint8_t i = 0; i < d.note_count; ++i)
    if (d.notes[i].kind == note_kind::superseded) {
      const license& old = servers_[d.server].licenses()[d.notes[i].param];
      if (old.client != no_id) truth_.note(old.client, failure_mode::superseded_cal, rule_id::dev_7, now_, old.expires);
    }
}

void simulation::count_unlicensed(host_state& host, verdict v) {
  switch (v) {
    case verdict::licensed: break;  // count_verdict
    case verdict::allowed_in_grace:
      ++allowed_;
      ++allowed_in_grace_;
      ++host.allowed;
      ++host.allowed_in_grace;
      break;
    case verdict::refused:
      ++refused_;
      ++refused_today_;
      if (options_.stop_after_refused >= 0 && refused_ > options_.stop_after_refused) stopped_ = true;
      ++host.refused;
      if (!result_.first_refusal) result_.first_refusal = now_;
      break;
  }
}

// The events of a decision, in the order they happened: its notes, then the
// host's own event (a grace warning, at most one per host and day, or the refusal).
void simulation::record_decision(std::uint32_t c, std::size_t hi, const decision& d) {
  for (std::uint8_t i = 0; i < d.note_count; ++i) log_note(c, hi, d, d.notes[i]);
  host_state& h = hosts_[hi];
  if (d.outcome == verdict::allowed_in_grace && h.last_grace_warning_day != day_floor(now_)) {
    h.last_grace_warning_day = day_floor(now_);
    log(h.name, c, 0, rule_id::grace_4,
        "connection allowed in the grace period (" + std::to_string(grace_days_left(h)) +
            " days left): " + std::string(cause_text(d.cause)));
  }
  if (d.outcome == verdict::refused) {
    // R-GRACE-4: the text names the real cause.
    std::string text(cause_text(d.cause));
    if (d.cause != refusal_cause::cannot_recreate_key) text = "connection refused: " + text;
    log(h.name, c, d.event_id, d.rule, std::move(text));
  }
}

void simulation::log_note(std::uint32_t c, std::size_t hi, const decision& d, const note& n) {
  const host_state& h = hosts_[hi];
  const std::string& server = d.server != no_server ? servers_[d.server].name() : h.name;
  const std::string_view node = note_source(n.kind) == event_source::license_server ? std::string_view(server)
                                                                                     : std::string_view(h.name);
  // A calsim note about the client (not a Windows event) is written on the host's node too.
  std::string text;
  switch (n.kind) {
    case note_kind::store_discarded: text = "the client presented an invalid license: its store is discarded"; break;
    case note_kind::not_in_group:
      text = "session host " + h.name + " is not in the license server's security group";
      break;
    case note_kind::pool_exhausted:
      text = "no permanent per-device CAL left for Windows Server " + std::to_string(n.param) + " hosts";
      break;
    case note_kind::only_per_user_cals:
      text = "the license server " + server + " has only per-user CALs: host in per-device mode gets temporaries only";
      break;
    case note_kind::no_per_user_cal: text = "the license server " + server + " has no per-user CAL for this host"; break;
    case note_kind::renewal_failed:
      text = "warning: the license could not be renewed (" +
             std::string(cause_text(static_cast<refusal_cause>(n.param))) + "); it stays valid until it expires";
      break;
    case note_kind::superseded: {
      const license& old = servers_[d.server].licenses()[n.param];
      text = "license " + std::to_string(n.param + 1) + " is superseded by a new permanent CAL for the same HardwareID: " +
             "it is never renewed and returns to the pool on " + format_date(old.expires);
      break;
    }
    case note_kind::logon_failed:
      text = "the user's logon failed: the connection's licensing succeeded, but nothing is validated";
      break;
    case note_kind::ad_write_denied:
      text = "cannot update the AD attributes of user " + user_name(clients_[c].user);
      break;
  }
  log(node, c, note_event_id(n.kind), note_rule(n.kind), std::move(text));
}

void simulation::emit_trace(std::uint32_t c, std::size_t h, std::uint64_t id, const decision& d) {
  const std::string client = client_name(c);
  for (std::uint8_t i = 0; i < d.message_count; ++i) {
    const traced_msg& m = d.messages[i];
    trace_message t;
    t.time = now_;
    t.connection = id;
    t.client = client;
    t.host = hosts_[h].name;
    if (m.server_known) t.server = servers_[d.server].name();
    t.server_to_client = server_to_client(m.message);  // PROTO
    t.message = msg_name(m.message);
    t.type = static_cast<int>(m.message);
    t.error = alert_error_name(m.error);
    t.transition = alert_transition_name(m.transition);
    observer_.on_trace(t);
  }
}

void simulation::emit_connection_record(std::uint32_t c, std::size_t h, std::uint64_t id, const decision& d) {
  const std::string client = client_name(c);
  connection_record r;
  r.time = now_;
  r.connection = id;
  r.client = client;
  r.host = hosts_[h].name;
  if (d.server != no_server) r.server = servers_[d.server].name();
  r.presented = d.presented;
  r.presented_expires = d.presented_expires;
  r.outcome = verdict_name(d.outcome);
  r.rule = rule_name(d.rule);
  r.decision = decision_sentence(d.what);
  // What the client holds is what its store keeps, expired or not (issue 15):
  // an unexpired CAL first (a permanent before a temporary), else the expired
  // one it will present next time (a permanent before a temporary).
  int best_rank = 0;
  r.keeps_nothing = group_of(c).kind == client_kind::thin;  // R-CLI-3: the next connection starts empty
  if (!r.keeps_nothing)
    for (const auto& e : clients_[c].store) {
      const int kind = e.kind == license_kind::temporary ? 1 : 2;
      const int rank = kind + (e.expires > now_ ? 2 : 0);
      if (rank > best_rank) {
        best_rank = rank;
        r.holds = kind;
        r.holds_expires = e.expires;
      }
    }
  observer_.on_connection(r);
}

}  // namespace calsim::detail
