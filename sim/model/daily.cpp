// The daily sample (timeline.csv, connections.csv), the event log, names,
// and the end-of-run invariant checks.
#include <algorithm>

#include "core/calendar.hpp"
#include "model/simulation.hpp"
#include "scenario/name_pattern.hpp"

namespace calsim::detail {

void simulation::sample_day(sim_time day) {
  for (auto& sv : servers_) {
    sv.check_all(now_);
    for (std::size_t pi = 0; pi < sv.packs().size(); ++pi) {
      pack_state& p = sv.pack(pi);
      if (p.issued > p.peak_issued) {
        p.peak_issued = p.issued;
        p.peak_date = day;
      }
      if (p.installed || p.removed) {
        pack_day row;
        row.date = day;
        row.server = sv.name();
        row.pack = p.spec.id;
        row.type = p.spec.type;
        row.version = p.spec.version;
        row.total = p.total;
        row.issued = p.issued;
        row.available = p.available;
        row.revoked = p.revoked;
        row.overused = p.overused;
        row.temporary_valid = sv.temporaries_valid();
        row.issued_today = p.issued_today;
        row.renewed_today = p.renewed_today;
        row.returned_today = p.returned_today;
        row.revoked_today = p.revoked_today;
        observer_.on_pack_day(row);
      }
      if (options_.keep_daily) result_.daily.issued[p.label].push_back(p.issued);
    }
    sv.end_day();
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
  if (options_.group_days) sample_groups(day);
  ++day_index_;
}

// groups.csv (issue 14): the active clients of each group from a cursor (a
// group's clients join in index order, growth included), retired ones from
// the short list of retirements; then one scan of the license databases with
// a dense client -> group array (issue 18: the scan of every client and a
// look into its state each day cost 12 % of a 10,000-client run).
void simulation::sample_groups(sim_time day) {
  const std::size_t groups = s_.clients.size();
  std::vector<group_day> rows(groups);
  const sim_time day_end = day + days(1);
  if (active_cursor_.size() != groups) active_cursor_.assign(groups, 0);
  for (std::size_t g = 0; g < groups; ++g) {
    const std::uint32_t first = group_first_[g];
    const auto count = static_cast<std::uint32_t>(s_.clients[g].count);
    std::uint32_t& n = active_cursor_[g];
    while (n < count && active_from(first + n) < day_end) ++n;
    rows[g].clients_active = n;
  }
  for (const std::uint32_t c : retired_)
    if (active_from(c) < day_end) --rows[client_group_[c]].clients_active;
  const bool one_group = groups == 1;
  for (const auto& sv : servers_)
    for (const auto& l : sv.licenses()) {
      if (l.client == no_id) continue;  // issued to an image's HardwareID: no client yet
      const bool permanent = (l.kind == license_kind::device || l.kind == license_kind::user) &&
                             l.status == license_status::active && l.pack >= 0;
      const bool temporary =
          l.kind == license_kind::temporary && l.status == license_status::temporary && l.expires > now_;
      if (!permanent && !temporary) continue;
      group_day& row = rows[one_group ? 0 : client_group_[l.client]];
      if (permanent) {
        ++row.permanent_held;
        if (l.superseded) ++row.superseded_held;
      } else {
        ++row.temporary_valid;
      }
    }
  group_connections_.resize(groups, 0);
  group_refused_.resize(groups, 0);
  for (std::size_t i = 0; i < groups; ++i) {
    rows[i].date = day;
    rows[i].group = s_.clients[i].group;
    rows[i].connections = group_connections_[i];
    rows[i].refused = group_refused_[i];
    observer_.on_group_day(rows[i]);
  }
  std::fill(group_connections_.begin(), group_connections_.end(), 0);
  std::fill(group_refused_.begin(), group_refused_.end(), 0);
}

void simulation::log(std::string_view node, std::uint32_t c, int event_id, rule_id rule, std::string message) {
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
  ev.source = event_provider(event_id);
  ev.rule = rule_name(rule);
  ev.message = std::move(message);
  observer_.on_event(ev);
}

std::string simulation::user_name(std::uint32_t u) const {
  return (u & own_user_bit) != 0 ? client_name(u & ~own_user_bit) : user_names_[u];
}

std::string simulation::client_name(std::uint32_t c) const {
  return format_name(group_of(c).name, static_cast<std::int64_t>(index_in_group(c)) + 1, "");
}

void simulation::final_checks() {
  for (const auto& sv : servers_) sv.check_held(now_);
}

}  // namespace calsim::detail
