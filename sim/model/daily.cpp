// The daily sample (timeline.csv, connections.csv), the event log, names,
// and the end-of-run invariant checks.
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
  ++day_index_;
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
  return format_name(group_of(c).name, static_cast<std::int64_t>(clients_[c].index) + 1, "");
}

void simulation::final_checks() {
  for (const auto& sv : servers_) sv.check_held(now_);
}

}  // namespace calsim::detail
