// When clients connect (SCENARIO.md, "schedule"). Each client has the
// connections of one day pending at a time: the last connection of a day
// plans the next scheduled day. Draws per planned day, in this order: the
// attendance Bernoulli, then one jitter per `at` time (poisson: one
// exponential gap per connection).
#include <algorithm>
#include <array>
#include <cmath>

#include "core/calendar.hpp"
#include "model/schedule_inline.hpp"

namespace calsim::detail {

// Random absences (issue 14): starts form a Poisson process of N a year per
// client (exponential gaps, whole days), each MIN..MAX days long; drawn from
// the client's stream only as the planning reaches them, so the draws follow
// the days in order and a group without them draws nothing.
bool simulation::away_at_random(std::uint32_t ci, const schedule_spec& sc, sim_time day) {
  client_state& c = clients_[ci];
  if (absences_.size() != clients_.size()) absences_.resize(clients_.size());  // the first absence of the run
  absence_state& a = absences_[ci];
  const double mean_gap_days = 365.0 / sc.absences_per_year;
  auto gap = [&] { return static_cast<sim_time>(std::ceil(c.stream.exponential(1.0 / mean_gap_days))) * seconds_per_day; };
  if (a.next_absence < 0) a.next_absence = day_floor(s_.start) + gap() - seconds_per_day;
  while (a.next_absence <= day) {
    const std::int64_t length = c.stream.uniform_int(sc.absence_min_days, sc.absence_max_days);
    a.absent_until = std::max(a.absent_until, a.next_absence + length * seconds_per_day);
    a.next_absence += gap();
  }
  return day < a.absent_until;
}

// Each day of the run: its weekday and whether it is a workday (issue 18:
// weekday() and the holiday search cost 7 % of a 10,000-client run when
// computed for every client and day).
void simulation::make_day_table() {
  first_day_ = day_floor(s_.start);
  for (sim_time d = first_day_; d <= s_.end; d += seconds_per_day) day_table_.push_back(compute_day_info(d));
}

std::uint8_t simulation::compute_day_info(sim_time day) const {
  const auto wd = static_cast<std::uint8_t>(weekday(day));
  const bool holiday = std::binary_search(s_.holidays.begin(), s_.holidays.end(), day);
  return static_cast<std::uint8_t>(wd | (wd < 5 && !holiday ? workday_bit : 0));
}

void simulation::make_group_plans() {
  group_plans_.resize(s_.clients.size());
  for (std::size_t gi = 0; gi < s_.clients.size(); ++gi) {
    const client_group_spec& g = s_.clients[gi];
    group_plan& p = group_plans_[gi];
    // joined_day() grows with the index: if the last client joins on day 0, all do.
    p.fixed_from = g.count <= 0 || g.joined_day(g.count - 1) == 0;
    p.from = std::max(g.active_from.value_or(s_.start), s_.start);
    p.until = std::min(g.active_until.value_or(s_.end), s_.end);
    p.table = next_scheduled_for(g);
    const schedule_spec& sc = g.schedule;
    p.single_at = sc.at_minutes.size() == 1 && sc.absences_per_year <= 0 && sc.days != day_rule::poisson;
    p.at = p.single_at ? sc.at_minutes[0] * seconds_per_minute : 0;
    p.store_changes = (g.kind != client_kind::persistent && g.kind != client_kind::cloned) ||
                      g.replacement_years > 0 || g.store_corruption_per_year > 0;
  }
}

// The table of the group's day rule, made once for the groups that share it;
// no_table for a rule that depends on the client (`every`) or none (`poisson`),
// and beyond 8 M entries in all (16 MiB: thousands of groups, each with its
// own `dates`, over a century would otherwise hold gigabytes), where
// plan_next asks scheduled_on day by day as before.
std::uint32_t simulation::next_scheduled_for(const client_group_spec& g) {
  constexpr std::size_t most_entries = std::size_t{1} << 23;
  const schedule_spec& sc = g.schedule;
  if (sc.days == day_rule::every || sc.days == day_rule::poisson || day_table_.size() >= 0xffff)
    return group_plan::no_table;
  for (std::size_t t = 0; t < table_schedules_.size(); ++t) {
    const schedule_spec& o = *table_schedules_[t];
    if (o.days == sc.days && o.weekdays == sc.weekdays && o.dates == sc.dates && o.absences == sc.absences)
      return static_cast<std::uint32_t>(t);
  }
  const std::size_t n = day_table_.size();
  if ((next_scheduled_.size() + 1) * n > most_entries) return group_plan::no_table;
  next_scheduled_table next(n);
  auto after = static_cast<std::uint16_t>(n);
  for (std::size_t i = n; i-- > 0;) {
    if (scheduled_on(g, 0, first_day_ + static_cast<sim_time>(i) * seconds_per_day)) after = static_cast<std::uint16_t>(i);
    next[i] = after;
  }
  next_scheduled_.push_back(std::move(next));
  table_schedules_.push_back(&sc);
  return static_cast<std::uint32_t>(next_scheduled_.size() - 1);
}

// One function on purpose: with its Poisson and general paths as functions of
// their own (2 % fewer instructions), BM_ModelYear/10000 measured 7 % slower
// (114 against 106 ms, best of 30 alternating runs each).
void simulation::plan_next(std::uint32_t ci) {
  client_state& c = clients_[ci];
  const client_group_spec& g = group_of(ci);
  const group_plan& p = group_plans_[c.group];
  const schedule_spec& sc = g.schedule;
  const sim_time until = p.until;
  sim_time earliest = 0;
  if (!plans_from(ci, c, p, earliest)) return;

  if (sc.days == day_rule::poisson) {
    // A Poisson process of connections: exponential gaps (rate per second).
    const double gap = c.stream.exponential(sc.poisson_per_day / static_cast<double>(seconds_per_day));
    const sim_time t = earliest + static_cast<sim_time>(std::ceil(gap));
    if (t < until) {
      c.remaining_today = 1;
      queue_.push(t, static_cast<std::uint32_t>(event_kind::connect), ci, 0);
    }
    return;
  }

  if (p.single_at) return plan_single_at(ci, c, p, earliest);
  std::array<sim_time, 32> times;  // [0, n) is set before use
  sim_time day = 0;
  while (next_planned_day(ci, c, p, earliest, day)) {
    if (sc.absences_per_year > 0 && away_at_random(ci, sc, day)) continue;
    const bool attends = c.stream.bernoulli(sc.attendance);
    std::size_t n = 0;
    for (const int at : sc.at_minutes) {
      sim_time t = day + at * seconds_per_minute;
      if (sc.jitter_minutes > 0) {
        const std::int64_t j = c.stream.uniform_int(-sc.jitter_minutes, sc.jitter_minutes);
        t += j * seconds_per_minute;
      }
      if (attends && t >= earliest && t < until && n < times.size()) times[n++] = t;
    }
    if (n == 0) continue;
    if (n > 1) std::sort(times.begin(), times.begin() + static_cast<std::ptrdiff_t>(n));
    c.remaining_today = static_cast<std::uint8_t>(n);
    for (std::size_t k = 0; k < n; ++k) queue_.push(times[k], static_cast<std::uint32_t>(event_kind::connect), ci, 0);
    return;
  }
}

}  // namespace calsim::detail
