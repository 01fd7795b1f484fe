// Set-up of a replication from its scenario, the kernel loop, the handlers
// of the license servers' timed events, and the result.
#include "model/simulation.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "calsim/errors.hpp"
#include "core/calendar.hpp"
#include "model/connection_rules.hpp"
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
      network_(node_count(s), link_nodes(s), !s.network.present),
      routine_(options.routine_shortcut && !options.trace) {
  now_ = s.start;
  make_day_table();
  make_group_plans();
  // Day samples first, so at a midnight the sample of the day that ends runs
  // before anything of the new day.
  for (sim_time d = day_floor(s.start) + seconds_per_day; d < s.end; d += seconds_per_day)
    queue_.push(d, kind_of(event_kind::day_end), 0, 0);
  queue_.push(s.end, kind_of(event_kind::day_end), 0, 0);
  add_servers();
  add_hosts();
  add_clients();
  if (options_.snapshots) truth_.start(clients_.size(), hosts_.size());
  // A temporary and a permanent per client, reserved untouched (issue 18: the
  // last doubling of a million-client database copied 56 MB into 112 MB).
  for (auto& sv : servers_) sv.reserve_licenses(2 * clients_.size() + 64);
  if (servers_.size() == 1) servers_[0].reserve_hardware_ids(clients_.size());  // every client asks the one server
  add_image_licenses();
  add_initial_licenses();
  for (std::uint32_t k = 0; k < clients_.size(); ++k) plan_next(k);
  for (std::size_t i = 0; i < s.actions.size(); ++i)
    queue_.push(s.actions[i].at, kind_of(event_kind::action), static_cast<std::uint32_t>(i), 0);
  add_expectations();
  if (options_.keep_daily) {
    for (auto& sv : servers_)
      for (std::size_t p = 0; p < sv.packs().size(); ++p) {
        sv.pack(p).label = result_.daily.pack_labels.size();
        result_.daily.pack_labels.push_back(sv.name() + "/" + sv.packs()[p].spec.id);
      }
    result_.daily.issued.resize(result_.daily.pack_labels.size());
  }
  for (const auto& sv : servers_)
    if (!sv.activated())
      log(sv.name(), no_id, 18, rule_id::dev_9, "license server is not activated: it issues temporary CALs only");
  for (std::size_t h = 0; h < hosts_.size(); ++h)
    if (s.rules == rules_profile::ws2003 && discover(h)) hosts_[h].grace_ended_early = true;  // R-GRACE-3
}

// License servers and their packs; security groups by host index.
void simulation::add_servers() {
  servers_.reserve(s_.license_servers.size());
  for (std::size_t i = 0; i < s_.license_servers.size(); ++i) {
    const auto& spec = s_.license_servers[i];
    servers_.emplace_back(spec, i);
    if (!spec.online) network_.set_node_online(i, false);
    for (const auto& p : spec.key_packs) install_pack(static_cast<std::uint32_t>(i), servers_[i].add_pack(p));
    if (!spec.security_group) continue;
    std::vector<bool> allowed(s_.session_hosts.size(), false);
    for (const auto& name : *spec.security_group)
      for (std::size_t h = 0; h < s_.session_hosts.size(); ++h)
        if (s_.session_hosts[h].name == name) allowed[h] = true;
    servers_[i].set_security_group(std::move(allowed));
  }
}

void simulation::add_hosts() {
  auto server_index = [&](const std::string& name, std::vector<std::size_t>& out) {
    for (std::size_t k = 0; k < s_.license_servers.size(); ++k)
      if (s_.license_servers[k].name == name) out.push_back(k);
  };
  hosts_.resize(s_.session_hosts.size());
  for (std::size_t i = 0; i < hosts_.size(); ++i) {
    const auto& spec = s_.session_hosts[i];
    auto& h = hosts_[i];
    h.name = spec.name;
    h.node = servers_.size() + i;
    h.version = spec.version;
    h.domain = spec.domain;
    h.installed = spec.installed;
    h.registry_mode = spec.licensing_mode;
    h.policy_mode = spec.policy.licensing_mode;
    for (const auto& name : spec.license_servers) server_index(name, h.registry_servers);
    if (spec.policy.license_servers) {
      std::vector<std::size_t> list;
      for (const auto& name : *spec.policy.license_servers) server_index(name, list);
      h.policy_servers = std::move(list);
    }
    h.policy_prevent_upgrade = spec.policy.prevent_license_upgrade;
    // R-GRACE-2: ws2003 and ws2012 count from the host's installation.
    if (s_.rules == rules_profile::ws2003 || s_.rules == rules_profile::ws2012) {
      h.grace_started = true;
      h.grace_start = spec.installed;
    }
    apply_configuration(i);
  }
}

