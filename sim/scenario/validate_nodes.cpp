// License servers, key packs, session hosts, images and the network.
#include <algorithm>
#include <limits>

#include "core/scenario_enums.hpp"
#include "scenario/validate.hpp"
#include "scenario/wmi_csv.hpp"

namespace calsim::detail {

namespace {

std::string kind_text(node_kind k) { return std::string(name_of(node_kinds, k)); }

std::vector<std::string> names_of(const build_state& st, node_kind k) {
  std::vector<std::string> out;
  for (const auto& [name, ref] : st.nodes)
    if (ref.kind == k) out.push_back(name);
  return out;
}

// Registers one node name; reports bad syntax and clashes.
void register_node(const json* v, const std::string& ptr, node_kind kind, std::size_t index, build_state& st) {
  if (!v) return;
  const auto name = st.c.string(*v, ptr, true);
  if (!name) return;
  if (!valid_node_name(*name)) {
    st.c.error(ptr, "node name must be 1 to 64 characters of [A-Za-z0-9._-], got " + quote(*name));
    return;
  }
  if (*name == "." || *name == "..") {
    st.c.error(ptr, "node name must not be \".\" or \"..\" (it names a file in the outputs), got " + quote(*name));
    return;
  }
  const auto it = st.nodes.find(*name);
  if (it != st.nodes.end()) {
    st.c.error(ptr, "name " + quote(*name) + " is already used by the " + kind_text(it->second.kind) + " at " +
                        st.node_ptr[*name] + " (servers, hosts and routers share one name space)");
    return;
  }
  st.nodes.emplace(*name, node_ref{kind, index});
  st.node_ptr.emplace(*name, ptr);
}

std::optional<std::string> domain_of(const json& obj, const std::string& ptr, build_state& st) {
  const json* d = member(obj, "domain");
  if (!d || d->is_null()) return std::nullopt;
  return st.c.string(*d, pointer_join(ptr, "domain"), true);
}

std::optional<std::size_t> lookup_kind(const json& v, const std::string& ptr, build_state& st, node_kind k) {
  const std::string what = kind_text(k);
  if (!v.is_string()) {
    st.c.error(ptr, "must be the name of a " + what + " (a string), got " + describe(v));
    return std::nullopt;
  }
  const auto& name = v.get_ref<const std::string&>();
  const auto it = st.nodes.find(name);
  if (it != st.nodes.end() && it->second.kind == k) return it->second.index;
  std::string msg = "no " + what + " named " + quote(name) + " (known: " + join_names(names_of(st, k)) + ")";
  if (it != st.nodes.end()) msg += "; " + quote(name) + " is a " + kind_text(it->second.kind);
  st.c.error(ptr, std::move(msg));
  return std::nullopt;
}

}  // namespace

bool valid_node_name(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

std::optional<std::size_t> lookup_server(const json& v, const std::string& ptr, build_state& st) {
  return lookup_kind(v, ptr, st, node_kind::license_server);
}

std::optional<std::size_t> lookup_host(const json& v, const std::string& ptr, build_state& st) {
  return lookup_kind(v, ptr, st, node_kind::session_host);
}

std::optional<node_ref> lookup_node(const json& v, const std::string& ptr, build_state& st) {
  if (!v.is_string()) {
    st.c.error(ptr, "must be a node name (a string), got " + describe(v));
    return std::nullopt;
  }
  const auto it = st.nodes.find(v.get_ref<const std::string&>());
  if (it != st.nodes.end()) return it->second;
  std::vector<std::string> all;
  for (const auto& [name, ref] : st.nodes) all.push_back(name);
  st.c.error(ptr, "no server, host or router named " + quote(v.get_ref<const std::string&>()) +
                      " (known: " + join_names(all) + ")");
  return std::nullopt;
}

std::optional<std::vector<std::size_t>> lookup_servers(const json& v, const std::string& ptr, build_state& st) {
  if (!st.c.array(v, ptr)) return std::nullopt;
  std::vector<std::size_t> out;
  bool ok = true;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const std::string p = pointer_join(ptr, i);
    const auto idx = lookup_server(v[i], p, st);
    if (!idx) {
      ok = false;
    } else if (std::find(out.begin(), out.end(), *idx) != out.end()) {
      st.c.error(p, "license server " + quote(v[i].get_ref<const std::string&>()) + " is listed twice");
      ok = false;
    } else {
      out.push_back(*idx);
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

void register_nodes(const json& root, build_state& st) {
  if (const json* a = member(root, "license_servers"); a && a->is_array())
    for (std::size_t i = 0; i < a->size(); ++i)
      register_node(member((*a)[i], "name"), pointer_join(pointer_join("/license_servers", i), "name"),
                    node_kind::license_server, i, st);
  if (const json* a = member(root, "session_hosts"); a && a->is_array())
    for (std::size_t i = 0; i < a->size(); ++i)
      register_node(member((*a)[i], "name"), pointer_join(pointer_join("/session_hosts", i), "name"),
                    node_kind::session_host, i, st);
  if (const json* net = member(root, "network"))
    if (const json* r = member(*net, "routers"); r && r->is_array())
      for (std::size_t i = 0; i < r->size(); ++i)
        register_node(&(*r)[i], pointer_join("/network/routers", i), node_kind::router, i, st);
}

std::optional<key_pack_spec> validate_key_pack(const json& v, const std::string& ptr, build_state& st,
                                               sim_time default_installed) {
  auto& c = st.c;
  if (!c.object(v, ptr, {"id", "type", "version", "count", "kind", "installed", "key_pack_id"}, "a key pack")) return std::nullopt;
  const std::size_t before = c.count();
  key_pack_spec k;
  k.installed = default_installed;
  if (const json* id = c.required(v, ptr, "id")) {
    const std::string p = pointer_join(ptr, "id");
    if (const auto s = c.string(*id, p, true)) {
      if (!valid_node_name(*s))
        c.error(p, "key pack id must be 1 to 64 characters of [A-Za-z0-9._-], got " + quote(*s));
      else if (value_of(pack_types, *s))
        c.error(p, "key pack id must not be \"per_device\" or \"per_user\" (those are metric names)");
      k.id = *s;
    }
  }
  if (const json* t = c.required(v, ptr, "type"))
    if (const auto i = c.choice(*t, pointer_join(ptr, "type"), pack_types)) k.type = *i;
  if (const json* ver = c.required(v, ptr, "version"))
    if (const auto n = c.version(*ver, pointer_join(ptr, "version"))) k.version = *n;
  if (const json* n = c.required(v, ptr, "count"))
    if (const auto i = c.integer(*n, pointer_join(ptr, "count"), 0, 1'000'000'000)) k.count = *i;
  if (const json* kind = member(v, "kind"))
    if (const auto i = c.choice(*kind, pointer_join(ptr, "kind"), pack_kinds)) k.kind = *i;
  if (const json* t = member(v, "installed"))
    if (const auto i = c.time(*t, pointer_join(ptr, "installed"))) k.installed = *i;
  if (const json* n = member(v, "key_pack_id"))
    if (const auto i = c.integer(*n, pointer_join(ptr, "key_pack_id"), 1, 2'147'483'647))
      k.key_pack_id = static_cast<std::uint32_t>(*i);
  if (c.count() != before) return std::nullopt;
  return k;
}

void validate_license_servers(const json& root, build_state& st) {
  auto& c = st.c;
  const json* a = member(root, "license_servers");
  if (!a || !c.array(*a, "/license_servers")) return;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const std::string ptr = pointer_join("/license_servers", i);
    const json& v = (*a)[i];
    license_server_spec sv;
    st.pack_ids.emplace_back();
    st.pack_numbers.emplace_back();
    st.temporary_pack_number.push_back(1);
    if (c.object(v, ptr,
                 {"name", "version", "activated", "online", "domain", "ad_write", "security_group",
                  "disable_workgroup_auth_enforcement", "key_packs"},
                 "a license server")) {
      if (const json* n = c.required(v, ptr, "name"); n && n->is_string()) sv.name = n->get<std::string>();
      if (const json* ver = member(v, "version"))
        if (const auto n = c.version(*ver, pointer_join(ptr, "version"))) sv.version = *n;
      if (const json* b = member(v, "activated"))
        if (const auto x = c.boolean(*b, pointer_join(ptr, "activated"))) sv.activated = *x;
      if (const json* b = member(v, "online"))
        if (const auto x = c.boolean(*b, pointer_join(ptr, "online"))) sv.online = *x;
      if (const json* b = member(v, "ad_write"))
        if (const auto x = c.boolean(*b, pointer_join(ptr, "ad_write"))) sv.ad_write = *x;
      if (const json* b = member(v, "disable_workgroup_auth_enforcement"))  // R-MODE-8
        if (const auto x = c.boolean(*b, pointer_join(ptr, "disable_workgroup_auth_enforcement")))
          sv.disable_workgroup_auth_enforcement = *x;
      sv.domain = domain_of(v, ptr, st);
      if (const json* g = member(v, "security_group"); g && !g->is_null()) {
        const std::string gp = pointer_join(ptr, "security_group");
        if (g->is_array()) {
          std::vector<std::string> hosts;
          for (std::size_t h = 0; h < g->size(); ++h) {
            const std::string hp = pointer_join(gp, h);
            if (!lookup_host((*g)[h], hp, st)) continue;
            const auto& name = (*g)[h].get_ref<const std::string&>();
            if (std::find(hosts.begin(), hosts.end(), name) != hosts.end())
              c.error(hp, "session host " + quote(name) + " is listed twice");
            else
              hosts.push_back(name);
          }
          sv.security_group = hosts;
        } else {
          c.error(gp, "must be null or a list of session host names, got " + describe(*g));
        }
      }
      if (const json* kp = member(v, "key_packs"); kp && c.array(*kp, pointer_join(ptr, "key_packs"))) {
        for (std::size_t k = 0; k < kp->size(); ++k) {
          const std::string kptr = pointer_join(pointer_join(ptr, "key_packs"), k);
          auto pack = validate_key_pack((*kp)[k], kptr, st, st.s.start);
          if (!pack) continue;
          if (!st.pack_ids.back().insert(pack->id).second) {
            c.error(pointer_join(kptr, "id"), "key pack id " + quote(pack->id) + " is used twice on this server");
            continue;
          }
          // KeyPackId: given, or the pack's 1-based position on its server.
          if (pack->key_pack_id == 0) pack->key_pack_id = static_cast<std::uint32_t>(k + 1);
          if (!st.pack_numbers.back().insert(pack->key_pack_id).second) {
            c.error(pointer_join(kptr, "key_pack_id"), "key_pack_id " + std::to_string(pack->key_pack_id) +
                                                           " is used twice on this server (a pack without one "
                                                           "takes its 1-based position)");
            continue;
          }
          sv.key_packs.push_back(std::move(*pack));
        }
        // The temporary pack takes the next number.
        if (!st.pack_numbers.back().empty() && *st.pack_numbers.back().rbegin() < 4'294'967'295u)
          st.temporary_pack_number.back() = *st.pack_numbers.back().rbegin() + 1;
      }
    }
    st.s.license_servers.push_back(std::move(sv));
  }
}

void validate_session_hosts(const json& root, build_state& st) {
  auto& c = st.c;
  const json* a = member(root, "session_hosts");
  if (!a || !c.array(*a, "/session_hosts")) return;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const std::string ptr = pointer_join("/session_hosts", i);
    const json& v = (*a)[i];
    session_host_spec h;
    h.installed = st.s.start;
    if (c.object(v, ptr, {"name", "version", "domain", "installed", "licensing_mode", "license_servers", "policy"},
                 "a session host")) {
      if (const json* n = c.required(v, ptr, "name"); n && n->is_string()) h.name = n->get<std::string>();
      if (const json* ver = member(v, "version"))
        if (const auto n = c.version(*ver, pointer_join(ptr, "version"))) h.version = *n;
      h.domain = domain_of(v, ptr, st);
      if (const json* t = member(v, "installed"))
        if (const auto x = c.time(*t, pointer_join(ptr, "installed"))) h.installed = *x;
      constexpr auto i32min = std::numeric_limits<std::int32_t>::min();
      constexpr auto i32max = std::numeric_limits<std::int32_t>::max();
      if (const json* m = member(v, "licensing_mode"))
        if (const auto x = c.integer(*m, pointer_join(ptr, "licensing_mode"), i32min, i32max))
          h.licensing_mode = static_cast<int>(*x);
      if (const json* ls = member(v, "license_servers"))
        if (const auto idx = lookup_servers(*ls, pointer_join(ptr, "license_servers"), st))
          for (std::size_t k : *idx) h.license_servers.push_back(st.s.license_servers[k].name);
      if (const json* p = member(v, "policy")) {
        const std::string pp = pointer_join(ptr, "policy");
        if (c.object(*p, pp, {"licensing_mode", "license_servers", "prevent_license_upgrade"}, "a host policy")) {
          if (const json* m = member(*p, "licensing_mode"); m && !m->is_null())
            if (const auto x = c.integer(*m, pointer_join(pp, "licensing_mode"), i32min, i32max))
              h.policy.licensing_mode = static_cast<int>(*x);
          if (const json* ls = member(*p, "license_servers"); ls && !ls->is_null()) {
            if (const auto idx = lookup_servers(*ls, pointer_join(pp, "license_servers"), st)) {
              h.policy.license_servers.emplace();
              for (std::size_t k : *idx) h.policy.license_servers->push_back(st.s.license_servers[k].name);
            }
          }
          if (const json* b = member(*p, "prevent_license_upgrade"); b && !b->is_null())
            h.policy.prevent_license_upgrade = c.boolean(*b, pointer_join(pp, "prevent_license_upgrade"));
        }
      }
    }
    st.s.session_hosts.push_back(std::move(h));
  }
}

void validate_images(const json& root, build_state& st) {
  auto& c = st.c;
  const json* a = member(root, "images");
  if (!a || !c.array(*a, "/images")) return;
  std::set<std::string, std::less<>> seen;
  for (std::size_t i = 0; i < a->size(); ++i) {
    const std::string ptr = pointer_join("/images", i);
    const json& v = (*a)[i];
    image_spec im;
    if (c.object(v, ptr, {"name", "hardware_id", "license"}, "an image")) {
      if (const json* n = c.required(v, ptr, "name"))
        if (const auto s = c.string(*n, pointer_join(ptr, "name"), true)) {
          if (!seen.insert(*s).second)
            c.error(pointer_join(ptr, "name"), "image name " + quote(*s) + " is used twice");
          im.name = *s;
        }
      if (const json* h = member(v, "hardware_id")) {
        const std::string hp = pointer_join(ptr, "hardware_id");
        const auto s = c.string(*h, hp);
        if (s && *s != "random") {
          const auto bytes = parse_hardware_id(*s);
          if (bytes) im.hardware_id = *bytes;
          else c.error(hp, "must be \"random\" or 40 hexadecimal digits, got " + describe(*h));
        }
      }
      if (const json* l = member(v, "license")) {
        const std::string lp = pointer_join(ptr, "license");
        if (l->is_string() && *l == "none") {
          // no license baked in
        } else if (l->is_object()) {
          c.object(*l, lp, {"server", "type", "expires"}, "an image license");
          image_license lic;
          if (const json* sv = c.required(*l, lp, "server"))
            if (const auto idx = lookup_server(*sv, pointer_join(lp, "server"), st))
              lic.server = st.s.license_servers[*idx].name;
          if (const json* t = c.required(*l, lp, "type"))
            if (const auto k = c.choice(*t, pointer_join(lp, "type"), {"permanent", "temporary"}))
              lic.permanent = *k == 0;
          if (const json* e = c.required(*l, lp, "expires"))
            if (const auto x = c.time(*e, pointer_join(lp, "expires"))) lic.expires = *x;
          im.license = lic;
        } else {
          c.error(lp, "must be \"none\" or an object {\"server\", \"type\", \"expires\"}, got " + describe(*l));
        }
      }
    }
    st.s.images.push_back(std::move(im));
  }
}

void validate_network(const json& root, build_state& st) {
  auto& c = st.c;
  const json* net = member(root, "network");
  if (!net) return;
  st.s.network.present = true;
  if (!c.object(*net, "/network", {"routers", "links"}, "the network")) return;
  if (const json* r = member(*net, "routers"); r && c.array(*r, "/network/routers"))
    for (const auto& name : *r) st.s.network.routers.push_back(name.is_string() ? name.get<std::string>() : "");
  const json* links = member(*net, "links");
  if (!links || !c.array(*links, "/network/links")) return;
  std::set<std::pair<std::string, std::string>> seen;
  for (std::size_t i = 0; i < links->size(); ++i) {
    const std::string lp = pointer_join("/network/links", i);
    const json& l = (*links)[i];
    if (!l.is_array() || l.size() != 2) {
      c.error(lp, "must be a pair of node names [a, b], got " + describe(l));
      continue;
    }
    const auto a = lookup_node(l[0], pointer_join(lp, 0), st);
    const auto b = lookup_node(l[1], pointer_join(lp, 1), st);
    if (!a || !b) continue;
    std::string x = l[0].get<std::string>(), y = l[1].get<std::string>();
    if (x == y) {
      c.error(lp, "a link must join two different nodes, got " + quote(x) + " twice");
      continue;
    }
    if (!seen.insert(std::minmax(x, y)).second) {
      c.error(lp, "duplicate link between " + quote(x) + " and " + quote(y));
      continue;
    }
    st.s.network.links.emplace_back(std::move(x), std::move(y));
  }
}

}  // namespace calsim::detail
