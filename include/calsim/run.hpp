// Running a scenario: the records a run emits as it goes (to an observer that
// streams them to files), and what it returns at the end.
//
// Lifetime of the std::string_view members of the streamed records
// (log_event, trace_message, connection_record, pack_day, host_day): each one
// is valid only until the run_observer call that receives the record returns.
// They point into the run's own state (node, client and pack names; the text
// of the current decision, which the next connection overwrites) or to static
// text (rule ids, message names): no copy is made in the hot path, so an
// observer that keeps anything past the call copies it (std::string). The
// records returned in run_result own their strings.
#pragma once
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calsim/scenario.hpp"
#include "calsim/time.hpp"

namespace calsim {

// One line of events.jsonl (OUTPUTS.md). string_views: valid during on_event only.
struct log_event {
  sim_time time = 0;
  std::string_view node;    // license server or session host name
  std::string_view client;  // empty = null
  int event_id = 0;         // Windows event id; 0 = null
  std::string_view rule;    // e.g. "R-DEV-8"
  std::string message;
  // The Windows provider that logs it ("Microsoft-Windows-TerminalServices-
  // RemoteConnectionManager" on a session host, "…-TerminalServices-Licensing"
  // on a license server), or "calsim" for what Windows does not log: actions,
  // boots, rebuilds, superseded CALs, failed renewals, warnings.
  std::string_view source;
};

// One line of trace.jsonl (RULES.md PROTO, OUTPUTS.md). string_views: valid
// during on_trace only.
struct trace_message {
  sim_time time = 0;
  std::uint64_t connection = 0;
  std::string_view client;
  std::string_view host;
  std::string_view server;  // empty = null
  bool server_to_client = true;
  std::string_view message;     // e.g. "LICENSE_REQUEST"
  int type = 0;                 // bMsgType
  std::string_view error;       // ERROR_ALERT only, else empty
  std::string_view transition;  // ERROR_ALERT only, else empty
};

// One connection's story (calsim explain): emitted with run_options::trace.
// string_views: valid during on_connection only (`decision` is overwritten by
// the next connection).
struct connection_record {
  sim_time time = 0;
  std::uint64_t connection = 0;  // same id as its trace messages
  std::string_view client;
  std::string_view host;
  std::string_view server;       // empty = no license server
  int presented = 0;             // what the client presented: 0 nothing, 1 temporary, 2 permanent
  sim_time presented_expires = 0;
  std::string_view outcome;      // "licensed", "allowed_in_grace", "refused"
  std::string_view rule;         // the rule that decided, e.g. "R-DEV-3"
  std::string_view decision;     // what happened, e.g. "upgraded the validated temporary to a permanent CAL"
  int holds = 0;                 // what the client's store holds afterwards: 0, 1 temporary, 2 permanent
  sim_time holds_expires = 0;    // may be past: an expired CAL stays in the store and is presented next time
  bool keeps_nothing = false;    // a thin client (R-CLI-3): no writable store, so it holds nothing afterwards
};

// One row of timeline.csv: a key pack at the end of a day. string_views: valid
// during on_pack_day only.
struct pack_day {
  sim_time date = 0;  // midnight of the day sampled (sampled at its end)
  std::string_view server;
  std::string_view pack;
  pack_type type = pack_type::per_device;
  int version = 0;
  std::int64_t total = 0, issued = 0, available = 0, revoked = 0, overused = 0;
  std::int64_t temporary_valid = 0;  // per server (same on each pack row of that server)
  std::int64_t issued_today = 0, renewed_today = 0, returned_today = 0, revoked_today = 0;
};

// One row of connections.csv: a session host over one day. string_views: valid
// during on_host_day only.
struct host_day {
  sim_time date = 0;
  std::string_view host;
  std::int64_t attempted = 0, allowed = 0, allowed_in_grace = 0, refused = 0;
  std::int64_t grace_days_left = 0;
  int mode = 5;  // effective licensing mode at the end of the day
};

// One row of groups.csv per day per client group (issue 14: who holds the
// pool), sampled at the end of the day like pack_day. Licenses issued to an
// image's HardwareID before any client used it belong to no group.
struct group_day {
  sim_time date = 0;
  std::string_view group;
  std::int64_t clients_active = 0;   // clients of the group that exist (active_from reached, not retired)
  std::int64_t permanent_held = 0;   // permanent CALs (per device or per user) held by its clients, all servers
  std::int64_t temporary_valid = 0;  // unexpired temporary CALs issued to its clients
  std::int64_t superseded_held = 0;  // of permanent_held: superseded by a later CAL for the HardwareID (R-DEV-7)
  std::int64_t connections = 0, refused = 0;  // that day
};

struct issued_license_row;

// Receives a run's records as they happen, on the thread that runs the
// scenario. Default: ignore. A record and the text its string_views show are
// valid only during the call (see the top of this file).
class run_observer {
 public:
  virtual ~run_observer() = default;
  virtual void on_event(const log_event&) {}
  virtual void on_trace(const trace_message&) {}
  virtual void on_connection(const connection_record&) {}
  virtual void on_pack_day(const pack_day&) {}
  virtual void on_host_day(const host_day&) {}
  virtual void on_group_day(const group_day&) {}
  // At the end of a run that takes snapshots: each Win32_TSIssuedLicense
  // row, in the order of run_result::issued_licenses.
  virtual void on_issued_license(const issued_license_row&) {}
  // The event loop starts (the run's state is set up) and ends (the
  // end-of-run tables come next: truth.json's, the Windows-shaped files'):
  // calsim run --stats times the three stages with them.
  virtual void on_events_start() {}
  virtual void on_events_done() {}
};

struct run_options {
  std::uint64_t replication = 0;  // streams derive from (seed, replication, name)
  bool trace = false;             // emit trace_message records
  bool keep_daily = true;         // fill run_result::daily (sweeps need it)
  bool snapshots = true;          // fill issued_licenses / key_packs / registry at the end
  // Also keep those rows in run_result::issued_licenses (calsim run streams
  // them to issued_licenses.csv instead: 1M rows held as strings were 300 MB).
  bool keep_issued_licenses = true;
  bool group_days = true;         // emit group_day records (one scan of the license databases a day)
  // Per-client files (registry/, tsctst/) and truth.json's client list: the
  // first this many clients, and beyond them those a failure mode touched
  // (hosts: all). calsim run --all-clients: no limit.
  std::size_t registry_client_limit = 1000;
  // Stop the run as soon as more connections than this are refused (-1: never).
  // size's no-refusal probes: a count that fails is known at its K+1-th refusal.
  // The result then counts only what happened until then (run_result::stopped_early).
  std::int64_t stop_after_refused = -1;
  // Decide the routine connection (a per-device client presenting its latest
  // permanent CAL in force, nothing to renew) without a decision record when
  // nothing reads one (no trace). Every output is the same either way (tested);
  // false sends every connection through the general path.
  bool routine_shortcut = true;
};

// Issued-license row at the end of the run (Win32_TSIssuedLicense).
struct issued_license_row {
  std::string server;         // PSComputerName
  std::uint32_t key_pack_id = 0;  // KeyPackId: joins to key_pack_row::key_pack_id on the same server
  std::string pack;           // the scenario's pack id; "TEMPORARY", "A02-5.00-EX" (built-in), "OVERUSED"
  std::uint64_t license_id = 0;
  std::string issued_to_user;
  std::string issued_to_computer;
  std::string hardware_id;  // hex, 40 digits
  sim_time issue_date = 0;
  sim_time expiration_date = 0;
  int status = 2;  // LicenseStatus: 0 unknown, 1 temporary, 2 active, 3 upgraded, 4 revoked, 5 pending, 6 concurrent
  int version = 0;
};

// Key pack row at the end of the run (Win32_TSLicenseKeyPack): every pack the
// license server lists, its temporary pack and (ws2000) the built-in pack too.
struct key_pack_row {
  std::string server;  // PSComputerName
  std::string id;      // the scenario's pack id; "TEMPORARY" or "A02-5.00-EX" for those packs
  pack_type type = pack_type::per_device;
  pack_kind kind = pack_kind::volume;
  int version = 0;
  std::int64_t total = 0, available = 0, issued = 0;  // -1 total/available: unlimited (temporary, built-in)
  std::uint32_t key_pack_id = 0;  // KeyPackId
  std::string description;        // e.g. "A02-6.00-S" (per device), "C50-10.01-S" (per user)
  int key_pack_type = 2;          // 0 unknown, 1 retail, 2 volume, 3 concurrent, 4 temporary, 5 open, 6 built-in
  int product_type = 0;           // 0 per device, 1 per user, 3 the built-in pack
  std::string product_version;    // e.g. "Windows Server 2019"
  int product_version_id = 6;     // 2 = 2008, 4 = 2012, 5 = 2016, 6 = 2019, 7 = 2022, 8 = 2025
  sim_time expiration_date = 0;
};

// One license in a client's store, as TSCTST /A shows it (tsctst/<client>.txt).
struct store_license_row {
  std::string issuer;           // license server name
  std::string scope;            // its domain, or its name in a workgroup
  std::string issued_to_computer;
  std::string issued_to_user;
  std::string license_id;       // product id, e.g. "A02-6.00-S"
  std::uint64_t license_number = 0;  // the server's LicenseId
  bool temporary = false;
  int version = 0;              // CAL version (year)
  sim_time valid_from = 0;
  sim_time expires = 0;
  std::string hardware_id;      // hex, 40 digits
};
struct client_store_snapshot {
  std::string client;
  std::vector<store_license_row> licenses;  // LICENSE000, LICENSE001, ... order
};

// A registry value as regedit shows it.
struct reg_value {
  enum class kind { dword, string, binary, multi_string } type = kind::string;
  std::string name;  // "" = (Default)
  std::uint32_t dword = 0;
  std::string text;                     // string
  std::vector<std::uint8_t> bytes;      // binary
  std::vector<std::string> strings;     // multi_string
};
struct reg_key {
  std::string path;  // e.g. "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM\\Licensing Core"
  std::vector<reg_value> values;
};
struct node_registry {
  std::string node;  // file name stem: host or client name
  std::vector<reg_key> keys;
};

// Per-day figures a sweep aggregates: per pack (in pack_index order) issued,
// and per day the refusals of the whole run.
struct daily_figures {
  std::vector<std::string> pack_labels;            // "SERVER/PACK"
  std::vector<std::vector<std::int64_t>> issued;   // [pack][day]
  std::vector<std::int64_t> refused;               // [day], all hosts
};

// The ground truth of a run (truth.json, schema "calsim-truth/1"): which
// failure modes touched which client, host and pack, and when. Derived from
// the decision records and the client lifecycle as the run goes.
struct truth_interval {
  sim_time from = 0;
  std::optional<sim_time> until;  // nullopt: still so at the end of the run
};
struct truth_failure {
  std::string mode;  // cloned_hwid, non_persistent, thin_client, wiped_store, deleted_mslicensing, rebuilt,
                     // corrupt_store, superseded_cal, leaked_cal, refused, logon_failed
  std::string rule;  // e.g. "R-DEV-7"
  truth_interval interval;
  std::int64_t count = 1;  // occurrences in the interval
  std::map<std::string, std::int64_t> causes;  // refused: by cause
};
struct truth_hwid {
  std::string hardware_id;  // 40 hex digits, as sHardwareId shows it
  truth_interval interval;
};
struct truth_license {
  std::string server;
  std::uint64_t license_id = 0;
  std::string kind;    // temporary, permanent, per_user
  std::string status;  // temporary, active, upgraded, revoked, returned, forgotten
  sim_time issued = 0, expires = 0;
  bool superseded = false;
};
struct truth_client {
  std::string name, group, kind;
  std::optional<std::string> image;
  std::vector<truth_hwid> hardware_ids;  // at most truth_hwid_limit; hardware_ids_total counts all
  std::int64_t hardware_ids_total = 0;
  std::vector<truth_license> licenses;
  std::vector<truth_failure> failure_modes;
};
struct truth_host {
  std::string name;
  int mode = 5;
  std::optional<sim_time> grace_start, grace_end;
  bool grace_ended_early = false;
  std::optional<std::string> discovered_server;  // at the end of the run
  std::map<std::string, std::int64_t> refusal_causes;
};
struct truth_pack {
  std::string server, pack;
  std::map<std::string, std::int64_t> held_by_mode;  // healthy, cloned_hwid, superseded_cal, leaked_cal, …
};
struct truth_data {
  std::vector<truth_client> clients;  // every client up to registry_client_limit, then those a failure mode touched
  std::int64_t clients_left_out = 0;  // healthy clients beyond the limit
  std::vector<truth_host> hosts;
  std::vector<truth_pack> packs;
};

struct run_result {
  // Key figures (summary.json).
  std::map<std::string, std::int64_t> peak_issued;      // "SERVER/PACK" → peak
  std::map<std::string, sim_time> peak_issued_date;
  // The most CALs of a pack issued at any instant (≥ peak_issued, which is
  // sampled at the end of each day): with at least that many, a run never
  // finds its pack empty, so it is the same run as with the pack unlimited.
  std::map<std::string, std::int64_t> most_issued_at_once;
  std::optional<sim_time> first_refusal;
  std::optional<sim_time> pool_exhausted;               // first time a permanent could not be issued
  std::int64_t connections_attempted = 0, connections_allowed = 0, connections_allowed_in_grace = 0,
               connections_refused = 0;
  std::int64_t temporaries_issued = 0, permanents_issued = 0, permanents_renewed = 0,
               permanents_returned = 0, revoked = 0, per_user_issued = 0, per_user_overused = 0;
  std::int64_t leaked = 0;      // permanents held at the end by a HardwareID no longer in use (not superseded)
  std::int64_t superseded = 0;  // permanents held at the end that a later CAL superseded (R-DEV-7)
  // One per revoke action (R-REV-4, R-REV-6): CALs asked and revoked, and
  // NextRevokeAllowedOn (the earliest original expiry of a CAL in the revoked
  // state on that server afterwards, even past the run's end; none: null).
  struct revocation {
    sim_time at = 0;
    std::string server;
    std::int64_t asked = 0, revoked = 0;
    std::optional<sim_time> next_revoke_allowed_on;
  };
  std::vector<revocation> revocations;
  std::map<int, std::int64_t> events_by_id;  // Windows id → count
  std::int64_t events_processed = 0;         // kernel events (--stats)
  std::int64_t routine_connections = 0;      // decided by run_options::routine_shortcut (--stats)
  bool stopped_early = false;                // run_options::stop_after_refused was reached
  // Memory the model held at the end (capacities, bytes; --stats and bench):
  // per-client state, the pending-event set, and the license servers'
  // databases (issued licenses and what they know of each HardwareID).
  // What the run held at its end, in bytes touched (calsim run --stats adds
  // what the process held before the run, and compares with the peak RSS).
  struct memory_use {
    std::int64_t clients = 0, events = 0, databases = 0;
    std::int64_t truth = 0;  // truth.json's recorder (runs that take snapshots)
    std::int64_t total() const { return clients + events + databases + truth; }
  } memory;

  struct expectation_outcome {
    const expectation_spec* spec = nullptr;
    bool passed = false;
    double got = 0.0;   // the value that decided (first failing value, or last seen)
    sim_time when = 0;  // when it was seen
  };
  std::vector<expectation_outcome> expectations;

  daily_figures daily;  // filled when run_options::keep_daily

  // End-of-run snapshots for the Windows-shaped files.
  std::vector<issued_license_row> issued_licenses;
  std::vector<key_pack_row> key_packs;
  std::vector<node_registry> registry;  // hosts, then clients
  std::vector<client_store_snapshot> client_stores;
  truth_data truth;  // truth.json: the ground truth (filled with run_options::snapshots)  // the clients whose registry is exported, same order
};

// Runs one replication. Throws invariant_error (exit 3) when a run-time
// invariant breaks.
run_result run_scenario(const scenario& s, const run_options& options, run_observer& observer);

}  // namespace calsim
