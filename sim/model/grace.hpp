// The licensing grace period of a session host (R-GRACE-1..3).
#pragma once
#include <cstdint>

#include "calsim/scenario.hpp"
#include "core/calendar.hpp"
#include "model/state.hpp"

namespace calsim::detail {

inline sim_time grace_length(rules_profile rules) {
  return days(rules == rules_profile::ws2000 ? 90 : 120);  // R-GRACE-1
}

inline bool in_grace(const host_state& h, rules_profile rules, sim_time now) {
  if (h.grace_ended_early) return false;
  if (!h.grace_started) return true;  // it will start with this connection
  return now < h.grace_start + grace_length(rules);
}

inline std::int64_t grace_days_left(const host_state& h, rules_profile rules, sim_time now) {
  if (h.grace_ended_early) return 0;
  if (!h.grace_started) return grace_length(rules) / seconds_per_day;
  const sim_time left = h.grace_start + grace_length(rules) - now;
  if (left <= 0) return 0;
  return (left + seconds_per_day - 1) / seconds_per_day;
}

}  // namespace calsim::detail
