// The scenario validator: JSON document → typed scenario, every problem recorded.
// Split by concept: validate_top.cpp (top level, orchestration), validate_nodes.cpp
// (servers, key packs, hosts, images, network), validate_clients.cpp,
// validate_actions.cpp, validate_expect.cpp (+ metric_parse.cpp).
#pragma once
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "calsim/scenario.hpp"
#include "scenario/check.hpp"

namespace calsim::detail {

// Nesting deeper than this is refused before validation (a scenario needs ~7).
inline constexpr std::size_t max_json_depth = 64;

struct build_state {
  checker& c;
  scenario& s;
  std::string label;       // file label, for the default name
  bool start_ok = false;   // s.start is valid
  bool range_ok = false;   // s.start and s.end are valid
  std::map<std::string, node_ref, std::less<>> nodes;        // servers, hosts, routers
  std::map<std::string, std::string, std::less<>> node_ptr;  // where each node name is defined
  std::vector<std::set<std::string, std::less<>>> pack_ids;  // per server: initial + every add_key_pack
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

// One client group (from "clients" or an add_clients action). Group-name
// uniqueness is checked against the groups already in st.s.clients.
client_group_spec validate_client_group(const json& v, const std::string& ptr, build_state& st);
void validate_clients(const json& root, build_state& st);

void validate_actions(const json& root, build_state& st);
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
