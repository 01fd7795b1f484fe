// The names of the scenario enums (include/calsim/scenario.hpp) as a scenario
// file writes them (../shared/spec/SCENARIO.md): one table per enum, read by
// the loader to parse and by the outputs to print. Row order is the order in
// which messages list the names; lookups go by value. Adding an action verb
// is one row in action_verbs plus its handler in the model (and, when it has
// fields of its own, their parsing in scenario/validate_actions.cpp).
#pragma once
#include <array>
#include <string_view>

#include "calsim/scenario.hpp"
#include "core/enum_table.hpp"

namespace calsim::detail {

inline constexpr enum_table<rules_profile, 4> rules_profiles{{
    {rules_profile::ws2000, "ws2000"},
    {rules_profile::ws2003, "ws2003"},
    {rules_profile::ws2008, "ws2008"},
    {rules_profile::ws2012, "ws2012"},
}};
static_assert(covers_each_once(rules_profiles) && names_unique(rules_profiles));

inline constexpr enum_table<pack_type, 2> pack_types{{
    {pack_type::per_device, "per_device"},
    {pack_type::per_user, "per_user"},
}};
static_assert(covers_each_once(pack_types) && names_unique(pack_types));

inline constexpr enum_table<pack_kind, 3> pack_kinds{{
    {pack_kind::retail, "retail"},
    {pack_kind::volume, "volume"},
    {pack_kind::open, "open"},
}};
static_assert(covers_each_once(pack_kinds) && names_unique(pack_kinds));

inline constexpr enum_table<client_kind, 5> client_kinds{{
    {client_kind::persistent, "persistent"},
    {client_kind::cloned, "cloned"},
    {client_kind::non_persistent, "non_persistent"},
    {client_kind::wipe_on_shutdown, "wipe_on_shutdown"},
    {client_kind::thin, "thin"},
}};
static_assert(covers_each_once(client_kinds) && names_unique(client_kinds));

// A schedule's "days": a string ("daily", …) or an object with one key
// ({"every": N}, …); `object_form` says which.
struct day_rule_row {
  day_rule value;
  std::string_view name;
  bool object_form;
};
inline constexpr std::array<day_rule_row, 7> day_rules{{
    {day_rule::daily, "daily", false},
    {day_rule::workdays, "workdays", false},
    {day_rule::weekends, "weekends", false},
    {day_rule::every, "every", true},
    {day_rule::weekly, "weekly", true},
    {day_rule::dates, "dates", true},
    {day_rule::poisson, "poisson_per_day", true},
}};
static_assert(covers_each_once(day_rules) && names_unique(day_rules));

inline constexpr enum_table<config_via, 2> config_vias{{
    {config_via::registry, "registry"},
    {config_via::policy, "policy"},
}};
static_assert(covers_each_once(config_vias) && names_unique(config_vias));

inline constexpr enum_table<compare_op, 6> compare_ops{{
    {compare_op::eq, "=="},
    {compare_op::ne, "!="},
    {compare_op::lt, "<"},
    {compare_op::le, "<="},
    {compare_op::gt, ">"},
    {compare_op::ge, ">="},
}};
static_assert(covers_each_once(compare_ops) && names_unique(compare_ops));

// Node kinds as messages name them (they are not written in scenario files).
inline constexpr enum_table<node_kind, 3> node_kinds{{
    {node_kind::license_server, "license server"},
    {node_kind::session_host, "session host"},
    {node_kind::router, "router"},
}};
static_assert(covers_each_once(node_kinds) && names_unique(node_kinds));

// What an action is about: the loader resolves it, the report names it.
enum class action_subject {
  host,       // "host": a session host
  clients,    // "clients": client targets
  server,     // "server": a license server
  new_group,  // "clients": the definition of a group added by the action
  link,       // "between": two nodes of the network
};

// An action verb: its name after "do", what it is about and the fields it
// takes besides "at" and "do" (in the order unknown-key messages list them;
// "" = none).
struct action_verb_row {
  action_verb value;
  std::string_view name;
  action_subject subject;
  std::array<std::string_view, 4> fields;
};
inline constexpr std::array<action_verb_row, 19> action_verbs{{
    {action_verb::set_licensing_mode, "set_licensing_mode", action_subject::host, {"host", "value", "via", "apply"}},
    {action_verb::set_license_servers, "set_license_servers", action_subject::host,
     {"host", "servers", "via", "apply"}},
    {action_verb::set_policy, "set_policy", action_subject::host, {"host", "prevent_license_upgrade"}},
    {action_verb::restart_host, "restart_host", action_subject::host, {"host"}},
    {action_verb::delete_timebomb, "delete_timebomb", action_subject::host, {"host"}},
    {action_verb::delete_mslicensing, "delete_mslicensing", action_subject::clients, {"clients"}},
    {action_verb::corrupt_store, "corrupt_store", action_subject::clients, {"clients"}},
    {action_verb::rebuild_client, "rebuild_client", action_subject::clients, {"clients"}},
    {action_verb::retire_client, "retire_client", action_subject::clients, {"clients"}},
    {action_verb::add_clients, "add_clients", action_subject::new_group, {"clients"}},
    {action_verb::add_key_pack, "add_key_pack", action_subject::server, {"server", "key_pack"}},
    {action_verb::remove_key_pack, "remove_key_pack", action_subject::server, {"server", "id"}},
    {action_verb::activate_server, "activate_server", action_subject::server, {"server"}},
    {action_verb::server_offline, "server_offline", action_subject::server, {"server"}},
    {action_verb::server_online, "server_online", action_subject::server, {"server"}},
    {action_verb::link_down, "link_down", action_subject::link, {"between"}},
    {action_verb::link_up, "link_up", action_subject::link, {"between"}},
    {action_verb::revoke, "revoke", action_subject::server, {"server", "clients", "count"}},
    {action_verb::rebuild_license_database, "rebuild_license_database", action_subject::server, {"server"}},
}};
static_assert(covers_each_once(action_verbs) && names_unique(action_verbs));

// True when `verb` takes the field `key`.
constexpr bool takes_field(action_verb verb, std::string_view key) {
  if (const auto* row = row_of(action_verbs, verb))
    for (const auto f : row->fields)
      if (!f.empty() && f == key) return true;
  return false;
}

}  // namespace calsim::detail
