#include "output/action_label.hpp"

#include "core/scenario_enums.hpp"

namespace calsim::detail {
namespace {

std::string group_name(const scenario& s, std::size_t g) {
  return g < s.clients.size() ? s.clients[g].group : "group " + std::to_string(g);
}

std::string node_name(const scenario& s, const node_ref& n) {
  switch (n.kind) {
    case node_kind::license_server:
      return n.index < s.license_servers.size() ? s.license_servers[n.index].name : "?";
    case node_kind::session_host:
      return n.index < s.session_hosts.size() ? s.session_hosts[n.index].name : "?";
    case node_kind::router:
      return n.index < s.network.routers.size() ? s.network.routers[n.index] : "?";
  }
  return "?";
}

// The client's own name from its group's pattern (issue 15: a trainer reads
// "PC-007", not "office #7").
std::string client_name(const client_group_spec& g, std::int64_t n) {
  std::string out;
  for (const auto& part : g.name.parts) {
    if (part.what == name_pattern::part::kind::text) {
      out += part.text;
    } else {
      const std::string digits = std::to_string(n);
      if (static_cast<int>(digits.size()) < part.width) out.append(static_cast<std::size_t>(part.width) - digits.size(), '0');
      out += digits;
    }
  }
  return out;
}

std::string clients_text(const scenario& s, const std::vector<client_target>& targets) {
  std::string out;
  for (const auto& t : targets) {
    if (!out.empty()) out += ", ";
    if (t.index >= 0 && t.group < s.clients.size() && !s.clients[t.group].name.parts.empty())
      out += client_name(s.clients[t.group], t.index + 1);
    else if (t.index >= 0)
      out += group_name(s, t.group) + " #" + std::to_string(t.index + 1);
    else
      out += group_name(s, t.group);
  }
  return out;
}

}  // namespace

// "restart_host RDSH1", "add_key_pack LS1 DEV22 (50)", ...: the verb's name,
// what it is about (core/scenario_enums.hpp), then the fields it takes.
std::string action_label(const scenario& s, const action_spec& a) {
  const action_verb_row* row = row_of(action_verbs, a.verb);
  if (!row) return "action";
  std::string l(row->name);
  switch (row->subject) {
    case action_subject::host:
      l += " " + node_name(s, {node_kind::session_host, a.host});
      break;
    case action_subject::server:
      l += " " + node_name(s, {node_kind::license_server, a.server});
      break;
    case action_subject::clients:
      l += " " + clients_text(s, a.clients);
      break;
    case action_subject::new_group:
      l += " " + group_name(s, a.group);
      if (a.group < s.clients.size()) l += " (" + std::to_string(s.clients[a.group].count) + ")";
      break;
    case action_subject::link:
      l += " " + node_name(s, a.between.first) + "–" + node_name(s, a.between.second);
      break;
  }
  if (takes_field(a.verb, "value")) l += " = " + (a.value ? std::to_string(*a.value) : "unset");
  if (takes_field(a.verb, "servers")) {
    std::string names;
    if (a.servers)
      for (auto i : *a.servers) names += (names.empty() ? "" : ",") + node_name(s, {node_kind::license_server, i});
    l += " = " + (!a.servers ? std::string("unset") : names.empty() ? std::string("(none)") : names);
  }
  if (takes_field(a.verb, "key_pack") && a.pack) l += " " + a.pack->id + " (" + std::to_string(a.pack->count) + ")";
  if (takes_field(a.verb, "id")) l += " " + a.pack_id;
  if (takes_field(a.verb, "count") && a.count) l += " " + std::to_string(*a.count);
  if (row->subject != action_subject::clients && takes_field(a.verb, "clients") && !a.clients.empty())
    l += " " + clients_text(s, a.clients);
  return l;
}

}  // namespace calsim::detail
