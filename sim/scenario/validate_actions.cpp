// Actions: per-verb fields, name resolution, stable time order.
//
// Choices where SCENARIO.md is silent (copied to the README):
// - "apply" is "now" or "restart" (default "restart"); "via" is "registry" or
//   "policy" (default "registry"); both only for set_licensing_mode and
//   set_license_servers.
// - set_licensing_mode "value": a 32-bit integer, or null (= remove the policy
//   value; only with "via": "policy"). set_license_servers "servers": a list of
//   distinct known license server names, or null (only with "via": "policy").
// - set_policy "prevent_license_upgrade": true, false or null (= not set).
// - add_clients "clients": one full client group object, validated like one in
//   "clients"; its group name must be new; "active.from" defaults to the action
//   time. Its group is appended to scenario.clients in time order.
// - add_key_pack: "server" and "key_pack" (a key pack object; "installed"
//   defaults to the action time; its id must differ from every pack the server
//   had or was given by an earlier action). remove_key_pack: "server" and "id"
//   (a pack of that server, initial or added by an earlier action, not already
//   removed).
// - link_down / link_up "between": [a, b] naming a link of "network" (either
//   order); without "network" it is an error.
// - revoke: "server" and exactly one of "clients" (targets) or "count" (an
//   integer 1 to 1000000000).
// - Client targets: a group name, a client name, or a non-empty list of them; a
//   group name wins over a client name; only groups that exist at the action's
//   time (initial ones, or added by an earlier action) can be targeted.
// - Every action's "at" must be within the run, start and end included.
// - Actions at the same time keep their file order.
#include <algorithm>
#include <limits>

#include "core/scenario_enums.hpp"
#include "scenario/validate.hpp"

namespace calsim::detail {

namespace {

// The fields an action with this verb may have: "at", "do", then the verb's own.
std::vector<std::string> fields_of(action_verb v) {
  std::vector<std::string> out{"at", "do"};
  for (const auto f : row_of(action_verbs, v)->fields)
    if (!f.empty()) out.emplace_back(f);
  return out;
}

std::vector<client_target> targets(const json& v, const std::string& ptr, build_state& st) {
  std::vector<client_target> out;
  auto one = [&](const json& x, const std::string& p) {
    if (!x.is_string()) {
      st.c.error(p, "must be a client group name or a client name (a string), got " + describe(x));
      return;
    }
    std::string err;
    if (const auto t = find_client_target(st.s, x.get_ref<const std::string&>(), st.s.clients.size(), true, err))
      out.push_back(*t);
    else
      st.c.error(p, err);
  };
  if (v.is_array()) {
    if (v.empty()) st.c.error(ptr, "must be a non-empty list of client group or client names");
    for (std::size_t i = 0; i < v.size(); ++i) one(v[i], pointer_join(ptr, i));
  } else {
    one(v, ptr);
  }
  return out;
}

}  // namespace

namespace {

// One action's fields, read for its verb (the cases of validate_actions).
struct action_reader {
  const json& v;
  const std::string& ptr;
  build_state& st;
  sim_time at;
  std::map<std::pair<std::size_t, std::string>, std::string>& removed;  // (server, id) → pointer
  action_spec act;

