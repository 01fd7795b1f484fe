#include "model/simulation.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "calsim/errors.hpp"
#include "core/calendar.hpp"
#include "scenario/name_pattern.hpp"

namespace calsim::detail {
namespace {

std::vector<std::pair<std::size_t, std::size_t>> link_nodes(const scenario& s) {
  std::map<std::string, std::size_t, std::less<>> node;
  std::size_t n = 0;
  for (const auto& sv : s.license_servers) node[sv.name] = n++;
  for (const auto& h : s.session_hosts) node[h.name] = n++;
  for (const auto& r : s.network.routers) node[r] = n++;
  std::vector<std::pair<std::size_t, std::size_t>> links;
  for (const auto& [a, b] : s.network.links) links.emplace_back(node.at(a), node.at(b));
  return links;
}

std::size_t node_count(const scenario& s) {
  return s.license_servers.size() + s.session_hosts.size() + s.network.routers.size();
}

}  // namespace

simulation::simulation(const scenario& s, const run_options& options, run_observer& observer)
    : s_(s),
      options_(options),
      observer_(observer),
      network_(node_count(s), link_nodes(s), !s.network.present) {
  now_ = s.start;

  // Day samples first, so at a midnight the sample of the day that ends runs
  // before anything of the new day.
  for (sim_time d = day_floor(s.start) + seconds_per_day; d < s.end; d += seconds_per_day)
    queue_.push(d, static_cast<std::uint32_t>(event_kind::day_end), 0, 0);
  queue_.push(s.end, static_cast<std::uint32_t>(event_kind::day_end), 0, 0);

  // License servers and their packs.
  servers_.resize(s.license_servers.size());
  for (std::size_t i = 0; i < servers_.size(); ++i) {
    const auto& spec = s.license_servers[i];
    auto& sv = servers_[i];
    sv.name = spec.name;
    sv.node = i;
    sv.version = spec.version;
    sv.activated = spec.activated;
    sv.domain = spec.domain;
    sv.ad_write = spec.ad_write;
    if (!spec.online) network_.set_node_online(i, false);
    for (const auto& p : spec.key_packs) {
      pack_state ps;
      ps.spec = p;
      sv.packs.push_back(ps);
      install_pack(static_cast<std::uint32_t>(i), sv.packs.size() - 1);
    }
  }
  // Security groups need host indices.
  for (std::size_t i = 0; i < servers_.size(); ++i) {
    const auto& grp = s.license_servers[i].security_group;
    if (!grp) continue;
    std::vector<bool> allowed(s.session_hosts.size(), false);
    for (const auto& name : *grp)
      for (std::size_t h = 0; h < s.session_hosts.size(); ++h)
        if (s.session_hosts[h].name == name) allowed[h] = true;
    servers_[i].security_group = std::move(allowed);
  }

  // Session hosts.
  hosts_.resize(s.session_hosts.size());
  for (std::size_t i = 0; i < hosts_.size(); ++i) {
    const auto& spec = s.session_hosts[i];
    auto& h = hosts_[i];
    h.name = spec.name;
    h.node = servers_.size() + i;
    h.version = spec.version;
    h.domain = spec.domain;
    h.installed = spec.installed;
    h.registry_mode = spec.licensing_mode;
    h.policy_mode = spec.policy.licensing_mode;
    for (const auto& name : spec.license_servers)
      for (std::size_t k = 0; k < s.license_servers.size(); ++k)
        if (s.license_servers[k].name == name) h.registry_servers.push_back(k);
    if (spec.policy.license_servers) {
      std::vector<std::size_t> list;
      for (const auto& name : *spec.policy.license_servers)
        for (std::size_t k = 0; k < s.license_servers.size(); ++k)
          if (s.license_servers[k].name == name) list.push_back(k);
      h.policy_servers = std::move(list);
    }
    h.policy_prevent_upgrade = spec.policy.prevent_license_upgrade;
    // R-GRACE-2: ws2003 and ws2012 count from the host's installation.
    if (s.rules == rules_profile::ws2003 || s.rules == rules_profile::ws2012) {
      h.grace_started = true;
      h.grace_start = spec.installed;
    }
    apply_configuration(i);
  }

  // Clients: every group, including those added by actions (active from then).
  std::unordered_map<std::string, std::uint32_t> users;
  std::size_t total = 0;
  for (const auto& g : s.clients) total += static_cast<std::size_t>(g.count);
  clients_.resize(total);
  group_first_.reserve(s.clients.size());
  std::uint32_t c = 0;
  for (std::size_t gi = 0; gi < s.clients.size(); ++gi) {
    const auto& g = s.clients[gi];
    group_first_.push_back(c);
    const bool own_user = g.user.parts.size() == 1 && g.user.parts[0].what == name_pattern::part::kind::name;
    for (std::int64_t n = 0; n < g.count; ++n, ++c) {
      auto& cl = clients_[c];
      cl.group = static_cast<std::uint32_t>(gi);
      cl.index = static_cast<std::uint32_t>(n);
      const std::string name = format_name(g.name, n + 1, "");
      cl.stream = rng(stream_seed(s.seed, options.replication, "client:" + name));
      if (own_user) {
        cl.user = own_user_bit | c;  // the user is named like the client: no copy of the name
      } else {
        const std::string user = format_name(g.user, n + 1, name);
        auto [it, fresh] = users.try_emplace(user, static_cast<std::uint32_t>(user_names_.size()));
        if (fresh) user_names_.push_back(user);
        cl.user = it->second;
      }
      if (g.kind == client_kind::cloned && g.image) {
        cl.hwid = image_hwid_key(*g.image);  // R-CLI-3: every clone presents the image's HardwareID
      } else {
        cl.hwid_generation = 1;
        cl.hwid = client_hwid_key(c, 1);
      }
      cl.next_day = day_floor(g.active_from.value_or(s.start));
    }
  }

  // Licenses baked into images: issued before the run, presented by every clone.
  for (std::size_t im = 0; im < s.images.size(); ++im) {
    const auto& lic = s.images[im].license;
    if (!lic) continue;
    std::uint32_t server = 0;
    for (std::size_t k = 0; k < servers_.size(); ++k)
      if (servers_[k].name == lic->server) server = static_cast<std::uint32_t>(k);
    auto& sv = servers_[server];
    license l;
    l.hwid = image_hwid_key(im);
    l.kind = lic->permanent ? license_kind::device : license_kind::temporary;
    l.status = lic->permanent ? license_status::active : license_status::temporary;
    l.validated = true;
    l.expires = lic->expires;
    l.issued = lic->expires - days(lic->permanent ? 89 : 90);
    if (lic->permanent) {
      const std::int32_t p = choose_pack(sv, pack_type::per_device, 0, false);
      if (p < 0) continue;  // no CAL to have issued it: the image carries nothing usable
      l.pack = p;
      l.version = sv.packs[static_cast<std::size_t>(p)].spec.version;
      auto& ps = sv.packs[static_cast<std::size_t>(p)];
      ++ps.issued;
      --ps.available;
    } else {
      l.version = sv.version;
      ++sv.temporaries_valid;
    }
    const auto idx = static_cast<std::uint32_t>(sv.licenses.size());
    sv.licenses.push_back(l);
    auto& rec = sv.hwids[l.hwid];
    set_latest(sv.licenses, rec, idx);
    rec.upgradable = true;
    if (!lic->permanent) rec.temporary = idx;
    if (l.expires > s.start)
      queue_.push(l.expires, static_cast<std::uint32_t>(event_kind::license_expiry), server,
                  static_cast<std::uint64_t>(idx) << 32);
    else
      expire_license(server, idx, 0);
    for (auto& cl : clients_)
      if (cl.hwid == l.hwid) put_in_store(cl, server, idx, sv.licenses[idx]);
  }

  for (std::uint32_t k = 0; k < clients_.size(); ++k) plan_next(k);

  for (std::size_t i = 0; i < s.actions.size(); ++i)
    queue_.push(s.actions[i].at, static_cast<std::uint32_t>(event_kind::action), static_cast<std::uint32_t>(i), 0);

  outcomes_.resize(s.expect.size());
  seen_.assign(s.expect.size(), false);
  for (std::size_t i = 0; i < s.expect.size(); ++i) {
    const auto& e = s.expect[i];
    outcomes_[i].spec = &e;
    outcomes_[i].passed = !e.at_instant && !e.ever;  // "always" holds until a value breaks it
    const auto k = static_cast<std::uint32_t>(i);
    if (e.at_instant) {
      queue_.push_with_seq(e.at, late_seq + 3 * i, static_cast<std::uint32_t>(event_kind::check_at), k, 0);
    } else {
      queue_.push_with_seq(e.from, late_seq + 3 * i + 1, static_cast<std::uint32_t>(event_kind::window_open), k, 0);
      queue_.push_with_seq(e.to, late_seq + 3 * i + 2, static_cast<std::uint32_t>(event_kind::window_close), k, 0);
    }
  }

  if (options_.keep_daily) {
    for (auto& sv : servers_)
      for (auto& p : sv.packs) {
        p.label = result_.daily.pack_labels.size();
        result_.daily.pack_labels.push_back(sv.name + "/" + p.spec.id);
      }
    result_.daily.issued.resize(result_.daily.pack_labels.size());
  }

  for (std::size_t i = 0; i < servers_.size(); ++i)
    if (!servers_[i].activated)
      log(servers_[i].name, no_id, 18, "R-DEV-9", "license server is not activated: it issues temporary CALs only");
  for (std::size_t h = 0; h < hosts_.size(); ++h)
    if (s.rules == rules_profile::ws2003 && discover(h)) hosts_[h].grace_ended_early = true;  // R-GRACE-3
}

run_result simulation::run() {
  std::int64_t processed = 0;
  while (!queue_.empty()) {
    const event e = queue_.pop();
    if (e.time > s_.end) break;
    now_ = e.time;
    prefetch_ahead();
    handle(e);
    ++processed;
    if (!open_windows_.empty()) observe_open_windows();
  }
  now_ = s_.end;
  final_checks();

  result_.events_processed = processed;
  result_.memory.events = static_cast<std::int64_t>(queue_.memory_bytes());
  std::int64_t client_bytes = static_cast<std::int64_t>(clients_.capacity() * sizeof(client_state));
  for (const auto& cl : clients_)
    if (cl.store.size() > 1) client_bytes += static_cast<std::int64_t>(cl.store.size() * sizeof(store_entry));
  for (const auto& name : user_names_) client_bytes += static_cast<std::int64_t>(sizeof name + (name.size() > 15 ? name.capacity() : 0));
  result_.memory.clients = client_bytes;
  for (const auto& sv : servers_)
    result_.memory.databases += static_cast<std::int64_t>(sv.licenses.capacity() * sizeof(license) + sv.hwids.memory_bytes() +
                                                           sv.user_cals.size() * 32 +
                                                           sv.temporary_fifo.size() * sizeof(std::uint32_t));
  result_.connections_attempted = attempted_;
  result_.connections_allowed = allowed_;
  result_.connections_allowed_in_grace = allowed_in_grace_;
  result_.connections_refused = refused_;
  for (std::size_t id = 0; id < event_counts_.size(); ++id)
    if (event_counts_[id] > 0) result_.events_by_id[static_cast<int>(id)] = event_counts_[id];
  for (const auto& sv : servers_)
    for (const auto& p : sv.packs) {
      const std::string label = sv.name + "/" + p.spec.id;
      result_.peak_issued[label] = p.peak_issued;
      result_.peak_issued_date[label] = p.peak_date;
    }
  // Leaked: permanents still held by a HardwareID that no client uses any more.
  std::unordered_map<std::uint64_t, bool> in_use;
  for (const auto& cl : clients_)
    if (!cl.retired && cl.hwid != 0) in_use[cl.hwid] = true;
  for (const auto& sv : servers_)
    for (const auto& l : sv.licenses)
      if (l.kind == license_kind::device && l.status == license_status::active && !in_use.count(l.hwid))
        ++result_.leaked;
  result_.expectations = outcomes_;
  if (options_.snapshots) take_snapshots();
  return std::move(result_);
}

// Connections touch a client and its license copy in random order: on a
// large estate each is a cache miss. Every 8 events, ask for the clients of
// the 8 after the next 8 at once, and for both lines of the license of the
// event 4 ahead (its client is in cache by then). Measured on the 100k
// estate: batched prefetches ~2.5x faster than none; without the client's
// second line -30 %; other distances (4..24), L2-only hints and per-event
// prefetches no better. A hint only: it changes no result.
void simulation::prefetch_ahead() {
  constexpr std::size_t batch = 8;
  const auto connect_kind = static_cast<std::uint32_t>(event_kind::connect);
  if (++prefetch_count_ % batch == 0) {
    for (std::size_t k = batch; k < 2 * batch; ++k) {
      const event* f = queue_.peek(k);
      if (!f) break;
      if (f->kind != connect_kind) continue;
      const char* p = reinterpret_cast<const char*>(&clients_[f->target]);
      __builtin_prefetch(p);
      __builtin_prefetch(p + 64);
    }
  }
  if (const event* n = queue_.peek(batch / 2); n && n->kind == connect_kind) {
    const client_state& cl = clients_[n->target];
    if (cl.store.size() == 1) {
      const store_entry& e = cl.store[0];
      const server_state& sv = servers_[e.server];
      if (e.license < sv.licenses.size()) {
        // A license (56 bytes) mostly spans two cache lines: ask for both.
        const char* p = reinterpret_cast<const char*>(&sv.licenses[e.license]);
        __builtin_prefetch(p);
        __builtin_prefetch(p + sizeof(license) - 1);
      }
    }
  }
}

void simulation::handle(const event& e) {
  switch (static_cast<event_kind>(e.kind)) {
    case event_kind::connect: connect(e.target); break;
    case event_kind::temporary_expiry: expire_temporaries(e.target); break;
    case event_kind::license_expiry:
      expire_license(e.target, static_cast<std::uint32_t>(e.payload >> 32), static_cast<std::uint32_t>(e.payload));
      break;
    case event_kind::revoke_capacity: {
      auto& sv = servers_[e.target];
      auto& l = sv.licenses[static_cast<std::size_t>(e.payload)];
      if (l.status == license_status::revoked && l.pack >= 0) {
        --sv.packs[static_cast<std::size_t>(l.pack)].revoked;  // R-REV-4: capacity comes back
        l.status = license_status::returned;
      }
      break;
    }
    case event_kind::pack_install: install_pack(e.target, static_cast<std::size_t>(e.payload)); break;
    case event_kind::action: run_action(s_.actions[e.target]); break;
    case event_kind::day_end: sample_day(day_floor(now_ - 1)); break;
    case event_kind::check_at: check_at(e.target); break;
    case event_kind::window_open:
      open_windows_.push_back(e.target);
      observe_window(e.target);
      break;
    case event_kind::window_close:
      observe_window(e.target);
      std::erase(open_windows_, static_cast<std::size_t>(e.target));
      break;
  }
}

void simulation::sample_day(sim_time day) {
  for (auto& sv : servers_) {
    for (auto& p : sv.packs) {
      check_invariants_of(sv, p);
      if (p.issued > p.peak_issued) {
        p.peak_issued = p.issued;
        p.peak_date = day;
      }
      if (p.installed || p.removed) {
        pack_day row;
        row.date = day;
        row.server = sv.name;
        row.pack = p.spec.id;
        row.type = p.spec.type;
        row.version = p.spec.version;
        row.total = p.total;
        row.issued = p.issued;
        row.available = p.available;
        row.revoked = p.revoked;
        row.overused = p.overused;
        row.temporary_valid = sv.temporaries_valid;
        row.issued_today = p.issued_today;
        row.renewed_today = p.renewed_today;
        row.returned_today = p.returned_today;
        row.revoked_today = p.revoked_today;
        observer_.on_pack_day(row);
      }
      if (options_.keep_daily) result_.daily.issued[p.label].push_back(p.issued);
      p.issued_today = p.renewed_today = p.returned_today = p.revoked_today = 0;
    }
  }
  for (auto& h : hosts_) {
    host_day row;
    row.date = day;
    row.host = h.name;
    row.attempted = h.attempted;
    row.allowed = h.allowed;
    row.allowed_in_grace = h.allowed_in_grace;
    row.refused = h.refused;
    row.grace_days_left = grace_days_left(h);
    row.mode = h.mode;
    observer_.on_host_day(row);
    h.attempted = h.allowed = h.allowed_in_grace = h.refused = 0;
  }
  if (options_.keep_daily) result_.daily.refused.push_back(refused_today_);
  refused_today_ = 0;
  ++day_index_;
}

void simulation::log(std::string_view node, std::uint32_t c, int event_id, std::string_view rule,
                     std::string message) {
  if (event_id > 0) {
    if (static_cast<std::size_t>(event_id) >= event_counts_.size())
      event_counts_.resize(static_cast<std::size_t>(event_id) + 1, 0);
    ++event_counts_[static_cast<std::size_t>(event_id)];
  }
  log_event ev;
  ev.time = now_;
  ev.node = node;
  std::string name;
  if (c != no_id) {
    name = client_name(c);
    ev.client = name;
  }
  ev.event_id = event_id;
  ev.rule = rule;
  ev.message = std::move(message);
  observer_.on_event(ev);
}

std::string simulation::user_name(std::uint32_t u) const {
  return (u & own_user_bit) != 0 ? client_name(u & ~own_user_bit) : user_names_[u];
}

std::string simulation::client_name(std::uint32_t c) const {
  return format_name(group_of(c).name, static_cast<std::int64_t>(clients_[c].index) + 1, "");
}

void simulation::check_invariants_of(const server_state& sv, const pack_state& p) const {
  if (p.issued + p.available != p.total || p.issued < 0 || p.available < 0 || p.revoked < 0)
    throw invariant_error("pool-balance", "pack " + sv.name + "/" + p.spec.id + ": issued " + std::to_string(p.issued) +
                                              " + available " + std::to_string(p.available) + " != total " +
                                              std::to_string(p.total) + " at " + format_datetime(now_));
}

void simulation::final_checks() {
  for (const auto& sv : servers_) {
    std::vector<std::int64_t> held(sv.packs.size(), 0);
    for (const auto& l : sv.licenses) {
      if (l.kind == license_kind::device && l.status == license_status::active && l.pack >= 0)
        ++held[static_cast<std::size_t>(l.pack)];
      if (l.kind == license_kind::user && l.status == license_status::active && l.pack >= 0)
        ++held[static_cast<std::size_t>(l.pack)];
    }
    for (std::size_t p = 0; p < sv.packs.size(); ++p) {
      check_invariants_of(sv, sv.packs[p]);
      if (!sv.packs[p].removed && held[p] != sv.packs[p].issued)
        throw invariant_error("pool-count", "pack " + sv.name + "/" + sv.packs[p].spec.id + " says " +
                                                std::to_string(sv.packs[p].issued) + " issued but " +
                                                std::to_string(held[p]) + " licenses are held");
    }
  }
}

run_result run_once(const scenario& s, const run_options& options, run_observer& observer) {
  simulation sim(s, options, observer);
  return sim.run();
}

}  // namespace calsim::detail

namespace calsim {
run_result run_scenario(const scenario& s, const run_options& options, run_observer& observer) {
  return detail::run_once(s, options, observer);
}
}  // namespace calsim
