// The sentences of a decision record: one table per enum, looked up by value
// (core/enum_table.hpp) and checked at compile time to cover every value once,
// so that reordering an enum cannot change a text.
#include "core/enum_table.hpp"
#include "model/decision.hpp"

namespace calsim::detail {
namespace {

constexpr enum_table<decision_kind, 26> sentences{{
    {decision_kind::none, ""},
    {decision_kind::admin_allowed, "let the administrative connection in without licensing"},
    {decision_kind::grace_allowed, "let the client in without a license because the host is in its grace period"},
    {decision_kind::refused, "refused the connection"},
    {decision_kind::refused_mode_not_configured,
     "refused the connection: the grace period is over and the licensing mode is not configured (event 1069)"},
    {decision_kind::refused_cannot_recreate_key,
     "refused the connection: the client lost its MSLicensing key and cannot re-create it without elevation (event 1000)"},
    {decision_kind::outage_accepted,
     "checked the unexpired CAL itself and let the client in: no license server would serve the host"},
    {decision_kind::outage_renewal_failed,
     "let the client in on its unexpired CAL, but could not renew it: no license server would serve the host"},
    {decision_kind::refused_expired_permanent,
     "refused the connection: the permanent CAL expired and no license server would renew it (event 1028)"},
    {decision_kind::upgraded, "upgraded the validated temporary to a permanent CAL"},
    {decision_kind::kept_temporary, "kept the temporary: no permanent CAL is available to upgrade it"},
    {decision_kind::accepted_temporary, "accepted the temporary; it is validated after this logon"},
    {decision_kind::refused_temporary_expired,
     "refused the connection: the temporary expired and no permanent CAL is available (event 1011)"},
    {decision_kind::renewed,
     "renewed the permanent CAL for another 52 to 89 days (it was 7 days or less from expiry)"},
    {decision_kind::nothing_to_renew, "accepted the permanent CAL: more than 7 days left, nothing to renew"},
    {decision_kind::issued_temporary, "issued a temporary CAL valid 90 days to a HardwareID never seen"},
    {decision_kind::served_temporary_again, "served the HardwareID's one temporary again"},
    {decision_kind::refused_hwid_temporary_expired,
     "refused the connection: the HardwareID's one temporary has expired (event 1011)"},
    {decision_kind::issued_permanent_not_latest,
     "issued a new permanent CAL: the license presented is not the latest for this HardwareID"},
    {decision_kind::issued_permanent_known_hwid,
     "issued a new permanent CAL to a HardwareID that already had one (or a validated temporary)"},
    {decision_kind::served_unexpired_temporary,
     "no permanent CAL available: served the HardwareID's unexpired temporary"},
    {decision_kind::refused_no_permanent,
     "refused the connection: no permanent CAL available and no valid temporary (event 1004)"},
    {decision_kind::user_accepted,
     "accepted the user's per-user CAL (extended by 60 days when in its last 7 days)"},
    {decision_kind::user_issued, "issued a per-user CAL for 60 days"},
    {decision_kind::user_no_cal_of_type,
     "let the user in: per user is not enforced, but the server has no per-user CAL (event 1004)"},
    {decision_kind::user_overused,
     "let the user in and counted an over-used per-user CAL: the pool is exhausted"},
}};
static_assert(covers_each_once(sentences));

// R-GRACE-4: each refusal names its real cause; "no Remote Desktop License
// Servers available" only when no license server could be reached.
constexpr enum_table<refusal_cause, 12> causes{{
    {refusal_cause::none, ""},
    {refusal_cause::mode_not_configured, "the licensing mode is not configured"},
    {refusal_cause::no_server_reachable, "no Remote Desktop License Servers available"},
    {refusal_cause::not_in_security_group,
     "the license server does not serve this host: it is not in the license server's security group"},
    {refusal_cause::temporary_expired,
     "the temporary license expired and could not be upgraded: no permanent CAL of a usable version is available"},
    {refusal_cause::hwid_temporary_expired,
     "the HardwareID's one temporary license expired and no permanent CAL of a usable version is available"},
    {refusal_cause::no_permanent_no_temporary,
     "no permanent CAL of a usable version is available and the HardwareID has no valid temporary"},
    {refusal_cause::per_user_in_workgroup, "per-user licensing is not supported in a workgroup"},
    {refusal_cause::cannot_recreate_key, "the client cannot re-create its MSLicensing key: it does not run elevated"},
    {refusal_cause::expired_permanent_no_server,
     "the permanent license expired and could not be renewed: no Remote Desktop License Servers available"},
    {refusal_cause::expired_permanent_not_served,
     "the permanent license expired and could not be renewed: the license server does not serve this host"},
    {refusal_cause::workgroup_auth_enforced,
     "the workgroup license server does not serve workgroup hosts (DisableWorkgroupAuthEnforcement is not set)"},
}};
static_assert(covers_each_once(causes));

// Stable keys of the causes (truth.json).
constexpr enum_table<refusal_cause, 12> cause_keys{{
    {refusal_cause::none, "none"},
    {refusal_cause::mode_not_configured, "mode_not_configured"},
    {refusal_cause::no_server_reachable, "no_server_reachable"},
    {refusal_cause::not_in_security_group, "not_in_security_group"},
    {refusal_cause::temporary_expired, "temporary_expired"},
    {refusal_cause::hwid_temporary_expired, "hwid_temporary_expired"},
    {refusal_cause::no_permanent_no_temporary, "no_permanent_no_temporary"},
    {refusal_cause::per_user_in_workgroup, "per_user_in_workgroup"},
    {refusal_cause::cannot_recreate_key, "cannot_recreate_key"},
    {refusal_cause::expired_permanent_no_server, "expired_permanent_no_server"},
    {refusal_cause::expired_permanent_not_served, "expired_permanent_not_served"},
    {refusal_cause::workgroup_auth_enforced, "workgroup_auth_enforced"},
}};
static_assert(covers_each_once(cause_keys) && names_unique(cause_keys));

struct note_row {
  note_kind value;
  event_source source;
  int event_id;
  rule_id rule;
};
constexpr std::array<note_row, 9> note_rows{{
    {note_kind::store_discarded, event_source::session_host, 1003, rule_id::dev_10},
    {note_kind::not_in_group, event_source::license_server, 4141, rule_id::evt},
    {note_kind::pool_exhausted, event_source::license_server, 21, rule_id::dev_3},
    {note_kind::only_per_user_cals, event_source::session_host, 1004, rule_id::mode_5},
    {note_kind::no_per_user_cal, event_source::session_host, 1004, rule_id::mode_5},
    {note_kind::renewal_failed, event_source::calsim, 0, rule_id::dev_5},
    {note_kind::ad_write_denied, event_source::license_server, 4105, rule_id::user_3},
    {note_kind::logon_failed, event_source::calsim, 0, rule_id::dev_12},
    {note_kind::superseded, event_source::calsim, 0, rule_id::dev_7},
}};
static_assert(covers_each_once(note_rows));

constexpr enum_table<verdict, 3> verdicts{{
    {verdict::licensed, "licensed"},
    {verdict::allowed_in_grace, "allowed_in_grace"},
    {verdict::refused, "refused"},
}};
static_assert(covers_each_once(verdicts));

}  // namespace

std::string_view event_provider(int event_id) {
  switch (event_id) {
    case 0: return "calsim";
    case 4:
    case 18:
    case 21:
    case 4105:
    case 4141: return "Microsoft-Windows-TerminalServices-Licensing";
    default: return "Microsoft-Windows-TerminalServices-RemoteConnectionManager";
  }
}

std::string_view decision_sentence(decision_kind k) { return name_of(sentences, k); }
std::string_view cause_text(refusal_cause c) { return name_of(causes, c); }

std::string_view cause_name(refusal_cause c) { return name_of(cause_keys, c); }
event_source note_source(note_kind k) { return row_of(note_rows, k)->source; }
int note_event_id(note_kind k) { return row_of(note_rows, k)->event_id; }
rule_id note_rule(note_kind k) { return row_of(note_rows, k)->rule; }
std::string_view verdict_name(verdict v) { return name_of(verdicts, v); }

}  // namespace calsim::detail
