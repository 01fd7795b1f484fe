// What the simulator relies on in every scenario the loader returns (shared by
// the fuzz-style test and the libFuzzer target). No GoogleTest here.
#pragma once
#include <string>

#include "calsim/diagnostic.hpp"
#include "calsim/scenario.hpp"
#include "core/calendar.hpp"
#include "core/utf.hpp"
#include "scenario/check.hpp"
#include "scenario/validate.hpp"

namespace calsim::test {

// "" when `s` keeps every promise, else the first one it breaks.
inline std::string broken_invariant(const scenario& s) {
  const std::size_t servers = s.license_servers.size(), hosts = s.session_hosts.size();
  const std::size_t groups = s.clients.size();
  if (s.format != 1) return "format";
  if (!(s.start < s.end)) return "start < end";
  if (s.end - s.start > days(36500)) return "run longer than 36500 days";
  if (s.end > *detail::parse_iso(detail::last_run_end)) return "run ends past the calendar limit";
  if (s.initial_groups > groups) return "initial_groups";
  if (groups > detail::max_client_groups) return "too many groups";
  std::int64_t total = 0;
  for (const auto& g : s.clients) {
    if (g.count < 1 || g.count > 10'000'000) return "group count " + std::to_string(g.count);
    total += g.count;
    if (g.name.parts.empty()) return "group without a name pattern";
    if (g.user.parts.empty()) return "group without a user pattern";
    if (g.hosts.empty()) return "group without hosts";
    for (std::size_t h : g.hosts)
      if (h >= hosts) return "group host index";
    if (g.kind == client_kind::cloned && !g.image) return "cloned group without image";
    if (g.image && *g.image >= s.images.size()) return "group image index";
    if (g.schedule.at_minutes.empty() || g.schedule.at_minutes.size() > detail::max_connections_per_day)
      return "schedule with " + std::to_string(g.schedule.at_minutes.size()) + " times";
    for (int m : g.schedule.at_minutes)
      if (m < 0 || m >= 24 * 60) return "schedule time";
    if (g.schedule.days == day_rule::every && g.schedule.every_n < 1) return "every 0 days";
    if (g.active_from && g.active_until && *g.active_from >= *g.active_until) return "active from >= until";
  }
  if (total > detail::max_total_clients) return "too many clients";
  for (const auto& sv : s.license_servers)
    for (const auto& k : sv.key_packs)
      if (k.count < 0) return "negative pack count";
  for (const auto& h : s.session_hosts)
    for (const auto& name : h.license_servers) {
      bool found = false;
      for (const auto& sv : s.license_servers) found = found || sv.name == name;
      if (!found) return "host names an unknown license server";
    }
  for (const auto& im : s.images)
    if (im.license) {
      bool found = false;
      for (const auto& sv : s.license_servers) found = found || sv.name == im.license->server;
      if (!found) return "image license names an unknown server";
    }
  for (const auto& [a, b] : s.network.links)
    if (a == b) return "link to itself";
  sim_time previous = s.start;
  for (const auto& a : s.actions) {
    if (a.at < s.start || a.at > s.end) return "action outside the run";
    if (a.at < previous) return "actions out of order";
    previous = a.at;
    if (a.host >= std::max<std::size_t>(hosts, 1) || a.server >= std::max<std::size_t>(servers, 1))
      return "action node index";
    for (const auto& t : a.clients) {
      if (t.group >= groups) return "action client group index";
      if (t.index >= s.clients[t.group].count) return "action client index";
    }
    if (a.verb == action_verb::add_clients && (a.group < s.initial_groups || a.group >= groups))
      return "add_clients group index";
    if (a.verb == action_verb::add_key_pack && !a.pack) return "add_key_pack without a pack";
    if (a.servers)
      for (std::size_t k : *a.servers)
        if (k >= servers) return "action server index";
  }
  for (const auto& e : s.expect) {
    const sim_time from = e.at_instant ? e.at : e.from, to = e.at_instant ? e.at : e.to;
    if (from < s.start || to > s.end || from > to) return "expectation outside the run";
    if (e.ref.what == metric_ref::kind::client_license &&
        (e.ref.client.group >= groups || e.ref.client.index < 0 || e.ref.client.index >= s.clients[e.ref.client.group].count))
      return "expectation client index";
  }
  // Every date of the run, and of leases and grace periods reaching past it, can be written.
  (void)detail::format_datetime(s.end + days(120));
  return "";
}

// "" when every problem is well formed (located, readable, not a bug), else what is wrong.
inline std::string broken_problems(const diagnostics& ds) {
  if (ds.empty()) return "refused without a problem";
  for (const auto& d : ds) {
    if (d.message.empty()) return "empty message";
    if (d.message.rfind("internal error", 0) == 0) return "internal error: " + d.message;
    if (!detail::valid_utf8(d.message) || !detail::valid_utf8(d.pointer)) return "not UTF-8: " + d.message;
    if (d.line < 0 || d.column < 0 || (d.column > 0 && d.line == 0)) return "bad position";
  }
  return "";
}

}  // namespace calsim::test
