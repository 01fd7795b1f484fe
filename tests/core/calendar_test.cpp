#include <gtest/gtest.h>

#include "core/calendar.hpp"

namespace calsim::detail {

TEST(Calendar, parses_dates_and_datetimes) {
  EXPECT_EQ(parse_iso("1970-01-01"), 0);
  EXPECT_EQ(parse_iso("1970-01-02T00:00"), seconds_per_day);
  EXPECT_EQ(parse_iso("2026-01-05T09:30:15"), *parse_iso("2026-01-05") + 9 * 3600 + 30 * 60 + 15);
  EXPECT_EQ(*parse_iso("2024-03-01") - *parse_iso("2024-02-28"), 2 * seconds_per_day);  // leap year
}

TEST(Calendar, rejects_malformed_and_impossible_dates) {
  for (const char* bad : {"", "2026-1-05", "2026-02-30", "2026-13-01", "2026-01-05Z", "2026-01-05T24:00",
                          "2026-01-05T09:00Z", "2026-01-05 09:00", "1969-12-31", "abcd-ef-gh"})
    EXPECT_FALSE(parse_iso(bad).has_value()) << bad;
}

TEST(Calendar, formats_round_trip) {
  const sim_time t = *parse_iso("2026-11-22T23:59:59");
  EXPECT_EQ(format_date(t), "2026-11-22");
  EXPECT_EQ(format_datetime(t), "2026-11-22T23:59:59");
  EXPECT_EQ(parse_iso(format_datetime(t)), t);
}

TEST(Calendar, weekday_monday_is_zero) {
  EXPECT_EQ(weekday(*parse_iso("2026-01-05")), 0);  // a Monday
  EXPECT_EQ(weekday(*parse_iso("2026-01-11T23:00")), 6);
  EXPECT_EQ(weekday(0), 3);  // 1970-01-01, a Thursday
}

TEST(Calendar, hh_mm) {
  EXPECT_EQ(parse_hh_mm("09:00"), 540);
  EXPECT_FALSE(parse_hh_mm("9:00").has_value());
  EXPECT_FALSE(parse_hh_mm("24:00").has_value());
  EXPECT_EQ(format_hh_mm(545), "09:05");
}

}  // namespace calsim::detail
