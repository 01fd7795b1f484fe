// The estate features of issue 14 that change when clients connect: holidays
// (SCENARIO.md, top level) and absences (schedule). Each test checks what the
// rule does to the pool, with the feature and without it.
#include <gtest/gtest.h>

#include "calsim/errors.hpp"
#include "model_fixture.hpp"

namespace calsim::testing {
namespace {

std::int64_t attempted_on(const recorded_run& r, const std::string& day) {
  std::int64_t n = 0;
  for (const auto& h : r.hosts)
    if (h.date == at(day)) n += h.attempted;
  return n;
}

// 2026-02-11 is a Wednesday: a workdays group does not connect on a holiday,
// a daily group still does, and the workdays group is back the day after.
TEST(Estate, HolidaysStopOnlyWorkdaySchedules) {
  json j = base_scenario();
  j["clients"][0]["schedule"]["days"] = "workdays";
  j["holidays"] = {"2026-02-11", "2026-02-11T10:00", "2026-12-25"};  // a date-time counts as its day
  EXPECT_EQ(attempted_on(run(j), "2026-02-11"), 0);
  EXPECT_EQ(attempted_on(run(j), "2026-02-12"), 1);
  j["clients"][0]["schedule"]["days"] = "daily";
  EXPECT_EQ(attempted_on(run(j), "2026-02-11"), 1);
  json none = base_scenario();
  none["clients"][0]["schedule"]["days"] = "workdays";
  EXPECT_EQ(attempted_on(run(none), "2026-02-11"), 1);
}

// R-DEV-4/R-DEV-6: a permanent CAL (52..89 days) is renewed in its last 7 days
// by a connection; an absence covering the whole window lets it expire and
// return to the pool. 100 days away cover every possible window.
TEST(Estate, R_DEV_6_AnAbsenceOverTheRenewalWindowReturnsTheCal) {
  json j = base_scenario();
  j["days"] = 300;
  const recorded_run present = run(j);
  EXPECT_EQ(present.result.permanents_returned, 0);
  EXPECT_GE(present.result.permanents_renewed, 1);

  j["clients"][0]["schedule"]["absences"] = json::array({{{"from", "2026-01-10"}, {"until", "2026-04-19"}}});
  const recorded_run away = run(j);
  EXPECT_EQ(away.result.permanents_returned, 1);
  EXPECT_EQ(away.result.permanents_issued, 2);  // a new CAL when back
  EXPECT_EQ(attempted_on(away, "2026-03-01"), 0);
  EXPECT_EQ(attempted_on(away, "2026-04-19"), 0);  // both days included
  EXPECT_EQ(attempted_on(away, "2026-04-20"), 1);
}

TEST(Estate, BadHolidaysAndAbsencesAreLocated) {
  json j = base_scenario();
  j["holidays"] = {"2026-13-01"};
  j["clients"][0]["schedule"]["absences"] =
      json::array({{{"from", "2026-03-10"}, {"until", "2026-03-01"}}, {{"per_year", 2}, {"days", {10, 3}}}});
  try {
    load(j);
    FAIL() << "accepted";
  } catch (const scenario_error& e) {
    const std::string all = e.what();
    EXPECT_NE(all.find("/holidays/0"), std::string::npos) << all;
    EXPECT_NE(all.find("/clients/0/schedule/absences/0/until: must not be before"), std::string::npos) << all;
    EXPECT_NE(all.find("/clients/0/schedule/absences/1/days/1: must not be less than MIN 10"), std::string::npos) << all;
  }
}

}  // namespace
}  // namespace calsim::testing

