// `calsim sweep`, `calsim size` and `calsim merge` through the command line:
// exit codes (OUTPUTS.md, "Exit codes"), files, and usage errors.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../output/temp_dir.hpp"
#include "../sweep/sweep_fixture.hpp"
#include "cli/cli.hpp"

namespace calsim::detail {
namespace {

using calsim::test::read_all;
using calsim::test::temp_dir;

struct outcome {
  int code = 0;
  std::string out, err;
};

outcome calsim(std::vector<std::string> args) {
  args.insert(args.begin(), "calsim");
  std::vector<const char*> argv;
  for (const auto& a : args) argv.push_back(a.c_str());
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  outcome o;
  o.code = run_cli(static_cast<int>(argv.size()), argv.data());
  o.out = ::testing::internal::GetCapturedStdout();
  o.err = ::testing::internal::GetCapturedStderr();
  return o;
}

std::string write(const std::filesystem::path& file, const std::string& text) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file) << text;
  return file.string();
}

TEST(SweepCli, ThreadsDoNotChangeTheBytes) {
  temp_dir dir;
  const std::string sc = write(dir.path / "office.json", testing::small_office_json(40));
  const std::string d1 = (dir.path / "t1").string(), d2 = (dir.path / "t2").string();
  ASSERT_EQ(calsim({"sweep", sc, "--replications", "8", "--threads", "1", "-o", d1, "--quiet"}).code, 0);
  ASSERT_EQ(calsim({"sweep", sc, "--replications", "8", "--threads", "2", "-o", d2, "--quiet"}).code, 0);
  EXPECT_EQ(read_all(dir.path / "t1" / "sweep.csv"), read_all(dir.path / "t2" / "sweep.csv"));
  EXPECT_EQ(read_all(dir.path / "t1" / "report.html"), read_all(dir.path / "t2" / "report.html"));
  // --seed changes the results; --quiet prints nothing.
  const std::string d3 = (dir.path / "t3").string();
  const outcome o = calsim({"sweep", sc, "--replications", "8", "--seed", "12345", "-o", d3, "--quiet"});
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.out, "");
  EXPECT_EQ(o.err, "");  // no progress bar when stderr is not a terminal
  EXPECT_NE(read_all(dir.path / "t1" / "sweep.csv"), read_all(dir.path / "t3" / "sweep.csv"));
}

TEST(SweepCli, ShardsThenMergeEqualOneRun) {
  temp_dir dir;
  const std::string sc = write(dir.path / "office.json", testing::small_office_json(40));
  const std::string single = (dir.path / "single").string(), shards = (dir.path / "shards").string(),
                    merged = (dir.path / "merged").string();
  ASSERT_EQ(calsim({"sweep", sc, "--replications", "9", "-o", single, "--quiet"}).code, 0);
  for (const char* s : {"1/2", "2/2"})
    ASSERT_EQ(calsim({"sweep", sc, "--replications", "9", "--shard", s, "-o", shards, "--quiet"}).code, 0);
  EXPECT_FALSE(std::filesystem::exists(dir.path / "shards" / "sweep.csv"));
  const outcome m = calsim({"merge", shards + "/sweep-shard-1-of-2.json", shards + "/sweep-shard-2-of-2.json", "-o",
                            merged});
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_NE(m.out.find("merged 2 shards, 9 replications"), std::string::npos) << m.out;
  EXPECT_EQ(read_all(dir.path / "single" / "sweep.csv"), read_all(dir.path / "merged" / "sweep.csv"));
  EXPECT_EQ(read_all(dir.path / "single" / "report.html"), read_all(dir.path / "merged" / "report.html"));

  // A shard of another --set, or one shard missing: exit 2, nothing written.
  ASSERT_EQ(calsim({"sweep", sc, "--replications", "9", "--shard", "2/2", "--set", "/clients/0/count=5", "-o",
                    (dir.path / "other").string(), "--quiet"})
                .code,
            0);
  const outcome bad = calsim({"merge", shards + "/sweep-shard-1-of-2.json",
                              (dir.path / "other" / "sweep-shard-2-of-2.json").string(), "-o",
                              (dir.path / "bad").string()});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("scenario hash"), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path / "bad"));
  const outcome partial = calsim({"merge", shards + "/sweep-shard-2-of-2.json", "-o", (dir.path / "bad").string()});
  EXPECT_EQ(partial.code, 2);
  EXPECT_NE(partial.err.find("missing 4 (0–3)"), std::string::npos) << partial.err;
}

