// The inline part of when clients connect (schedule.cpp): what every planned
// day asks, and plan_next's usual case, a group with one `at` time (issue 18:
// connection.cpp plans a routine connection's next day without a call).
#pragma once
#include <algorithm>

#include "model/simulation.hpp"

namespace calsim::detail {

// Is `day` one of the group's days for client ci? (Inline: every planned day of every client asks.)
inline bool simulation::scheduled_on(const client_group_spec& g, std::uint32_t ci, sim_time day) const {
  const schedule_spec& sc = g.schedule;
  for (const auto& [from, until] : sc.absences)  // issue 14: away, no connection at all
    if (day >= from && day < until) return false;
  switch (sc.days) {
    case day_rule::daily: return true;
    case day_rule::workdays: return (day_info(day) & workday_bit) != 0;  // a holiday is no workday (`holidays`)
    case day_rule::weekends: return (day_info(day) & weekday_mask) >= 5;
    case day_rule::every: {
      const sim_time first = day_floor(active_from(ci));
      return ((day - first) / seconds_per_day) % sc.every_n == 0;
    }
    case day_rule::weekly: return sc.weekdays[day_info(day) & weekday_mask];
    case day_rule::dates: return std::binary_search(sc.dates.begin(), sc.dates.end(), day);
    case day_rule::poisson: return true;
  }
  return false;
}

// Moves c.next_day to the group's next scheduled day, when its table covers
// c.next_day: true if it did (that day is scheduled, or beyond the run).
// Inline: it runs for every planned day of every client.
inline bool simulation::skip_to_scheduled(client_state& c, const group_plan& p) const {
  if (p.table == group_plan::no_table || c.next_day < first_day_) return false;
  const next_scheduled_table& next = next_scheduled_[p.table];
  const auto i = static_cast<std::uint64_t>(c.next_day - first_day_) / seconds_per_day;
  if (i >= next.size()) return false;
  c.next_day = first_day_ + static_cast<sim_time>(next[i]) * seconds_per_day;
  return true;
}

// When client ci's next connections may come (now, or once it exists), in
// `earliest`; false when it plans none (retired, or past its group's end).
inline bool simulation::plans_from(std::uint32_t ci, const client_state& c, const group_plan& p,
                                   sim_time& earliest) const {
  const sim_time from = p.fixed_from ? p.from : std::max(active_from(ci), s_.start);
  earliest = std::max(now_, from);
  return !c.retired && earliest < p.until;
}

// The next day from c.next_day on which the group is scheduled and whose
// connections can still fall at or after `earliest` (c.next_day moves past
// it); false when there is none before the group's end.
inline bool simulation::next_planned_day(std::uint32_t ci, client_state& c, const group_plan& p, sim_time earliest,
                                         sim_time& day) {
  const client_group_spec& g = group_of(ci);
  while (c.next_day < p.until) {
    const bool known = skip_to_scheduled(c, p);  // scheduled: no need to ask scheduled_on
    if (c.next_day >= p.until) return false;
    day = c.next_day;
    c.next_day += seconds_per_day;
    if (day + seconds_per_day + g.schedule.jitter_minutes * seconds_per_minute <= earliest) continue;
    if (!known && !scheduled_on(g, ci, day)) continue;
    return true;
  }
  return false;
}

// plan_next for a group_plan::single_at group, from `earliest`: the draws of
// each planned day (the attendance Bernoulli, then the jitter) for its one
// time, with no list to fill and sort.
inline void simulation::plan_single_at(std::uint32_t ci, client_state& c, const group_plan& p, sim_time earliest) {
  const schedule_spec& sc = group_of(ci).schedule;
  const sim_time until = p.until;
  sim_time day = 0;
  while (next_planned_day(ci, c, p, earliest, day)) {
    const bool attends = c.stream.bernoulli(sc.attendance);
    sim_time t = day + p.at;
    if (sc.jitter_minutes > 0) t += c.stream.uniform_int(-sc.jitter_minutes, sc.jitter_minutes) * seconds_per_minute;
    if (!attends || t < earliest || t >= until) continue;
    c.remaining_today = 1;
    queue_.push(t, static_cast<std::uint32_t>(event_kind::connect), ci, 0);
    return;
  }
}

// plan_next, its usual case inline: a single_at group (plan_next's own first
// step, then plan_single_at).
[[gnu::always_inline]] inline void simulation::plan_next_inline(std::uint32_t ci) {
  client_state& c = clients_[ci];
  const group_plan& p = group_plans_[c.group];
  if (!p.single_at) return plan_next(ci);
  sim_time earliest = 0;
  if (plans_from(ci, c, p, earliest)) plan_single_at(ci, c, p, earliest);
}

}  // namespace calsim::detail
