// Calendar arithmetic on sim_time (UTC), built on Boost.Date_Time.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "calsim/time.hpp"

namespace calsim::detail {

// "YYYY-MM-DD" (midnight) or "YYYY-MM-DDTHH:MM[:SS]"; nullopt when malformed
// or not a real date (e.g. 2026-02-30). No zone suffix is accepted.
std::optional<sim_time> parse_iso(std::string_view text);

// "HH:MM" → minutes after midnight; nullopt when malformed.
std::optional<int> parse_hh_mm(std::string_view text);

std::string format_date(sim_time t);      // "2026-01-05"
std::string format_datetime(sim_time t);  // "2026-01-05T09:00:00"
std::string format_hh_mm(int minutes);    // "09:00"

// 0 = Monday … 6 = Sunday.
inline int weekday(sim_time t) {
  // 1970-01-01 was a Thursday (index 3 with Monday = 0).
  const std::int64_t d = day_floor(t) / seconds_per_day;
  return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

}  // namespace calsim::detail