TEST(SweepCli, UsageErrors) {
  temp_dir dir;
  const std::string sc = write(dir.path / "office.json", testing::small_office_json(20));
  const std::string out = (dir.path / "out").string();
  EXPECT_EQ(calsim({"sweep", sc, "-o", out}).code, 2);  // --replications is required
  EXPECT_EQ(calsim({"sweep", sc, "--replications", "0", "-o", out}).code, 2);
  EXPECT_EQ(calsim({"sweep", sc, "--replications", "x", "-o", out}).code, 2);
  for (const char* shard : {"3/2", "0/2", "1", "a/b", "1/0", "2/3x"}) {
    const outcome o = calsim({"sweep", sc, "--replications", "4", "--shard", shard, "-o", out});
    EXPECT_EQ(o.code, 2) << shard;
    EXPECT_NE(o.err.find("--shard"), std::string::npos) << o.err;
  }
  EXPECT_EQ(calsim({"sweep", sc, "--replications", "2", "--shard", "1/3", "-o", out}).code, 2);  // more shards
  EXPECT_EQ(calsim({"sweep", (dir.path / "absent.json").string(), "--replications", "2", "-o", out}).code, 2);
  EXPECT_EQ(calsim({"sweep", sc, "--replications", "2", "--set", "/days=-1", "-o", out}).code, 2);
  EXPECT_EQ(calsim({"merge", (dir.path / "absent.json").string(), "-o", out}).code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir.path / "out"));
}

TEST(SizeCli, AnswerTableAndSizeJson) {
  temp_dir dir;
  const std::string sc = write(dir.path / "pcs.json", testing::daily_pcs_json(3, 20));
  const std::string out = (dir.path / "out").string();
  const outcome o = calsim({"size", sc, "--pack", "LS1/DEV19", "--replications", "12", "--confidence", "0.8",
                            "--threads", "2", "-o", out});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("answer: 3"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("ci_low"), std::string::npos);
  const auto j = nlohmann::json::parse(read_all(dir.path / "out" / "size.json"));
  EXPECT_EQ(j["pack"], "LS1/DEV19");
  EXPECT_EQ(j["answer"], 3);
  EXPECT_EQ(j["target"]["max_refused"], 0);
  EXPECT_DOUBLE_EQ(j["target"]["confidence"].get<double>(), 0.8);
  EXPECT_DOUBLE_EQ(j["confidence"].get<double>(), 0.8);
  EXPECT_EQ(j["replications"], 12);
  ASSERT_TRUE(j["candidates"].is_array());
  std::int64_t last = -1;
  for (const auto& c : j["candidates"]) {
    EXPECT_GT(c["count"].get<std::int64_t>(), last);
    last = c["count"].get<std::int64_t>();
    for (const char* k : {"p_ok", "ci_low", "ci_high"}) EXPECT_TRUE(c.contains(k));
  }
}

TEST(SizeCli, UnmeetableExitsOne) {
  temp_dir dir;
  const std::string sc = write(dir.path / "pcs.json", testing::daily_pcs_json(2, 5, 130, false));
  const outcome o = calsim({"size", sc, "--pack", "LS1/DEV19", "--replications", "12", "--confidence", "0.8", "-o",
                            (dir.path / "out").string(), "--quiet"});
  EXPECT_EQ(o.code, 1);
  const auto j = nlohmann::json::parse(read_all(dir.path / "out" / "size.json"));
  EXPECT_TRUE(j["answer"].is_null());
}

TEST(SizeCli, UsageErrors) {
  temp_dir dir;
  const std::string sc = write(dir.path / "office.json", testing::small_office_json(20));
  const std::string out = (dir.path / "out").string();
  outcome o = calsim({"size", sc, "--pack", "LS9/X", "--replications", "12", "--confidence", "0.8", "-o", out});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("known: LS1/DEV19, LS1/DEV16"), std::string::npos) << o.err;
  o = calsim({"size", sc, "--pack", "LS1/DEV19", "--replications", "50", "-o", out});  // 0.95 needs 72
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("use at least 72"), std::string::npos) << o.err;
  EXPECT_EQ(calsim({"size", sc, "--pack", "LS1/DEV19", "--confidence", "1.5", "-o", out}).code, 2);
  EXPECT_EQ(calsim({"size", sc, "--pack", "LS1/DEV19", "--max-refused", "-1", "-o", out}).code, 2);
  EXPECT_EQ(calsim({"size", sc, "-o", out}).code, 2);  // --pack is required
  EXPECT_FALSE(std::filesystem::exists(dir.path / "out"));
}

}  // namespace
}  // namespace calsim::detail