// Clients: every group, including those added by actions (active from then).
void simulation::add_clients() {
  std::unordered_map<std::string, std::uint32_t> users;
  std::size_t total = 0;
  for (const auto& g : s_.clients) total += static_cast<std::size_t>(g.count);
  clients_.resize(total);
  client_group_.resize(total);
  group_first_.reserve(s_.clients.size());
  std::uint32_t c = 0;
  for (std::size_t gi = 0; gi < s_.clients.size(); ++gi) {
    const auto& g = s_.clients[gi];
    group_first_.push_back(c);
    const bool own_user = g.user.parts.size() == 1 && g.user.parts[0].what == name_pattern::part::kind::name;
    for (std::int64_t n = 0; n < g.count; ++n, ++c) {
      auto& cl = clients_[c];
      cl.group = static_cast<std::uint32_t>(gi);
      client_group_[c] = cl.group;
      const std::string name = format_name(g.name, n + 1, "");
      cl.stream = rng(stream_seed(s_.seed, options_.replication, "client:" + name));
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
      cl.next_day = day_floor(active_from(c));
    }
  }
}

// Licenses baked into images: issued before the run, presented by every clone.
void simulation::add_image_licenses() {
  image_store_.assign(s_.images.size(), store_entry{no_server, 0, 0, license_kind::temporary, 0, 0});
  for (std::size_t im = 0; im < s_.images.size(); ++im) {
    const auto& lic = s_.images[im].license;
    if (!lic) continue;
    std::uint32_t server = 0;
    for (std::size_t k = 0; k < servers_.size(); ++k)
      if (servers_[k].name() == lic->server) server = static_cast<std::uint32_t>(k);
    license_server& sv = servers_[server];
    const std::uint64_t hwid = image_hwid_key(im);
    const std::uint32_t idx = sv.add_image_license(hwid, lic->permanent, lic->expires);
    if (idx == no_id) continue;
    if (lic->expires > s_.start)
      queue_.push(lic->expires, kind_of(event_kind::license_expiry), server, static_cast<std::uint64_t>(idx) << 32);
    else
      expire_license(server, idx, 0);
    const license& l = sv.licenses()[idx];
    image_store_[im] = store_entry{server, idx, l.stamp, l.kind, l.version, l.expires};
    for (auto& cl : clients_)
      if (cl.hwid == hwid) put_in_store(cl, server, idx, l);
  }
}

void simulation::add_expectations() {
  outcomes_.resize(s_.expect.size());
  seen_.assign(s_.expect.size(), false);
  for (std::size_t i = 0; i < s_.expect.size(); ++i) {
    const auto& e = s_.expect[i];
    outcomes_[i].spec = &e;
    outcomes_[i].passed = !e.at_instant && !e.ever;  // "always" holds until a value breaks it
    const auto k = static_cast<std::uint32_t>(i);
    if (e.at_instant) {
      queue_.push_with_seq(e.at, late_seq + 3 * i, kind_of(event_kind::check_at), k, 0);
    } else {
      queue_.push_with_seq(e.from, late_seq + 3 * i + 1, kind_of(event_kind::window_open), k, 0);
      queue_.push_with_seq(e.to, late_seq + 3 * i + 2, kind_of(event_kind::window_close), k, 0);
    }
  }
}

// Connections touch a client and its license copy in random order: on a
// large estate each is a cache miss. Every 8 events, ask for the clients of
// the 8 after the next 8 at once, and for both lines of the license of the
// event 4 ahead (its client is in cache by then). Measured on the 100k
// estate: batched prefetches ~2.5x faster than none; without the client's
// second line -30 %; other distances (4..24), L2-only hints and per-event
// prefetches no better. A hint only: it changes no result.
[[gnu::always_inline]] inline void simulation::prefetch_ahead() {
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
    if (const store_entry* only = clients_[n->target].store.single()) {
      const store_entry& e = *only;
      const license_server& sv = servers_[e.server];
      if (e.license < sv.licenses().size()) {
        // A license (48 bytes) often spans two cache lines: ask for both.
        const char* p = reinterpret_cast<const char*>(&sv.licenses()[e.license]);
        __builtin_prefetch(p);
        __builtin_prefetch(p + sizeof(license) - 1);
      }
    }
  }
}

