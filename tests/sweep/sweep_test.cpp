// `calsim sweep` results: independent of the thread count, of replication
// order, and shaped as OUTPUTS.md says.
#include <gtest/gtest.h>

#include <algorithm>

#include "../output/temp_dir.hpp"
#include "calsim/run.hpp"
#include "sweep/shard_file.hpp"
#include "sweep/sweep_output.hpp"
#include "sweep/sweep_report.hpp"
#include "sweep/sweep_run.hpp"
#include "sweep/sweep_stats.hpp"
#include "sweep_fixture.hpp"

namespace calsim::detail {
namespace {

using calsim::test::lines_of;
using calsim::test::read_all;
using calsim::test::temp_dir;

sweep_results run_small(unsigned threads, std::uint64_t first = 0, std::uint64_t count = 12) {
  const scenario s = testing::load_text(testing::small_office_json());
  return run_sweep(s, make_sweep_header(s, "0123456789abcdef", 12), first, count, threads, false);
}

TEST(Sweep, OneAndTwoThreadsGiveTheSameBytes) {
  temp_dir dir;
  write_sweep_outputs(run_small(1), dir.path / "t1");
  write_sweep_outputs(run_small(2), dir.path / "t2");
  const std::string csv = read_all(dir.path / "t1" / "sweep.csv");
  EXPECT_EQ(csv, read_all(dir.path / "t2" / "sweep.csv"));
  EXPECT_EQ(read_all(dir.path / "t1" / "report.html"), read_all(dir.path / "t2" / "report.html"));
  EXPECT_FALSE(csv.empty());
}

TEST(Sweep, ReplicationsDifferAndMatchSingleRuns) {
  const sweep_results r = run_small(2);
  ASSERT_EQ(r.results.size(), 12u);
  EXPECT_EQ(r.header.days, 60u);
  EXPECT_EQ(r.header.pack_labels, (std::vector<std::string>{"LS1/DEV19", "LS1/DEV16"}));
  bool differ = false;
  for (const auto& x : r.results) differ = differ || x.issued != r.results[0].issued;
  EXPECT_TRUE(differ) << "attendance 0.7 should make replications differ";
  // Replication 3 of the sweep is replication 3 run alone.
  const scenario s = testing::load_text(testing::small_office_json());
  run_options o;
  o.replication = 3;
  o.snapshots = false;
  run_observer ignore;
  const run_result alone = run_scenario(s, o, ignore);
  EXPECT_EQ(alone.daily.issued, r.results[3].issued);
  EXPECT_EQ(alone.daily.refused, r.results[3].refused);
}

TEST(Sweep, CsvShape) {
  const sweep_results r = run_small(2);
  const auto lines = lines_of(sweep_csv(r.header, compute_sweep_stats(r)));
  ASSERT_EQ(lines.size(), 1u + 60u * 2u);  // header + one row per day and pack
  EXPECT_EQ(lines[0], "date,server,pack,issued_p50,issued_p90,issued_p99,issued_max,refused_mean,refused_p99");
  EXPECT_EQ(lines[1].substr(0, 21), "2026-01-05,LS1,DEV19,");
  EXPECT_EQ(lines[2].substr(0, 21), "2026-01-05,LS1,DEV16,");
  EXPECT_EQ(lines.back().substr(0, 21), "2026-03-05,LS1,DEV16,");
  // Percentiles ordered on every row: p50 ≤ p90 ≤ p99 ≤ max.
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> f;
    std::string cell;
    for (char c : lines[i] + ",") {
      if (c == ',') {
        f.push_back(cell);
        cell.clear();
      } else {
        cell.push_back(c);
      }
    }
    ASSERT_EQ(f.size(), 9u) << lines[i];
    EXPECT_LE(std::stoll(f[3]), std::stoll(f[4]));
    EXPECT_LE(std::stoll(f[4]), std::stoll(f[5]));
    EXPECT_LE(std::stoll(f[5]), std::stoll(f[6]));
    EXPECT_EQ(f[7].size() - f[7].find('.'), 4u) << "three decimals: " << f[7];
  }
}

TEST(Sweep, StatisticsIgnoreReplicationOrder) {
  sweep_results r = run_small(1);
  const std::string a = sweep_csv(r.header, compute_sweep_stats(r));
  std::reverse(r.results.begin(), r.results.end());
  EXPECT_EQ(a, sweep_csv(r.header, compute_sweep_stats(r)));
}

TEST(Sweep, KnownPercentilesOnSyntheticResults) {
  sweep_results r;
  r.header.start = 0;
  r.header.days = 1;
  r.header.replications = 4;
  r.header.pack_labels = {"LS1/P"};
  for (std::int64_t v : {4, 1, 3, 2}) r.results.push_back({{{v}}, {v * 10}});
  const auto lines = lines_of(sweep_csv(r.header, compute_sweep_stats(r)));
  ASSERT_EQ(lines.size(), 2u);
  // sorted 1 2 3 4: p50 rank 2, p90 rank 4, p99 rank 4; refused mean 25, p99 40.
  EXPECT_EQ(lines[1], "1970-01-01,LS1,P,2,4,4,4,25.000,40");
}

TEST(Sweep, NoPackStillGivesRefusals) {
  sweep_results r;
  r.header.days = 2;
  r.header.replications = 2;
  r.results.push_back({{}, {1, 0}});
  r.results.push_back({{}, {2, 0}});
  const auto lines = lines_of(sweep_csv(r.header, compute_sweep_stats(r)));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1], "1970-01-01,,,,,,,1.500,2");
  EXPECT_EQ(lines[2], "1970-01-02,,,,,,,0.000,0");
}

TEST(Sweep, ReportIsSelfContainedWithBands) {
  const sweep_results r = run_small(2);
  const std::string html = sweep_report_html(r.header, compute_sweep_stats(r));
  EXPECT_NE(html.find("<!DOCTYPE html>"), std::string::npos);
  EXPECT_NE(html.find("band-issued-p50-p99"), std::string::npos);
  EXPECT_NE(html.find("series-issued-max"), std::string::npos);
  EXPECT_NE(html.find("series-refused-mean"), std::string::npos);
  EXPECT_NE(html.find("Six PCs &amp; one pack &lt;test&gt;"), std::string::npos);  // escaped description
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));  // no external reference
  EXPECT_NE(html.find("data-points=\"60\""), std::string::npos);
}

}  // namespace
}  // namespace calsim::detail

namespace calsim::detail {
namespace {

// Issue 19: the memory a sweep keeps is estimated before it runs, within a
// factor of two of what it really keeps, and grows linearly with N.
TEST(SweepMemory, EstimateMatchesWhatIsKept) {
  const scenario s = testing::load_text(testing::small_office_json());
  const sweep_results r = run_sweep(s, make_sweep_header(s, "0123456789abcdef", 4), 0, 4, 1, false);
  std::uint64_t kept = 0;
  for (const auto& x : r.results) {
    kept += x.refused.size() * 8;
    for (const auto& p : x.issued) kept += p.size() * 8;
  }
  const std::uint64_t estimate = sweep_memory_estimate(s, 4);
  EXPECT_GE(estimate, kept);
  EXPECT_LE(estimate, 2 * kept);
  EXPECT_EQ(sweep_memory_estimate(s, 4000), 1000 * estimate);
  EXPECT_NO_THROW(check_sweep_memory(s, 4));
  EXPECT_GT(available_memory_bytes(), 0u);
}

}  // namespace
}  // namespace calsim::detail
