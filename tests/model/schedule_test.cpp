// When clients connect (SCENARIO.md, "schedule"): each day rule, holidays,
// fixed absences and growth, checked day by day against the calendar worked
// out here. Issue 18: plan_next jumps to a group's next scheduled day with a
// table made once per rule (groups with the same rule share it), so groups
// with different rules in one run check that no table is shared wrongly.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/rng.hpp"
#include "model_fixture.hpp"

namespace calsim::testing {
namespace {

constexpr int run_days = 70;

// The day numbers (0: the start, 2026-01-05, a Monday) on which each client connected.
std::map<std::string, std::set<int>> days_by_client(const recorded_run& r) {
  std::map<std::string, std::set<int>> days;
  for (std::size_t i = 0; i < r.connections.size(); ++i)
    days[r.connection_clients[i]].insert(static_cast<int>((r.connections[i].time - at("2026-01-05")) / 86400));
  return days;
}

json group(const std::string& name, const json& days) {
  json g = base_scenario()["clients"][0];
  g["group"] = name;
  g["name"] = name + "-{n}";
  g["schedule"]["days"] = days;
  return g;
}

std::set<int> expected(auto scheduled) {
  std::set<int> days;
  for (int d = 0; d < run_days; ++d)
    if (scheduled(d)) days.insert(d);
  return days;
}

TEST(Schedule, EachDayRuleConnectsOnItsOwnDays) {
  json j = base_scenario();
  j["days"] = run_days;
  j["holidays"] = {"2026-01-07"};  // day 2, a Wednesday
  j["clients"] = json::array({group("daily", "daily"), group("work", "workdays"), group("weekend", "weekends"),
                              group("tue-thu", {{"weekly", {"Tue", "Thu"}}}), group("mon", {{"weekly", {"Mon"}}}),
                              group("dates", {{"dates", {"2026-01-06", "2026-02-20"}}}),
                              group("every3", {{"every", 3}}), group("away", "daily")});
  j["clients"][7]["schedule"]["absences"] = json::array({{{"from", "2026-01-10"}, {"until", "2026-01-20"}}});
  const auto days = days_by_client(run(j, true));  // with the trace: a record per connection
  const auto weekday = [](int d) { return d % 7; };  // 0 Monday
  EXPECT_EQ(days.at("daily-1"), expected([](int) { return true; }));
  EXPECT_EQ(days.at("work-1"), expected([&](int d) { return weekday(d) < 5 && d != 2; }));
  EXPECT_EQ(days.at("weekend-1"), expected([&](int d) { return weekday(d) >= 5; }));
  EXPECT_EQ(days.at("tue-thu-1"), expected([&](int d) { return weekday(d) == 1 || weekday(d) == 3; }));
  EXPECT_EQ(days.at("mon-1"), expected([&](int d) { return weekday(d) == 0; }));
  EXPECT_EQ(days.at("dates-1"), (std::set<int>{1, 46}));
  EXPECT_EQ(days.at("every3-1"), expected([](int d) { return d % 3 == 0; }));
  EXPECT_EQ(days.at("away-1"), expected([](int d) { return d < 5 || d > 15; }));
}

// Tables are made up to 8 M entries in all (issue 18): over 36,500 days that is
// 229 rules. 240 groups with their own dates: the last ones are planned day by
// day as before, and every group connects on its own dates.
TEST(Schedule, GroupsBeyondTheTablesBudgetStillConnectOnTheirDays) {
  json j = base_scenario();
  j["days"] = 36500;
  j["clients"] = json::array();
  const int groups = 240;
  for (int i = 0; i < groups; ++i) {
    const std::string first = detail::format_date(at("2026-01-05") + sim_time{i} * 86400);
    const std::string last = detail::format_date(at("2026-01-05") + sim_time{30000 + i} * 86400);
    j["clients"].push_back(group("g" + std::to_string(i), {{"dates", {first, last}}}));
  }
  j["license_servers"][0]["key_packs"][0]["count"] = groups;
  const auto days = days_by_client(run(j, true));
  ASSERT_EQ(days.size(), static_cast<std::size_t>(groups));
  for (int i = 0; i < groups; ++i)
    EXPECT_EQ(days.at("g" + std::to_string(i) + "-1"), (std::set<int>{i, 30000 + i})) << i;
}

// Growth: clients join one by one; none connects before the day it joins.
TEST(Schedule, GrownClientsConnectFromTheDayTheyJoin) {
  json j = base_scenario();
  j["days"] = run_days;
  j["clients"][0]["growth"] = {{"to", 4}, {"by", "2026-02-04"}};  // 3 more over 30 days: days 10, 20, 30
  const auto days = days_by_client(run(j, true));  // with the trace: a record per connection
  ASSERT_EQ(days.size(), 4U);
  EXPECT_EQ(*days.at("PC-001").begin(), 0);
  EXPECT_EQ(*days.at("PC-002").begin(), 10);
  EXPECT_EQ(*days.at("PC-003").begin(), 20);
  EXPECT_EQ(*days.at("PC-004").begin(), 30);
  for (const auto& [client, d] : days) EXPECT_EQ(*d.rbegin(), run_days - 1) << client;
}

// The draws of a planned day (SCENARIO.md, "schedule"): the attendance
// Bernoulli, then one jitter per `at` time, from the client's own stream.
// Issue 18: a group with one `at` time takes a short path in plan_next;
// both paths are checked against the draws replayed here. The hosts'
// licensing mode is not configured, so nothing else draws from the stream.
TEST(Schedule, OneOrSeveralTimesDrawAttendanceThenOneJitterEach) {
  json j = base_scenario();
  j["days"] = 28;
  j["session_hosts"][0]["licensing_mode"] = 5;
  json one = group("one", "workdays");
  one["count"] = 3;
  one["schedule"]["at"] = {"09:00"};
  one["schedule"]["jitter_minutes"] = 30;
  one["schedule"]["attendance"] = 0.7;
  json two = one;
  two["group"] = "two";
  two["name"] = "two-{n}";
  two["schedule"]["at"] = {"14:00", "09:00"};  // as given: the jitters are drawn in this order
  j["clients"] = json::array({one, two});
  const recorded_run r = run(j, true);
  std::map<std::string, std::vector<sim_time>> got;
  for (std::size_t i = 0; i < r.connections.size(); ++i) got[r.connection_clients[i]].push_back(r.connections[i].time);
  std::size_t absent_days = 0;
  const sim_time start = at("2026-01-05");
  for (const auto& [name, minutes] : std::vector<std::pair<std::string, std::vector<int>>>{
           {"one-1", {540}}, {"one-2", {540}}, {"one-3", {540}}, {"two-1", {840, 540}}, {"two-2", {840, 540}}, {"two-3", {840, 540}}}) {
    detail::rng stream(detail::stream_seed(7, 0, "client:" + name));
    std::vector<sim_time> want;
    for (int d = 0; d < 28; ++d) {
      if (d % 7 >= 5) continue;  // workdays
      const bool attends = stream.bernoulli(0.7);
      std::vector<sim_time> times;
      for (const int minute : minutes) {
        const std::int64_t jitter = stream.uniform_int(-30, 30);
        times.push_back(start + sim_time{d} * 86400 + (minute + jitter) * 60);
      }
      if (!attends) {
        ++absent_days;
        continue;
      }
      std::sort(times.begin(), times.end());
      want.insert(want.end(), times.begin(), times.end());
    }
    EXPECT_EQ(got[name], want) << name;
  }
  EXPECT_GT(absent_days, 0U);  // the Bernoulli did keep some away
}

}  // namespace
}  // namespace calsim::testing