  checker& c() { return st.c; }
  const json* need(std::string_view key) { return st.c.required(v, ptr, key); }
  std::string field(std::string_view key) const { return pointer_join(ptr, key); }
  void host() {
    if (const json* h = need("host"))
      if (const auto i = lookup_host(*h, field("host"), st)) act.host = *i;
  }
  bool server() {
    if (const json* s = need("server"))
      if (const auto i = lookup_server(*s, field("server"), st)) {
        act.server = *i;
        return true;
      }
    return false;
  }
  void via_apply() {
    if (const json* x = member(v, "via"))
      if (const auto k = st.c.choice(*x, field("via"), config_vias)) act.via = *k;
    if (const json* x = member(v, "apply"))
      if (const auto k = st.c.choice(*x, field("apply"), {"now", "restart"})) act.apply_now = *k == 0;
  }
  void read();
  void add_key_pack();
  void remove_key_pack();
  void link();
  void revoke();
};

void action_reader::add_key_pack() {
  const bool ok = server();
  const json* x = need("key_pack");
  if (!x) return;
  auto pack = validate_key_pack(*x, field("key_pack"), st, at);
  if (pack && ok) {
    if (!st.pack_ids[act.server].insert(pack->id).second)
      c().error(pointer_join(field("key_pack"), "id"),
                "license server " + quote(st.s.license_servers[act.server].name) + " already has a key pack " +
                    quote(pack->id) + " (initially or added by an earlier action)");
    const std::uint32_t n = pack->key_pack_id;
    if (n != 0 && act.server < st.pack_numbers.size() &&
        (n == st.temporary_pack_number[act.server] || !st.pack_numbers[act.server].insert(n).second))
      c().error(pointer_join(field("key_pack"), "key_pack_id"),
                "license server " + quote(st.s.license_servers[act.server].name) + " already has a key pack " +
                    "numbered " + std::to_string(n) +
                    (n == st.temporary_pack_number[act.server] ? " (its temporary pack)"
                                                               : " (initially or added by an earlier action)"));
  }
  act.pack = std::move(pack);
}

void action_reader::remove_key_pack() {
  const bool ok = server();
  const json* x = need("id");
  if (!x) return;
  const auto id = c().string(*x, field("id"));
  if (!id || !ok) return;
  const auto& ids = st.pack_ids[act.server];
  if (!ids.count(*id)) {
    c().error(field("id"), "license server " + quote(st.s.license_servers[act.server].name) + " has no key pack " +
                               quote(*id) + " at this time (known: " +
                               join_names(std::vector<std::string>(ids.begin(), ids.end())) + ")");
  } else if (const auto [it, fresh] = removed.emplace(std::pair{act.server, *id}, ptr); !fresh) {
    c().error(field("id"), "key pack " + quote(*id) + " was already removed by " + it->second);
  }
  act.pack_id = *id;
}

void action_reader::link() {
  const json* x = need("between");
  if (!x) return;
  const std::string bp = field("between");
  if (!x->is_array() || x->size() != 2) {
    c().error(bp, "must be a pair of node names [a, b], got " + describe(*x));
    return;
  }
  const auto n1 = lookup_node((*x)[0], pointer_join(bp, 0), st);
  const auto n2 = lookup_node((*x)[1], pointer_join(bp, 1), st);
  if (!n1 || !n2) return;
  const auto& p = (*x)[0].get_ref<const std::string&>();
  const auto& q = (*x)[1].get_ref<const std::string&>();
  if (!st.s.network.present) {
    c().error(bp, "the scenario has no \"network\", so there is no link to take " +
                      std::string(act.verb == action_verb::link_down ? "down" : "up"));
  } else {
    const auto& links = st.s.network.links;
    const bool found = std::any_of(links.begin(), links.end(), [&](const auto& l) {
      return (l.first == p && l.second == q) || (l.first == q && l.second == p);
    });
    if (!found) {
      std::vector<std::string> known;
      for (const auto& l : links) known.push_back(l.first + "<->" + l.second);
      c().error(bp, "no link between " + quote(p) + " and " + quote(q) + " in \"network\" (links: " +
                        join_names(known) + ")");
    }
  }
  act.between = {*n1, *n2};
}

void action_reader::revoke() {
  server();
  const json* cl = member(v, "clients");
  const json* n = member(v, "count");
  if (cl && n) c().error(ptr, "revoke takes \"clients\" or \"count\", not both");
  else if (!cl && !n) c().error(ptr, "revoke needs \"clients\" (which licenses) or \"count\" (how many)");
  else if (cl) act.clients = targets(*cl, field("clients"), st);
  else act.count = c().integer(*n, field("count"), 1, 1'000'000'000);
}

void action_reader::read() {
  switch (act.verb) {
    case action_verb::set_licensing_mode: {
      host();
      via_apply();
      if (const json* x = need("value")) {
        if (x->is_null()) {
          if (act.via != config_via::policy)
            c().error(field("value"), "null (remove the value) is only allowed with \"via\": \"policy\"");
        } else if (const auto n = c().integer(*x, field("value"), std::numeric_limits<std::int32_t>::min(),
                                            std::numeric_limits<std::int32_t>::max())) {
          act.value = static_cast<int>(*n);
        }
      }
      break;
    }
    case action_verb::set_license_servers: {
      host();
      via_apply();
      if (const json* x = need("servers")) {
        if (x->is_null()) {
          if (act.via != config_via::policy)
            c().error(field("servers"), "null (remove the value) is only allowed with \"via\": \"policy\"");
        } else {
          act.servers = lookup_servers(*x, field("servers"), st);
        }
      }
      break;
    }
    case action_verb::set_policy:
      host();
      if (const json* x = need("prevent_license_upgrade"); x && !x->is_null())
        act.prevent_license_upgrade = c().boolean(*x, field("prevent_license_upgrade"));
      break;
    case action_verb::add_clients:
      if (const json* x = need("clients")) {
        client_group_spec g = validate_client_group(*x, field("clients"), st);
        if (!g.active_from) g.active_from = at;
        act.group = st.s.clients.size();
        st.s.clients.push_back(std::move(g));
        st.group_ptr.push_back(field("clients"));
      }
      break;
    case action_verb::add_key_pack: add_key_pack(); break;
    case action_verb::remove_key_pack: remove_key_pack(); break;
    case action_verb::link_down:
    case action_verb::link_up: link(); break;
    case action_verb::revoke: revoke(); break;
    default:  // a verb without fields of its own: resolve what it is about
      switch (row_of(action_verbs, act.verb)->subject) {
        case action_subject::host: host(); break;
        case action_subject::server: server(); break;
        case action_subject::clients:
          if (const json* x = need("clients")) act.clients = targets(*x, field("clients"), st);
          break;
        case action_subject::new_group:  // add_clients and the link verbs have their own case
        case action_subject::link: break;
      }
      break;
  }
}

}  // namespace

void validate_actions(const json& root, build_state& st) {
  auto& c = st.c;
  const json* a = member(root, "actions");
  if (!a || !c.array(*a, "/actions")) return;
  struct entry {
    sim_time at = 0;
    std::size_t index = 0;
    std::optional<action_verb> verb;
  };
  std::vector<entry> order;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const std::string ptr = pointer_join("/actions", i);
    const json& v = (*a)[i];
    if (!v.is_object()) {
      c.error(ptr, "must be an object {\"at\": …, \"do\": …}, got " + describe(v));
      continue;
    }
    entry e{st.s.start, i, std::nullopt};
    if (const json* t = c.required(v, ptr, "at"))
      if (const auto x = c.time(*t, pointer_join(ptr, "at"))) {
        e.at = *x;
        if (st.range_ok && (*x < st.s.start || *x > st.s.end))
          c.error(pointer_join(ptr, "at"), time_text(*x) + " is outside the run (" + time_text(st.s.start) +
                                               " to " + time_text(st.s.end) + ")");
      }
    if (const json* d = c.required(v, ptr, "do")) {
      const std::string dp = pointer_join(ptr, "do");
      if (!d->is_string()) {
        c.error(dp, "must be an action name (a string), got " + describe(*d));
      } else {
        if (const auto verb = value_of(action_verbs, d->get_ref<const std::string&>())) {
          e.verb = *verb;
        } else {
          const std::vector<std::string> all = names_of(action_verbs);
          std::string msg = "unknown action " + describe(*d) + " (known: " + join_names(all) + ")";
          const std::string guess = closest(d->get_ref<const std::string&>(), all);
          if (!guess.empty()) msg += "; did you mean " + quote(guess) + "?";
          c.error(dp, std::move(msg));
        }
      }
    }
    order.push_back(e);
  }
  std::stable_sort(order.begin(), order.end(), [](const entry& x, const entry& y) { return x.at < y.at; });

  std::map<std::pair<std::size_t, std::string>, std::string> removed;  // (server, id) → pointer
  for (const entry& e : order) {
    if (!e.verb) continue;
    const std::string ptr = pointer_join("/actions", e.index);
    const json& v = (*a)[e.index];
    const std::string verb(name_of(action_verbs, *e.verb));
    c.object(v, ptr, fields_of(*e.verb), "\"do\": \"" + verb + "\"");

    action_reader r{v, ptr, st, e.at, removed, {}};
    r.act.at = e.at;
    r.act.verb = *e.verb;
    r.act.pointer = ptr;
    r.read();
    st.s.actions.push_back(std::move(r.act));
  }
}

}  // namespace calsim::detail
