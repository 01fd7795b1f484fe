// The licensing rules of one connection as a function from state to a
// decision (decision.hpp): the host's mode and grace (R-MODE, R-GRACE), the
// client's store (R-CLI), the license server's answer (R-DEV, R-USER, R-VER,
// R-REV) and the messages exchanged (PROTO). The rules change the state they
// are given (licenses issued, stores updated, expiries scheduled) and say
// what they did; they write nothing out: the kernel does, once.
#pragma once
#include <cstdint>
#include <optional>
#include <vector>

#include "calsim/scenario.hpp"
#include "engine/event_queue.hpp"
#include "model/decision.hpp"
#include "model/license_server.hpp"
#include "model/state.hpp"

namespace calsim::detail {

struct connection_context {
  client_state& client;
  std::uint32_t client_index;
  const client_group_spec& group;
  host_state& host;
  std::size_t host_index;
  std::vector<license_server>& servers;
  std::uint32_t found;                // the license server discovery found (R-MODE-4), or no_id
                                      // (a plain index: an optional here stalled store forwarding, issue 18)
  refusal_cause no_server_cause;      // why none was found (R-GRACE-4, R-MODE-8)
  rules_profile rules;
  sim_time now;
  event_queue& queue;  // expiries of what is issued
  bool keep_messages = true;  // record the message exchange (the trace and explain read it)
};

// The whole licensing decision of a connection (after the client's lifecycle).
decision decide_connection(connection_context& cx);

// The client's copy of `server`'s license, if any (inline: every connection asks).
inline const store_entry* store_for(const client_state& cl, std::uint32_t server) {
  for (const auto& e : cl.store)
    if (e.server == server) return &e;
  return nullptr;
}
inline store_entry* store_for(client_state& cl, std::uint32_t server) {
  return const_cast<store_entry*>(store_for(static_cast<const client_state&>(cl), server));
}
void put_in_store(client_state& cl, std::uint32_t server, std::uint32_t idx, const license& l);

// The conditions of the rules, stated once and used by both paths: the rules
// (connection_rules.cpp) and routine_connection() below.
// R-DEV-7: the presented copy is the latest license of this HardwareID: not
// superseded and not renewed elsewhere since it was stored.
inline bool latest_copy(const license& l, const store_entry& copy, std::uint64_t hwid) {
  return l.hwid == hwid && !l.superseded && l.stamp == copy.stamp;
}
// An active permanent, unexpired (R-DEV-5), not revoked (R-REV-5), of a
// version the host accepts (R-VER-3).
inline bool permanent_in_force(const license& l, std::int32_t host_version, sim_time now) {
  return l.status == license_status::active && now < l.expires && l.version >= host_version;
}
// R-DEV-5: a permanent is renewed inside its last 7 days.
inline bool renewal_due(sim_time expires, sim_time now) { return expires - now <= days(7); }

// The routine connection, decided without a decision record: true only where
// decide_connection() would find, with the same tests in the same order, a
// per-device client presenting its latest permanent CAL in force with
// nothing to renew (R-DEV-5 "nothing to renew"), and where deciding so
// changes no state and draws nothing (no grace to start, no ws2003 grace to
// end, no key to re-create, no corrupt store, no logon failure to draw, no
// temporary to validate). Then the connection is licensed and nothing is
// logged. Its equivalence with the general path, file by file over the
// catalog and generated estates, is tests/model/routine_connection_test.cpp
// (issue 18: the record, not the rules, was the cost of such a connection).
[[gnu::always_inline]] inline bool routine_connection(const client_state& cl, const client_group_spec& g, const host_state& host,
                               std::size_t host_index, const std::vector<license_server>& servers,
                               std::uint32_t found, rules_profile rules, sim_time now) {
  if (g.schedule.admin || !host.grace_started || host.mode != 2) return false;  // R-GRACE-6, R-GRACE-2
  if (cl.hwid == 0 || cl.corrupt || found == no_id) return false;               // R-CLI-2, R-DEV-10, R-MODE-4
  if (rules == rules_profile::ws2003 && !host.grace_ended_early) return false;  // R-GRACE-3 (ws2003)
  const license_server& sv = servers[found];
  if (!sv.serves(host_index)) return false;         // EVT 4141
  if (g.schedule.logon_failure > 0) return false;   // R-DEV-12 draws
  const store_entry* copy = store_for(cl, found);
  if (!copy || copy->kind != license_kind::device) return false;
  const license& l = sv.licenses()[copy->license];
  if (l.kind != license_kind::device || l.status == license_status::temporary) return false;
  return latest_copy(l, *copy, cl.hwid) && permanent_in_force(l, host.version, now) && !renewal_due(l.expires, now);
}

}  // namespace calsim::detail
