// groups.csv (issue 14, "who holds the CALs"): every catalog scenario's
// group rows add up, day by day, to the packs' and hosts' own figures.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "calsim/load.hpp"
#include "calsim/run.hpp"
#include "core/calendar.hpp"

namespace calsim {
namespace {

struct day_sums {
  std::int64_t held_by_groups = 0, issued_by_packs = 0;
  std::int64_t refused_by_groups = 0, refused_by_hosts = 0;
  std::int64_t connections_by_groups = 0, attempted_by_hosts = 0;
  std::int64_t superseded = 0;
};

struct collector : run_observer {
  std::map<sim_time, day_sums> days;
  std::map<std::string, std::int64_t, std::less<>> max_active;
  void on_group_day(const group_day& d) override {
    auto& s = days[d.date];
    s.held_by_groups += d.permanent_held;
    s.refused_by_groups += d.refused;
    s.connections_by_groups += d.connections;
    s.superseded += d.superseded_held;
    auto& m = max_active[std::string(d.group)];
    m = std::max(m, d.clients_active);
    EXPECT_LE(d.superseded_held, d.permanent_held);
  }
  void on_pack_day(const pack_day& d) override { days[d.date].issued_by_packs += d.issued; }
  void on_host_day(const host_day& d) override {
    days[d.date].refused_by_hosts += d.refused;
    days[d.date].attempted_by_hosts += d.attempted;
  }
};

TEST(GroupDays, AddUpToThePacksAndHostsInEveryCatalogScenario) {
  int scenarios = 0;
  for (const auto& e : std::filesystem::directory_iterator(CALSIM_SOURCE_DIR "/scenarios")) {
    if (e.path().extension() != ".json") continue;
    const scenario s = load_scenario_file(e.path().string());
    bool images_with_cals = false;  // CALs issued to an image's HardwareID belong to no group
    for (const auto& im : s.images) images_with_cals = images_with_cals || im.license.has_value();
    collector c;
    run_options o;
    o.keep_daily = false;
    run_scenario(s, o, c);
    ASSERT_FALSE(c.days.empty()) << s.name;
    for (const auto& [day, sums] : c.days) {
      if (!images_with_cals) {
        EXPECT_EQ(sums.held_by_groups, sums.issued_by_packs) << s.name << " day " << day;
      }
      EXPECT_LE(sums.held_by_groups, sums.issued_by_packs) << s.name << " day " << day;
      EXPECT_EQ(sums.refused_by_groups, sums.refused_by_hosts) << s.name << " day " << day;
      EXPECT_EQ(sums.connections_by_groups, sums.attempted_by_hosts) << s.name << " day " << day;
    }
    for (const auto& g : s.clients) EXPECT_LE(c.max_active[g.group], g.count) << s.name << " " << g.group;
    ++scenarios;
  }
  EXPECT_GE(scenarios, 20);
}

// Issue 15: the grace-expiry story said "peak issued LS1/DEV19 on 1970-01-01"
// (a pack never issued kept the unset time). A peak date is within the run, and
// a pack never issued has none.
TEST(PeakDates, WithinTheRunAndNoneForAPackNeverIssued) {
  int never_issued = 0;
  for (const auto& e : std::filesystem::directory_iterator(CALSIM_SOURCE_DIR "/scenarios")) {
    if (e.path().extension() != ".json") continue;
    const scenario s = load_scenario_file(e.path().string());
    run_options o;
    o.keep_daily = false;
    run_observer quiet;
    const run_result r = run_scenario(s, o, quiet);
    for (const auto& [label, peak] : r.peak_issued) {
      const auto d = r.peak_issued_date.find(label);
      if (peak == 0) {
        EXPECT_EQ(d, r.peak_issued_date.end()) << s.name << " " << label;
        ++never_issued;
        continue;
      }
      ASSERT_NE(d, r.peak_issued_date.end()) << s.name << " " << label;
      EXPECT_GE(d->second, day_floor(s.start)) << s.name << " " << label;
      EXPECT_LT(d->second, s.end) << s.name << " " << label;
    }
  }
  EXPECT_GE(never_issued, 1);  // grace-expiry-mode-not-configured: LS1/DEV19 is never used
}

}  // namespace
}  // namespace calsim