namespace calsim::testing {
namespace {

// `growth` { "to", "by" }: on day d the group has count + floor((to - count) * d / D)
// clients (SCENARIO.md); with daily connections and CALs to spare each holds a
// permanent CAL from its second day (R-DEV-1..3), so the pool's issued count
// follows the same line one day behind.
TEST(Estate, GrowthToACountByADateIsLinear) {
  json j = base_scenario();
  j["clients"][0]["count"] = 5;
  j["clients"][0]["growth"] = {{"to", 35}, {"by", "2026-04-05"}};  // D = 90 days
  j["days"] = 120;
  const recorded_run r = run(j);
  ASSERT_EQ(r.packs.size(), 120u);
  auto active = [](std::int64_t d) { return 5 + std::min<std::int64_t>(30, 30 * d / 90); };
  for (std::int64_t d = 1; d < 120; ++d)  // issued at the end of day d: the clients of day d - 1, upgraded on day d
    EXPECT_EQ(r.packs[static_cast<std::size_t>(d)].issued, active(d - 1)) << "day " << d;
  EXPECT_EQ(r.result.permanents_issued, 35);
  EXPECT_EQ(r.result.temporaries_issued, 35);
}

// `growth` { "per_month": N }: N x 12 / 365 clients a day, spread evenly; a
// pool of 50 is exhausted when the 51st client asks for a permanent CAL.
TEST(Estate, R_DEV_3_GrowthPerMonthExhaustsThePool) {
  json j = base_scenario();
  j["clients"][0]["count"] = 40;
  j["clients"][0]["growth"] = {{"per_month", 2}};
  j["days"] = 365;
  const recorded_run r = run(j);
  EXPECT_EQ(r.result.temporaries_issued, 40 + 23);  // 2 a month: the 24th joins on day 365, the day after the run
  ASSERT_TRUE(r.result.pool_exhausted.has_value());
  // The 51st client (index 50) joins on day ceil(11 x 365 / 24) = 168 and asks for a permanent the next day.
  EXPECT_EQ(day_floor(*r.result.pool_exhausted), at("2026-01-05") + (168 + 1) * seconds_per_day);
  j["clients"][0].erase("growth");
  EXPECT_FALSE(run(j).result.pool_exhausted.has_value());
}

}  // namespace
}  // namespace calsim::testing

namespace calsim::testing {
namespace {

double mean_issued(const recorded_run& r, std::size_t from_day, std::size_t to_day) {
  double sum = 0;
  for (std::size_t d = from_day; d < to_day; ++d) sum += static_cast<double>(r.packs[d].issued);
  return sum / static_cast<double>(to_day - from_day);
}

// `replacement_years` (R-CLI-4, R-DEV-6): N devices replaced every Y years on
// average keep N/(365 Y) x (mean remaining lease) extra CALs: each replaced
// device leaves its CAL issued to the old HardwareID until it expires. A daily
// client renews with 6..7 days left, so at a random time the remaining lease
// of an L-day lease (L uniform 52..89) is uniform on (6.5, L], length-biased:
// E[R] = E[L² − 6.5²] / (2 E[L − 6.5]) = 39.4 days. The new HardwareID holds
// only a temporary on its first day: one day less. 1000 devices, Y = 1:
// 2.74 x (39.4 − 1) = 105 extra CALs.
TEST(Estate, R_CLI_4_ReplacementsKeepExtraCalsAsLittlesLawSays) {
  json j = base_scenario();
  j["license_servers"][0]["key_packs"][0]["count"] = 5000;
  j["clients"][0]["count"] = 1000;
  j["clients"][0]["replacement_years"] = 1;
  j["days"] = 500;
  const recorded_run r = run(j);
  const double expected = 1000.0 / 365.0 * (39.44 - 1.0);
  const double extra = mean_issued(r, 250, 500) - 1000.0;
  EXPECT_NEAR(extra, expected, 0.12 * expected);
  j["clients"][0].erase("replacement_years");
  EXPECT_NEAR(mean_issued(run(j), 250, 500), 1000.0, 0.5);  // without it: one CAL each
}

// Random absences (schedule `absences` { "per_year": N, "days": [MIN, MAX] }):
// starts are Poisson at N/365 a day, so with a fixed length of 10 days a day is
// covered with probability 1 − exp(−10 N / 365): 10.4 % for N = 4.
TEST(Estate, RandomAbsencesCoverTheDaysAPoissonProcessSays) {
  json j = base_scenario();
  j["clients"][0]["count"] = 1000;
  j["license_servers"][0]["key_packs"][0]["count"] = 1000;
  j["clients"][0]["schedule"]["absences"] = json::array({{{"per_year", 4}, {"days", {10, 10}}}});
  j["days"] = 365;
  const recorded_run r = run(j);
  double attempted = 0;
  for (std::size_t d = 30; d < r.hosts.size(); ++d) attempted += static_cast<double>(r.hosts[d].attempted);
  const double per_day = attempted / static_cast<double>(r.hosts.size() - 30);
  EXPECT_NEAR(per_day / 1000.0, std::exp(-10.0 * 4.0 / 365.0), 0.01);
}

}  // namespace
}  // namespace calsim::testing
