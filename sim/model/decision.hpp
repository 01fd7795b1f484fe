// What was decided at one connection, and why: the one record the rules
// (connection_rules.cpp) return and the kernel writes out once, to the event
// log, the message trace and the observer (explain). Typed throughout: the
// sentences are made from it in one place (decision_text.cpp).
#pragma once
#include <array>
#include <cstdint>
#include <string_view>

#include "calsim/time.hpp"
#include "model/protocol.hpp"
#include "model/rule_id.hpp"

namespace calsim::detail {

inline constexpr std::uint32_t no_server = 0xffffffffU;

// Outcome of the licensing part of a connection.
enum class verdict : std::uint8_t { licensed, allowed_in_grace, refused };

// Who writes a Windows event: the session host's service or the license server's.
enum class event_source : std::uint8_t { calsim, session_host, license_server };

// What the host or license server did, one sentence each (decision_text.cpp).
enum class decision_kind : std::uint8_t {
  none,
  admin_allowed,
  grace_allowed,
  refused,                    // the cause says why
  refused_mode_not_configured,
  refused_cannot_recreate_key,
  outage_accepted,
  outage_renewal_failed,
  refused_expired_permanent,
  upgraded,
  kept_temporary,
  accepted_temporary,
  refused_temporary_expired,
  renewed,
  nothing_to_renew,
  issued_temporary,
  served_temporary_again,
  refused_hwid_temporary_expired,
  issued_permanent_not_latest,
  issued_permanent_known_hwid,
  served_unexpired_temporary,
  refused_no_permanent,
  user_accepted,
  user_issued,
  user_no_cal_of_type,
  user_overused,
};

// Why a connection could not be licensed (R-GRACE-4).
enum class refusal_cause : std::uint8_t {
  none,
  mode_not_configured,
  no_server_reachable,
  not_in_security_group,
  temporary_expired,           // the presented temporary, nothing to upgrade to (R-DEV-8)
  hwid_temporary_expired,      // the HardwareID's one temporary (R-DEV-8)
  no_permanent_no_temporary,   // R-DEV-7
  per_user_in_workgroup,       // R-MODE-6
  cannot_recreate_key,         // R-CLI-2
  expired_permanent_no_server,   // R-DEV-5: 1028, no license server reachable
  expired_permanent_not_served,  // R-DEV-5: 1028, the server refuses the host (EVT 4141)
  workgroup_auth_enforced,       // R-MODE-8: the workgroup server refuses workgroup hosts
};

// What changed in the license server's database for this client.
enum class license_change : std::uint8_t { none, issued, upgraded, renewed, superseded };

// An event logged on the way to the decision, before the decision's own.
enum class note_kind : std::uint8_t {
  store_discarded,       // 1003 on the host (R-DEV-10)
  not_in_group,          // 4141 on the license server (EVT)
  pool_exhausted,        // 21 on the license server (R-DEV-3); param: host version
  only_per_user_cals,    // 1004 on the host (R-MODE-5)
  no_per_user_cal,       // 1004 on the host (R-MODE-5, per user)
  renewal_failed,        // a calsim warning (R-DEV-5): param: the refusal_cause why
  ad_write_denied,       // 4105 on the license server (R-USER-3)
  logon_failed,          // a calsim event (R-DEV-12): the temporary is not validated
  superseded,            // a calsim event (R-DEV-7): param: the license a new permanent supersedes
};

// Trivial types (no member initialisers): a decision's arrays are left
// uninitialised, their counts say what is filled (no per-connection memset).
struct note {
  note_kind kind;
  std::uint32_t param;
};

// One message of the exchange; `server_known`: the host had found its
// license server when the message was sent (the trace names it then).
struct traced_msg {
  msg message;
  alert_error error;
  alert_transition transition;
  bool server_known;
};

// The direction of a message (PROTO): every ERROR_ALERT comes from the server.
inline bool server_to_client(msg m) {
  return m == msg::license_request || m == msg::platform_challenge || m == msg::new_license ||
         m == msg::upgrade_license || m == msg::error_alert;
}

struct decision {
  verdict outcome = verdict::licensed;
  rule_id rule = rule_id::none;          // the rule that decided
  decision_kind what = decision_kind::none;
  refusal_cause cause = refusal_cause::none;
  license_change change = license_change::none;
  int event_id = 0;                       // the host's event for a refusal (1000, 1004, 1011, 1069), else 0
  std::uint32_t server = no_server;       // the license server found, if any
  bool logon_failed = false;              // R-DEV-12
  std::uint64_t discarded_hwid = 0;       // R-DEV-10/R-CLI-5: the HardwareID a corrupt store left
  int presented = 0;                      // 0 nothing, 1 temporary, 2 permanent
  sim_time presented_expires = 0;

  std::uint8_t note_count = 0;
  std::uint8_t message_count = 0;
  bool keep_messages = true;  // false when nothing reads them (no trace): send() does nothing
  std::array<note, 4> notes;
  std::array<traced_msg, 8> messages;

  void add_note(note_kind k, std::uint32_t param = 0) {
    if (note_count < notes.size()) notes[note_count++] = {k, param};
  }
  void send(msg m, alert_error e = alert_error::none, alert_transition t = alert_transition::none) {
    if (keep_messages && message_count < messages.size()) messages[message_count++] = {m, e, t, server != no_server};
  }
  void decide(rule_id r, decision_kind k) {
    rule = r;
    what = k;
  }
};

// The Windows provider of an event id, or "calsim" for 0 (EVT).
std::string_view event_provider(int event_id);

// The sentences (decision_text.cpp).
std::string_view decision_sentence(decision_kind k);
std::string_view cause_text(refusal_cause c);
std::string_view cause_name(refusal_cause c);  // a stable key, e.g. "no_server_reachable"
event_source note_source(note_kind k);
int note_event_id(note_kind k);
rule_id note_rule(note_kind k);
std::string_view verdict_name(verdict v);

}  // namespace calsim::detail
