// `calsim sweep --shard I/N` and `calsim merge`: merged shards give the bytes
// of a single run; mismatched or incomplete shards are refused.
#include <gtest/gtest.h>

#include <fstream>

#include "../output/temp_dir.hpp"
#include "calsim/errors.hpp"
#include "sweep/shard_file.hpp"
#include "sweep/sweep_output.hpp"
#include "sweep/sweep_run.hpp"
#include "sweep_fixture.hpp"

namespace calsim::detail {
namespace {

using calsim::test::read_all;
using calsim::test::temp_dir;

constexpr std::uint64_t n = 10;

sweep_results run_range(replication_range range, std::uint64_t seed_override = 0) {
  scenario s = testing::load_text(testing::small_office_json(40));
  if (seed_override) s.seed = seed_override;
  return run_sweep(s, make_sweep_header(s, "feedfacefeedface", n), range.first, range.count, 2, false);
}

TEST(ShardRange, ContiguousDisjointCovering) {
  for (std::uint64_t shards : {1u, 2u, 3u, 7u, 10u}) {
    std::uint64_t next = 0;
    for (std::uint64_t i = 1; i <= shards; ++i) {
      const auto r = shard_range(n, i, shards);
      EXPECT_EQ(r.first, next);
      EXPECT_GE(r.count, 1u);
      next = r.first + r.count;
    }
    EXPECT_EQ(next, n);
  }
  EXPECT_THROW(shard_range(n, 0, 2), usage_error);
  EXPECT_THROW(shard_range(n, 3, 2), usage_error);
}

TEST(Shards, TwoShardsMergedEqualOneRun) {
  temp_dir dir;
  write_sweep_outputs(run_range({0, n}), dir.path / "single");
  const auto a = write_shard(run_range(shard_range(n, 1, 2)), 1, 2, dir.path / "shards");
  const auto b = write_shard(run_range(shard_range(n, 2, 2)), 2, 2, dir.path / "shards");
  // The file names its scenario and seed.
  EXPECT_EQ(a.filename(), "sweep-small-office-seed11-shard-1-of-2.json");
  // Order of the files on the command line does not matter.
  write_sweep_outputs(merge_shards({b, a}), dir.path / "merged");
  EXPECT_EQ(read_all(dir.path / "single" / "sweep.csv"), read_all(dir.path / "merged" / "sweep.csv"));
  EXPECT_EQ(read_all(dir.path / "single" / "report.html"), read_all(dir.path / "merged" / "report.html"));
}

TEST(Shards, ThreeUnevenShardsRoundTrip) {
  temp_dir dir;
  std::vector<std::filesystem::path> files;
  for (std::uint64_t i = 1; i <= 3; ++i) files.push_back(write_shard(run_range(shard_range(n, i, 3)), i, 3, dir.path));
  const sweep_results merged = merge_shards(files);
  const sweep_results single = run_range({0, n});
  ASSERT_EQ(merged.results.size(), n);
  for (std::uint64_t i = 0; i < n; ++i) {
    EXPECT_EQ(merged.results[i].issued, single.results[i].issued);
    EXPECT_EQ(merged.results[i].refused, single.results[i].refused);
  }
}

TEST(Shards, MissingDuplicateAndForeignShardsAreRefused) {
  temp_dir dir;
  const auto a = write_shard(run_range(shard_range(n, 1, 2)), 1, 2, dir.path / "x");
  const auto b = write_shard(run_range(shard_range(n, 2, 2)), 2, 2, dir.path / "x");
  const auto other_seed = write_shard(run_range(shard_range(n, 2, 2), 99), 2, 2, dir.path / "y");
  auto message = [](const std::vector<std::filesystem::path>& files) {
    try {
      merge_shards(files);
    } catch (const usage_error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(message({a}).find("missing shard 2 of 2"), std::string::npos) << message({a});
  EXPECT_NE(message({a, a, b}).find("shard 1 again"), std::string::npos) << message({a, a, b});
  const std::string seed = message({a, other_seed});
  EXPECT_NE(seed.find(other_seed.string() + ": from another sweep than " + a.string() + ": seed 99, expected 11"),
            std::string::npos)
      << seed;

  // Another scenario as loaded (hash) or a file that is no shard.
  sweep_results foreign = run_range(shard_range(n, 2, 2));
  foreign.header.scenario_hash = "0000000000000000";
  const auto f = write_shard(foreign, 2, 2, dir.path / "z");
  EXPECT_NE(message({a, f}).find("scenario hash"), std::string::npos) << message({a, f});
  const auto garbage = dir.path / "garbage.json";
  std::ofstream(garbage) << "{\"format\": \"something else\"}";
  EXPECT_NE(message({garbage}).find("not a calsim shard"), std::string::npos) << message({garbage});
  std::ofstream(dir.path / "cut.json") << read_all(a).substr(0, 200);
  EXPECT_NE(message({dir.path / "cut.json"}).find("cut.json: damaged or not a calsim shard"), std::string::npos)
      << message({dir.path / "cut.json"});
  EXPECT_NE(message({dir.path / "absent.json"}).find("absent.json: no such file"), std::string::npos);
}

}  // namespace
}  // namespace calsim::detail
