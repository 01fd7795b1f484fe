#include "core/calendar.hpp"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>
#include <cstdio>

namespace calsim::detail {
namespace {

namespace greg = boost::gregorian;
namespace pt = boost::posix_time;

const greg::date& epoch() {
  static const greg::date e(1970, 1, 1);
  return e;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

std::optional<sim_time> parse_iso(std::string_view s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (s.size() < 10 || !digits(s, 0, 4, y) || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d))
    return std::nullopt;
  if (s.size() != 10) {
    if (s.size() != 16 && s.size() != 19) return std::nullopt;
    if (s[10] != 'T' || !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi)) return std::nullopt;
    if (s.size() == 19 && (s[16] != ':' || !digits(s, 17, 2, sec))) return std::nullopt;
    if (h > 23 || mi > 59 || sec > 59) return std::nullopt;
  }
  if (y < 1970 || y > 9999) return std::nullopt;
  try {
    greg::date date(static_cast<unsigned short>(y), static_cast<unsigned short>(mo),
                    static_cast<unsigned short>(d));
    const sim_time day = (date - epoch()).days();
    return day * seconds_per_day + h * seconds_per_hour + mi * seconds_per_minute + sec;
  } catch (const std::exception&) {
    return std::nullopt;  // not a real calendar date
  }
}

std::optional<int> parse_hh_mm(std::string_view s) {
  int h = 0, m = 0;
  if (s.size() != 5 || !digits(s, 0, 2, h) || s[2] != ':' || !digits(s, 3, 2, m) || h > 23 || m > 59)
    return std::nullopt;
  return h * 60 + m;
}

std::string format_date(sim_time t) {
  const greg::date d = epoch() + greg::days(day_floor(t) / seconds_per_day);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", static_cast<int>(d.year()), static_cast<int>(d.month()),
                static_cast<int>(d.day()));
  return buf;
}

std::string format_datetime(sim_time t) {
  const sim_time sod = t - day_floor(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "T%02d:%02d:%02d", static_cast<int>(sod / 3600),
                static_cast<int>(sod / 60 % 60), static_cast<int>(sod % 60));
  return format_date(t) + buf;
}

std::string format_hh_mm(int minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

}  // namespace calsim::detail