run_result simulation::run() {
  observer_.on_events_start();
  std::int64_t processed = 0;
  while (!queue_.empty() && !stopped_) {
    const event e = queue_.pop();
    if (e.time > s_.end) break;
    now_ = e.time;
    prefetch_ahead();
    // Nearly every event is a connection: called directly (issue 18: through
    // handle()'s switch and frame it cost ~25 instructions more an event).
    if (e.kind == kind_of(event_kind::connect)) connect(e.target);
    else handle(e);
    ++processed;
    if (!open_windows_.empty()) observe_open_windows();
  }
  result_.stopped_early = stopped_;
  if (!stopped_) {  // a run stopped early is not at its end: the end's checks do not apply
    now_ = s_.end;
    final_checks();
  }
  observer_.on_events_done();
  result_.events_processed = processed;
  result_.routine_connections = routine_connections_;
  sum_result();
  if (options_.snapshots) {
    take_truth();  // first: the clients a failure mode touched get their files beyond the limit
    take_snapshots();
  }
  return std::move(result_);
}

void simulation::sum_result() {
  count_memory();
  result_.connections_attempted = attempted_;
  result_.connections_allowed = allowed_;
  result_.connections_allowed_in_grace = allowed_in_grace_;
  result_.connections_refused = refused_;
  for (std::size_t id = 0; id < event_counts_.size(); ++id)
    if (event_counts_[id] > 0) result_.events_by_id[static_cast<int>(id)] = event_counts_[id];
  for (const auto& sv : servers_) {
    const server_counts& n = sv.counts();
    result_.temporaries_issued += n.temporaries_issued;
    result_.permanents_issued += n.permanents_issued;
    result_.permanents_renewed += n.permanents_renewed;
    result_.permanents_returned += n.permanents_returned;
    result_.revoked += n.revoked;
    result_.per_user_issued += n.per_user_issued;
    result_.per_user_overused += n.per_user_overused;
    if (n.pool_exhausted && (!result_.pool_exhausted || *n.pool_exhausted < *result_.pool_exhausted))
      result_.pool_exhausted = n.pool_exhausted;
    for (const auto& p : sv.packs()) {
      const std::string label = sv.name() + "/" + p.spec.id;
      result_.peak_issued[label] = p.peak_issued;
      result_.most_issued_at_once[label] = p.most_at_once;
      // A pack never issued has no peak date (issue 15: not "1970-01-01", the unset time).
      if (p.peak_issued > 0) result_.peak_issued_date[label] = p.peak_date;
    }
  }
  // Held at the end: superseded permanents (R-DEV-7: never renewed, they
  // return at their expiry) apart from those leaked by a HardwareID that no
  // client uses any more (a rebuilt, wiped or retired machine).
  const hwids_in_use in_use(clients_);
  for (const auto& sv : servers_)
    for (const auto& l : sv.licenses()) {
      if (l.kind != license_kind::device || l.status != license_status::active) continue;
      if (l.superseded) ++result_.superseded;
      else if (!in_use.contains(l.hwid)) ++result_.leaked;
    }
  result_.expectations = outcomes_;
}

void simulation::handle(const event& e) {
  switch (static_cast<event_kind>(e.kind)) {
    case event_kind::connect: connect(e.target); break;
    case event_kind::temporary_expiry: expire_temporaries(e.target); break;
    case event_kind::license_expiry:
      expire_license(e.target, static_cast<std::uint32_t>(e.payload >> 32), static_cast<std::uint32_t>(e.payload));
      break;
    case event_kind::revoke_capacity:
      servers_[e.target].revoke_capacity_back(static_cast<std::uint32_t>(e.payload));
      break;
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

void simulation::install_pack(std::uint32_t server, std::size_t pack) {
  if (!servers_[server].install_pack(pack, now_))
    queue_.push(servers_[server].packs()[pack].spec.installed, kind_of(event_kind::pack_install), server, pack);
}

void simulation::expire_license(std::uint32_t server, std::uint32_t lic, std::uint32_t stamp) {
  license_server& sv = servers_[server];
  if (const auto again = sv.expire_license(lic, stamp, now_))
    queue_.push(*again, kind_of(event_kind::license_expiry), server,
                static_cast<std::uint64_t>(lic) << 32 | sv.licenses()[lic].stamp);
}

void simulation::expire_temporaries(std::uint32_t server) {
  if (const auto next = servers_[server].expire_temporaries(now_))
    queue_.push(*next, kind_of(event_kind::temporary_expiry), server, 0);
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
