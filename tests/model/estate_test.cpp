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
      json::array({{{"from", "2026-03-10"}, {"until", "2026-03-01"}}, {{"per_year", 2}, {"days", {3, 10}}}});
  try {
    load(j);
    FAIL() << "accepted";
  } catch (const scenario_error& e) {
    const std::string all = e.what();
    EXPECT_NE(all.find("/holidays/0"), std::string::npos) << all;
    EXPECT_NE(all.find("/clients/0/schedule/absences/0/until: must not be before"), std::string::npos) << all;
    EXPECT_NE(all.find("/clients/0/schedule/absences/1: absences drawn at random"), std::string::npos) << all;
  }
}

}  // namespace
}  // namespace calsim::testing
