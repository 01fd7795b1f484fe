// The typed scenario model: what a validated scenario JSON file says
// (../shared/spec/SCENARIO.md). Every name is resolved and every range checked
// by the loader, so the simulation never meets a dangling reference.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calsim/time.hpp"

namespace calsim {

enum class rules_profile { ws2000, ws2003, ws2008, ws2012 };

enum class pack_type { per_device, per_user };
enum class pack_kind { retail, volume, open };

struct key_pack_spec {
  std::string id;
  pack_type type = pack_type::per_device;
  int version = 2019;
  std::int64_t count = 0;
  pack_kind kind = pack_kind::volume;
  sim_time installed = 0;  // default: scenario start
  // The integer KeyPackId WMI shows (Win32_TSLicenseKeyPack). Initial packs:
  // the scenario's value or the pack's 1-based position on its server (set by
  // the loader). add_key_pack: the value given, or 0 = the next free number on
  // that server when the pack is added (after the temporary pack's).
  std::uint32_t key_pack_id = 0;
};

struct license_server_spec {
  std::string name;
  int version = 2019;
  bool activated = true;
  bool online = true;
  std::optional<std::string> domain;  // nullopt = workgroup
  bool ad_write = true;
  bool disable_workgroup_auth_enforcement = false;  // R-MODE-8: serves workgroup hosts
  std::optional<std::vector<std::string>> security_group;  // nullopt = no group check
  std::vector<key_pack_spec> key_packs;
};

// Host policy (HKLM\SOFTWARE\Policies\...\Terminal Services); nullopt = not set.
struct host_policy {
  std::optional<int> licensing_mode;
  std::optional<std::vector<std::string>> license_servers;
  std::optional<bool> prevent_license_upgrade;
};

struct session_host_spec {
  std::string name;
  int version = 2019;
  std::optional<std::string> domain;  // nullopt = workgroup
  sim_time installed = 0;             // default: scenario start
  int licensing_mode = 5;             // registry value; any integer (R-MODE-2)
  std::vector<std::string> license_servers;  // SpecifiedLicenseServers, order kept
  host_policy policy;
};

struct image_license {
  std::string server;
  bool permanent = true;  // "type": "permanent" | "temporary"
  sim_time expires = 0;
};

struct image_spec {
  std::string name;
  std::optional<std::array<std::uint8_t, 20>> hardware_id;  // nullopt = "random"
  std::optional<image_license> license;                     // nullopt = "none"
};

enum class client_kind { persistent, cloned, non_persistent, wipe_on_shutdown, thin };

enum class day_rule { daily, workdays, weekends, every, weekly, dates, poisson };

struct schedule_spec {
  day_rule days = day_rule::workdays;
  int every_n = 1;                    // day_rule::every: every N days from the client's first active day
  std::array<bool, 7> weekdays{};     // day_rule::weekly: index 0 = Monday … 6 = Sunday
  std::vector<sim_time> dates;        // day_rule::dates: midnights, sorted, unique
  double poisson_per_day = 0.0;       // day_rule::poisson: connections per day (at/jitter/attendance unused)
  std::vector<int> at_minutes{9 * 60};  // minutes after midnight, in the order given
  int jitter_minutes = 0;             // uniform ± on each `at`
  double attendance = 1.0;            // probability the user connects on a scheduled day
  bool admin = false;                 // R-GRACE-6
  double logon_failure = 0.0;         // R-DEV-12: probability that a connection's logon fails
  // Periods without any connection, [from midnight, until midnight + 1 day),
  // sorted (issue 14: people away; an absence over a CAL's whole renewal
  // window lets it expire).
  std::vector<std::pair<sim_time, sim_time>> absences;
  // Random absences ({ "per_year": N, "days": [MIN, MAX] }): starts are a
  // Poisson process of N a year per client, each MIN..MAX whole days long.
  double absences_per_year = 0.0;
  int absence_min_days = 0, absence_max_days = 0;
};

// A name pattern with {n} / {n:0W} (and, for users, {name}), pre-split.
struct name_pattern {
  struct part {
    enum class kind { text, index, name } what = kind::text;
    std::string text;  // kind::text
    int width = 0;     // kind::index: zero-padded width (0 = none)
  };
  std::vector<part> parts;
  std::string source;  // the pattern as written
};

struct client_group_spec {
  std::string group;
  std::int64_t count = 1;
  name_pattern name;
  client_kind kind = client_kind::persistent;
  std::optional<std::size_t> image;   // index into scenario::images (kind cloned, or non_persistent: R-CLI-3)
  std::vector<std::size_t> hosts;     // indices into scenario::session_hosts
  bool hosts_first = false;           // "hosts_policy": "first" (default: uniform)
  name_pattern user;                  // default "{name}"
  bool elevated = true;
  bool os_windows2000 = false;        // "os": "windows2000" (R-VER-4)
  std::optional<sim_time> active_from;   // nullopt = run start (or the add_clients time)
  std::optional<sim_time> active_until;  // nullopt = run end
  int boot_minute = 7 * 60;
  int shutdown_minute = 19 * 60;
  double store_corruption_per_year = 0.0;  // R-DEV-10 rate
  double replacement_years = 0.0;          // mean years between hardware replacements (R-CLI-4); 0 = never
  schedule_spec schedule;
  // `growth`: the group grows linearly from `initial_count` clients when it
  // becomes active to `growth_to` clients `growth_days` days later; `count`
  // is the number that exist by the run's end. No growth: initial_count = count.
  std::int64_t initial_count = 0;
  std::int64_t growth_to = 0, growth_days = 0;
  std::optional<double> growth_per_month;  // as written ({ "per_month": N }); nullopt with { "to", "by" }
  std::optional<sim_time> growth_by;       // as written ({ "to", "by" })
  // Day (from the group's start) on which client `index` (0-based) joins: 0 for the first `initial_count`.
  std::int64_t joined_day(std::int64_t index) const {
    if (index < initial_count || growth_to <= initial_count) return 0;
    return ((index - initial_count + 1) * growth_days + (growth_to - initial_count) - 1) / (growth_to - initial_count);
  }
};

struct network_spec {
  bool present = false;  // false: everything reaches everything (R-NET-1)
  std::vector<std::string> routers;
  std::vector<std::pair<std::string, std::string>> links;
};

// A resolved client target: one client of a group, or the whole group.
struct client_target {
  std::size_t group = 0;      // index into scenario::clients (groups added by actions come after)
  std::int64_t index = -1;    // 0-based index in the group; -1 = whole group
};

enum class action_verb {
  set_licensing_mode, set_license_servers, set_policy, restart_host, delete_timebomb,
  delete_mslicensing, corrupt_store, rebuild_client, retire_client, add_clients,
  add_key_pack, remove_key_pack, activate_server, server_offline, server_online,
  link_down, link_up, revoke, rebuild_license_database,
};

enum class config_via { registry, policy };

// One node of the network: servers, hosts and routers share one name space.
enum class node_kind { license_server, session_host, router };
struct node_ref {
  node_kind kind = node_kind::license_server;
  std::size_t index = 0;  // into license_servers / session_hosts / network.routers
};

struct action_spec {
  sim_time at = 0;
  action_verb verb = action_verb::restart_host;
  std::string pointer;  // JSON pointer of the action, for messages ("/actions/3")

