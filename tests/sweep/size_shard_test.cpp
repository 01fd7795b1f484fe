// `calsim size --shard I/N` and its merge (sweep/size_shard.hpp): each
// replication's threshold is right, shards merged decide exactly as one
// search, and shards of another target are refused.
#include <gtest/gtest.h>

#include "../output/temp_dir.hpp"
#include "calsim/errors.hpp"
#include "calsim/run.hpp"
#include "calsim/version.hpp"
#include "sweep/size_output.hpp"
#include "sweep/size_shard.hpp"
#include "sweep/sizing.hpp"
#include "sweep/sweep_run.hpp"
#include "sweep_fixture.hpp"

namespace calsim::detail {
namespace {

using calsim::test::temp_dir;

constexpr std::uint64_t n = 12;

size_request request(std::int64_t max_refused = 0) {
  size_request r;
  r.pack = "LS1/DEV19";
  r.probability = 0.8;
  r.confidence = 0.8;
  r.max_refused = max_refused;
  r.replications = n;
  r.threads = 2;
  return r;
}

std::int64_t refused_at(const scenario& base, std::int64_t count, std::uint64_t replication) {
  scenario s = base;
  set_pack_count(s, "LS1/DEV19", count);
  run_options o;
  o.replication = replication;
  o.keep_daily = false;
  o.snapshots = false;
  run_observer ignore;
  return run_scenario(s, o, ignore).connections_refused;
}

// A threshold t meets K at t and not at t − 1 (clones: thresholds vary by replication).
TEST(SizeThresholds, SmallestCountMeetingTheTarget) {
  const scenario s = testing::load_text(testing::clones_json(4, 120));
  const auto t = size_thresholds(s, request(), 0, 4);
  ASSERT_EQ(t.size(), 4u);
  for (std::uint64_t r = 0; r < t.size(); ++r) {
    ASSERT_TRUE(t[r].count.has_value()) << r;
    EXPECT_LE(refused_at(s, *t[r].count, r), 0) << r;
    if (*t[r].count > 0) {
      EXPECT_GT(refused_at(s, *t[r].count - 1, r), 0) << r;
    }
    EXPECT_GE(t[r].peak, 1);
  }
}

TEST(SizeShards, MergedShardsDecideLikeOneSearch) {
  temp_dir dir;
  const scenario s = testing::load_text(testing::clones_json(4, 120));
  const size_request req = request();
  const size_origin origin{s.name, s.seed, version_string, build_commit};
  const size_result single = find_size(s, req);
  std::vector<std::filesystem::path> files;
  for (std::uint64_t i = 3; i >= 1; --i) {  // any order
    const replication_range r = shard_range(n, i, 3);
    const shard_identity id = size_shard_identity(origin, "feedfacefeedface", req, i, 3);
    files.push_back(write_size_shard(id, r.first, size_thresholds(s, req, r.first, r.count), dir.path));
  }
  EXPECT_EQ(files.back().filename(), "size-clones-seed5-shard-1-of-3.json");
  const merged_size m = merge_size_shards(files);
  EXPECT_EQ(m.request.pack, req.pack);
  EXPECT_EQ(m.request.replications, n);
  const size_result merged = decide_size(m.thresholds, m.request);
  EXPECT_EQ(size_json(req, single, origin), size_json(m.request, merged, m.origin));
  ASSERT_TRUE(single.answer.has_value());
}

TEST(SizeShards, OtherTargetOrMissingShardIsRefused) {
  temp_dir dir;
  const scenario s = testing::load_text(testing::daily_pcs_json(3, 10, 40));
  const size_origin origin{s.name, s.seed, version_string, build_commit};
  auto shard = [&](std::uint64_t i, const size_request& req, const std::string& sub) {
    const replication_range r = shard_range(n, i, 2);
    return write_size_shard(size_shard_identity(origin, "feedfacefeedface", req, i, 2), r.first,
                            size_thresholds(s, req, r.first, r.count), dir.path / sub);
  };
  const auto a = shard(1, request(), "a");
  const auto b = shard(2, request(5), "b");
  try {
    merge_size_shards({a, b});
    FAIL() << "merged shards of different targets";
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find(b.string() + ": from another size than " + a.string() + ": parameters"),
              std::string::npos)
        << e.what();
  }
  try {
    merge_size_shards({a});
    FAIL() << "merged a missing shard";
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("missing shard 2 of 2"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace calsim::detail
