// Simulation time: whole seconds since 1970-01-01T00:00:00 UTC.
#pragma once
#include <cstdint>

namespace calsim {

using sim_time = std::int64_t;

inline constexpr sim_time seconds_per_minute = 60;
inline constexpr sim_time seconds_per_hour = 3600;
inline constexpr sim_time seconds_per_day = 86400;

constexpr sim_time days(std::int64_t n) { return n * seconds_per_day; }

// Midnight (00:00:00) of the day that contains t.
constexpr sim_time day_floor(sim_time t) {
  sim_time d = t / seconds_per_day;
  if (t % seconds_per_day < 0) --d;
  return d * seconds_per_day;
}

}  // namespace calsim