  std::size_t host = 0;    // session host index (host verbs)
  std::size_t server = 0;  // license server index (server verbs)
  std::vector<client_target> clients;  // client verbs, revoke by clients
  config_via via = config_via::registry;
  bool apply_now = false;                        // "apply": "now" (R-MODE-7)
  std::optional<int> value;                      // set_licensing_mode (nullopt = unset policy)
  std::optional<std::vector<std::size_t>> servers;  // set_license_servers (nullopt = unset policy)
  std::optional<bool> prevent_license_upgrade;   // set_policy
  std::size_t group = 0;                         // add_clients: index into scenario::clients
  std::optional<key_pack_spec> pack;             // add_key_pack
  std::string pack_id;                           // remove_key_pack
  std::pair<node_ref, node_ref> between;         // link_down / link_up
  std::optional<std::int64_t> count;             // revoke by count
};

enum class compare_op { eq, ne, lt, le, gt, ge };

// A metric name (SCENARIO.md, "Metrics") resolved against the scenario's names.
struct metric_ref {
  enum class kind {
    pack,               // pool.<server>.<pack>.{total,issued,available,revoked}
    server_per_device,  // pool.<server>.per_device.{issued,available}
    server_per_user,    // pool.<server>.per_user.{issued,overused}
    temporary_valid,    // temporary.<server>.valid
    connections,        // connections.{attempted,allowed,allowed_in_grace,refused}
    host_grace_days_left,  // host.<name>.grace_days_left
    events,             // events.<id>
    client_license,     // client.<name>.license
  };
  kind what = kind::connections;
  std::size_t server = 0;  // pack, server_*, temporary_valid
  std::string pack_id;     // pack (may be one added later by add_key_pack)
  std::size_t host = 0;    // host_grace_days_left
  client_target client;    // client_license (index >= 0)
  int event_id = 0;        // events
  std::string field;       // last component: "issued", "refused", "valid", "license", …
};

struct expectation_spec {
  std::string metric;  // as written, e.g. "pool.LS1.DEV19.issued"
  metric_ref ref;
  compare_op op = compare_op::eq;
  double value = 0.0;
  bool at_instant = true;  // true: `at`; false: `between`
  sim_time at = 0;
  sim_time from = 0, to = 0;
  bool ever = false;       // `when`: "ever" (default "always")
  std::string pointer;     // "/expect/2"
};

// A license already issued at `start` (initial_licenses): a row of a
// Win32_TSIssuedLicense export, or an inline object with the same fields.
struct initial_license_spec {
  std::size_t server = 0;            // index in license_servers (PSComputerName, or the only server)
  std::optional<std::size_t> pack;   // index in the server's key_packs; nullopt = a temporary CAL
  std::string computer, user;        // sIssuedToComputer, sIssuedToUser
  std::optional<std::array<std::uint8_t, 20>> hardware_id;  // sHardwareId (none for per-user CALs)
  sim_time issued = 0, expires = 0;  // IssueDate, ExpirationDate
  int status = 2;                    // LicenseStatus: 1 temporary, 2 active, 3 upgraded
  std::string where;                 // "FILE line N" or "/initial_licenses/N", for messages
};

struct scenario {
  int format = 1;
  std::string name;
  std::string description;
  rules_profile rules = rules_profile::ws2012;
  std::uint64_t seed = 1;
  sim_time start = 0;
  sim_time end = 0;  // exclusive: start + days, or `end`
  bool auto_discovery = false;
  std::vector<sim_time> holidays;  // midnights, sorted, unique: no `workdays` schedule connects

  std::vector<license_server_spec> license_servers;
  std::vector<session_host_spec> session_hosts;
  std::vector<image_spec> images;
  // Licenses issued before `start` (rows that expired by then are left out).
  std::vector<initial_license_spec> initial_licenses;
  // Groups from "clients", then one per add_clients action (active from the action).
  std::vector<client_group_spec> clients;
  std::size_t initial_groups = 0;  // how many of `clients` come from "clients"
  network_spec network;
  std::vector<action_spec> actions;  // sorted by `at`, ties in file order
  std::vector<expectation_spec> expect;

  // Provenance, recorded in summary.json.
  std::string source_file;
  std::vector<std::string> overrides;  // the --set arguments, as given
};

}  // namespace calsim
