// The scenario validator: JSON document → typed scenario, every problem recorded.
// Split by concept: validate_top.cpp (top level, orchestration), validate_nodes.cpp
// (servers, key packs, hosts, images, network), validate_clients.cpp,
// validate_actions.cpp, validate_expect.cpp (+ metric_parse.cpp), validate_names.cpp
// (client names across all groups, once every group is known).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "calsim/scenario.hpp"
#include "scenario/check.hpp"

namespace calsim::detail {

// Nesting deeper than this is refused before validation (a scenario needs ~7).
inline constexpr std::size_t max_json_depth = 64;

// Limits of the simulator that the loader enforces, so the model never meets them.
// sim/model/schedule.cpp plans one day's connections of a client in a 32-slot array.
inline constexpr std::size_t max_connections_per_day = 32;
// Client names name files (registry/<client>.reg) and appear in metrics.
inline constexpr std::size_t max_client_name_length = 64;
// Every client name is checked against every other group; this bounds that work.
inline constexpr std::size_t max_client_groups = 10'000;
// The model numbers clients with 32-bit indices (and reserves the largest value).
inline constexpr std::int64_t max_total_clients = 4'294'967'294;
// The calendar (Boost.Date_Time) ends at 9999-12-31; a run must end early enough
// that every lease (up to 90 days) and grace period (120 days) stays in it.
inline constexpr std::string_view last_run_end = "9999-01-01";

struct build_state {
  checker& c;
  scenario& s;
  std::string label;       // file label, for the default name
  bool start_ok = false;   // s.start is valid
  bool range_ok = false;   // s.start and s.end are valid
  std::map<std::string, node_ref, std::less<>> nodes;        // servers, hosts, routers
  std::map<std::string, std::string, std::less<>> node_ptr;  // where each node name is defined
  std::vector<std::set<std::string, std::less<>>> pack_ids;  // per server: initial + every add_key_pack
  std::vector<std::set<std::uint32_t>> pack_numbers;           // per server: KeyPackIds in use (initial + added)
  std::vector<std::uint32_t> temporary_pack_number;            // per server: the temporary pack's KeyPackId
  std::vector<std::string> group_ptr;  // JSON pointer of each group in s.clients (for messages)
  std::set<std::string, std::less<>> group_names;  // of s.clients: uniqueness in O(log n), not O(n) (issue 19)
};

// The scenario from a parsed document (problems go to st.c).
void validate_document(const json& root, build_state& st);

void register_nodes(const json& root, build_state& st);
void validate_license_servers(const json& root, build_state& st);
std::optional<key_pack_spec> validate_key_pack(const json& v, const std::string& ptr, build_state& st,
                                               sim_time default_installed);
void validate_session_hosts(const json& root, build_state& st);
void validate_images(const json& root, build_state& st);
void validate_network(const json& root, build_state& st);
// initial_licenses (validate_initial.cpp): after the license servers.
void validate_initial_licenses(const json& root, build_state& st);

// One client group (from "clients" or an add_clients action). Group-name
// uniqueness is checked against the groups already in st.s.clients.
client_group_spec validate_client_group(const json& v, const std::string& ptr, build_state& st);
void validate_clients(const json& root, build_state& st);
// Every group's `growth`, after the actions (add_clients groups start then).
void finish_growth(build_state& st);
// A list of days: midnights, sorted, unique (schedule "dates", "holidays").
std::vector<sim_time> validate_day_list(const json& v, const std::string& ptr, checker& c, bool non_empty);

void validate_actions(const json& root, build_state& st);
// After every group is known: client names unique among all groups and distinct
// from node names, and the total number of clients within the model's limit.
void check_client_names(build_state& st);
void validate_expect(const json& root, build_state& st);

// Name lookups that report "no … named X (known: …)" on failure.
std::optional<std::size_t> lookup_server(const json& v, const std::string& ptr, build_state& st);
std::optional<std::size_t> lookup_host(const json& v, const std::string& ptr, build_state& st);
std::optional<node_ref> lookup_node(const json& v, const std::string& ptr, build_state& st);
// A list of distinct server names → indices (nullopt when any is wrong).
std::optional<std::vector<std::size_t>> lookup_servers(const json& v, const std::string& ptr, build_state& st);

// A client target: a group name or a client name, among the first `groups` groups.
std::optional<client_target> find_client_target(const scenario& s, std::string_view name, std::size_t groups,
                                                bool allow_group, std::string& error);

// metric string → metric_ref (metric_parse.cpp).
std::optional<metric_ref> parse_metric(std::string_view metric, const scenario& s,
                                       const std::vector<std::set<std::string, std::less<>>>& pack_ids,
                                       std::string& error);

// Valid node name: [A-Za-z0-9._-]+, at most 64 characters.
bool valid_node_name(std::string_view name);

}  // namespace calsim::detail
