// `calsim sweep`, `calsim size` and `calsim merge` through the command line:
// exit codes (OUTPUTS.md, "Exit codes"), files, and usage errors.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../output/temp_dir.hpp"
#include "../sweep/sweep_fixture.hpp"
#include "calsim/version.hpp"
#include "cli/cli.hpp"
#include "cli_runner.hpp"

namespace calsim::detail {
namespace {

using calsim::test::read_all;
using calsim::test::temp_dir;

using outcome = calsim::test::cli_outcome;
outcome calsim(std::vector<std::string> args) { return calsim::test::run_calsim(std::move(args)); }

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
  const std::string s1 = shards + "/sweep-small-office-seed11-shard-1-of-2.json",
                    s2 = shards + "/sweep-small-office-seed11-shard-2-of-2.json";
  const outcome m = calsim({"merge", s1, s2, "-o", merged});
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_NE(m.out.find("merged 2 shards, 9 replications"), std::string::npos) << m.out;
  EXPECT_EQ(read_all(dir.path / "single" / "sweep.csv"), read_all(dir.path / "merged" / "sweep.csv"));
  EXPECT_EQ(read_all(dir.path / "single" / "report.html"), read_all(dir.path / "merged" / "report.html"));

  // A shard of another --set, or one shard missing: exit 2, nothing written.
  ASSERT_EQ(calsim({"sweep", sc, "--replications", "9", "--shard", "2/2", "--set", "/clients/0/count=5", "-o",
                    (dir.path / "other").string(), "--quiet"})
                .code,
            0);
  const outcome bad = calsim({"merge", s1, (dir.path / "other" / "sweep-small-office-seed11-shard-2-of-2.json").string(),
                              "-o", (dir.path / "bad").string()});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("scenario hash"), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path / "bad"));
  const outcome partial = calsim({"merge", s2, "-o", (dir.path / "bad").string()});
  EXPECT_EQ(partial.code, 2);
  EXPECT_NE(partial.err.find("missing shard 1 of 2"), std::string::npos) << partial.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path / "bad"));
}

// --seed 7 and --set /seed=7 load the same scenario: their shards merge, and
// give the bytes of a single sweep with --seed 7.
TEST(SweepCli, SeedOptionAndSetSeedShardsMerge) {
  temp_dir dir;
  const std::string sc = write(dir.path / "office.json", testing::small_office_json(30));
  const std::string shards = (dir.path / "shards").string();
  ASSERT_EQ(calsim({"sweep", sc, "--replications", "6", "--seed", "7", "-o", (dir.path / "single").string(),
                    "--quiet"})
                .code,
            0);
  ASSERT_EQ(calsim({"sweep", sc, "--replications", "6", "--shard", "1/2", "--seed", "7", "-o", shards, "--quiet"}).code,
            0);
  ASSERT_EQ(calsim({"sweep", sc, "--replications", "6", "--shard", "2/2", "--set", "/seed=7", "-o", shards,
                    "--quiet"})
                .code,
            0);
  const std::string s1 = shards + "/sweep-small-office-seed7-shard-1-of-2.json",
                    s2 = shards + "/sweep-small-office-seed7-shard-2-of-2.json";
  const outcome m = calsim({"merge", s1, s2, "-o", (dir.path / "merged").string(), "--quiet"});
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_EQ(read_all(dir.path / "single" / "sweep.csv"), read_all(dir.path / "merged" / "sweep.csv"));
  EXPECT_EQ(read_all(dir.path / "single" / "report.html"), read_all(dir.path / "merged" / "report.html"));
  EXPECT_NE(read_all(dir.path / "merged" / "report.html").find("calsim " + build_label()), std::string::npos);
  // The same file with CRLF line ends and other indentation is the same scenario.
  std::string text = testing::small_office_json(30), crlf;
  for (char c : text) crlf += c == '\n' ? std::string("\r\n\t") : std::string(1, c);
  const std::string sc2 = write(dir.path / "office-crlf.json", crlf);
  ASSERT_EQ(calsim({"sweep", sc2, "--replications", "6", "--shard", "2/2", "--seed", "7", "-o",
                    (dir.path / "crlf").string(), "--quiet"})
                .code,
            0);
  EXPECT_EQ(calsim({"merge", s1, (dir.path / "crlf" / "sweep-small-office-seed7-shard-2-of-2.json").string(), "-o",
                    (dir.path / "merged2").string(), "--quiet"})
                .code,
            0);
}

TEST(MergeCli, CheckListsByNumberAndMergeRefusesWritingNothing) {
  temp_dir dir;
  const std::string sc = write(dir.path / "office.json", testing::small_office_json(20));
  const std::string shards = (dir.path / "shards").string();
  for (const char* s : {"1/4", "2/4", "4/4"})
    ASSERT_EQ(calsim({"sweep", sc, "--replications", "8", "--shard", s, "-o", shards, "--quiet"}).code, 0);
  std::vector<std::string> files;
  for (const char* i : {"1", "2", "4"})
    files.push_back(shards + "/sweep-small-office-seed11-shard-" + std::string(i) + "-of-4.json");
  // Damage shard 2: one character of its data.
  std::string text = read_all(files[1]);
  text[text.rfind("\"refused\":[") + 11] = text[text.rfind("\"refused\":[") + 11] == '0' ? '1' : '0';
  write(files[1], text);

  std::vector<std::string> args = {"merge", "--check"};
  args.insert(args.end(), files.begin(), files.end());
  const outcome check = calsim(args);
  EXPECT_EQ(check.code, 2);
  EXPECT_NE(check.out.find("missing: 3\n"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("damaged: 2: " + files[1]), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("to run again: 2,3\n"), std::string::npos) << check.out;

  args = {"merge", "-o", (dir.path / "out").string()};
  args.insert(args.end(), files.begin(), files.end());
  const outcome merge = calsim(args);
  EXPECT_EQ(merge.code, 2);
  EXPECT_NE(merge.err.find(files[1] + ": damaged"), std::string::npos) << merge.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path / "out"));

  const outcome directory = calsim({"merge", shards, "-o", (dir.path / "out").string()});
  EXPECT_EQ(directory.code, 2);
  EXPECT_NE(directory.err.find(shards + ": is a directory"), std::string::npos) << directory.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path / "out"));

  // Whole again: --check exits 0.
  ASSERT_EQ(calsim({"sweep", sc, "--replications", "8", "--shard", "2/4", "-o", shards, "--quiet"}).code, 0);
  ASSERT_EQ(calsim({"sweep", sc, "--replications", "8", "--shard", "3/4", "-o", shards, "--quiet"}).code, 0);
  files.push_back(shards + "/sweep-small-office-seed11-shard-3-of-4.json");
  args = {"merge", "--check"};
  args.insert(args.end(), files.begin(), files.end());
  const outcome ok = calsim(args);
  EXPECT_EQ(ok.code, 0) << ok.out;
  EXPECT_NE(ok.out.find("complete"), std::string::npos) << ok.out;
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
  // An empty --threads (an unset $SLURM_CPUS_PER_TASK) is refused, like 0 and words.
  for (const char* threads : {"", "0", "x", "-1", "2x"}) {
    const outcome o = calsim({"sweep", sc, "--replications", "2", "--threads", threads, "-o", out});
    EXPECT_EQ(o.code, 2) << "--threads \"" << threads << "\"";
    EXPECT_NE(o.err.find("--threads"), std::string::npos) << o.err;
  }
  EXPECT_EQ(calsim({"size", sc, "--pack", "LS1/DEV19", "--threads", "", "-o", out}).code, 2);
  EXPECT_FALSE(std::filesystem::exists(dir.path / "out"));
}

TEST(VersionCli, PrintsVersionAndCommit) {
  const outcome o = calsim({"--version"});
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.out, "calsim " + build_label() + "\n");
  EXPECT_NE(o.out.find(std::string(version_string) + " (commit " + std::string(build_commit).substr(0, 12) + ")"),
            std::string::npos);
  const std::string commit = build_commit;
  EXPECT_TRUE(commit == "unknown" ||
              (commit.size() == 40 && commit.find_first_not_of("0123456789abcdef") == std::string::npos))
      << commit;
}

TEST(SizeCli, AnswerTableAndSizeJson) {
  temp_dir dir;
  const std::string sc = write(dir.path / "pcs.json", testing::daily_pcs_json(3, 20));
  const std::string out = (dir.path / "out").string();
  const outcome o = calsim({"size", sc, "--pack", "LS1/DEV19", "--replications", "12", "--probability", "0.8", "--confidence", "0.8",
                            "--threads", "2", "-o", out});
  ASSERT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("answer: 3"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("ci_low"), std::string::npos);
  const auto j = nlohmann::json::parse(read_all(dir.path / "out" / "size.json"));
  EXPECT_EQ(j["pack"], "LS1/DEV19");
  EXPECT_EQ(j["answer"], 3);
  EXPECT_EQ(j["target"]["max_refused"], 0);
  EXPECT_DOUBLE_EQ(j["target"]["probability"].get<double>(), 0.8);
  EXPECT_DOUBLE_EQ(j["confidence"].get<double>(), 0.8);
  EXPECT_EQ(j["goal"], "no-refusal");  // a per-device pack's default goal
  // Issue 14: report.html with the candidate curve and who holds the CALs, self-contained.
  const std::string html = read_all(dir.path / "out" / "report.html");
  EXPECT_NE(html.find("<div class=\"value\" id=\"answer\">3</div>"), std::string::npos);
  EXPECT_NE(html.find("class=\"candidate\""), std::string::npos);
  EXPECT_NE(html.find("Who holds the CALs at 3"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);
  EXPECT_EQ(j["by_group"]["count"], 3);
  EXPECT_EQ(j["by_group"]["groups"][0]["permanent_held"], 3.0);  // three daily PCs hold one CAL each
  EXPECT_EQ(j["replications"], 12);
  ASSERT_TRUE(j["candidates"].is_array());
  std::int64_t last = -1;
  for (const auto& c : j["candidates"]) {
    EXPECT_GT(c["count"].get<std::int64_t>(), last);
    last = c["count"].get<std::int64_t>();
    for (const char* k : {"p_ok", "ci_low", "ci_high"}) EXPECT_TRUE(c.contains(k));
  }
}

// size --shard: each shard sizes its share of the replications; merge decides
// and writes the size.json of one `calsim size`, byte for byte.
TEST(SizeCli, ShardsThenMergeEqualOneSearch) {
  temp_dir dir;
  const std::string sc = write(dir.path / "clones.json", testing::clones_json(4, 120));
  const std::vector<std::string> common = {"--pack", "LS1/DEV19", "--replications", "12", "--probability", "0.8", "--confidence", "0.8",
                                           "--seed", "9", "--quiet"};
  auto size = [&](std::vector<std::string> args) {
    args.insert(args.begin(), "size");
    args.insert(args.begin() + 1, sc);
    args.insert(args.end(), common.begin(), common.end());
    return calsim(args);
  };
  const outcome single = size({"-o", (dir.path / "single").string()});
  ASSERT_EQ(single.code, 0) << single.err;
  const std::string shards = (dir.path / "shards").string();
  for (const char* s : {"1/3", "2/3", "3/3"}) ASSERT_EQ(size({"--shard", s, "-o", shards}).code, 0);
  EXPECT_FALSE(std::filesystem::exists(dir.path / "shards" / "size.json"));
  std::vector<std::string> files;
  for (const char* i : {"1", "2", "3"}) files.push_back(shards + "/size-clones-seed9-shard-" + std::string(i) + "-of-3.json");
  std::vector<std::string> args = {"merge", "--check"};
  args.insert(args.end(), files.begin(), files.end());
  EXPECT_EQ(calsim(args).code, 0);
  args = {"merge", "-o", (dir.path / "merged").string()};
  args.insert(args.end(), files.begin(), files.end());
  const outcome m = calsim(args);
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_NE(m.out.find("answer: "), std::string::npos) << m.out;
  // The same search and answer; only the single search has by_group (merge has no scenario to run).
  auto single_json = nlohmann::json::parse(read_all(dir.path / "single" / "size.json"));
  EXPECT_TRUE(single_json.contains("by_group"));
  single_json.erase("by_group");
  const auto j = nlohmann::json::parse(read_all(dir.path / "merged" / "size.json"));
  EXPECT_EQ(single_json, j);
  EXPECT_EQ(j["calsim_commit"], build_commit);
  EXPECT_EQ(j["calsim_version"], version_string);
  // Shards of another --max-refused do not merge with these.
  ASSERT_EQ(size({"--shard", "3/3", "--max-refused", "3", "-o", (dir.path / "k3").string()}).code, 0);
  const outcome bad = calsim({"merge", files[0], files[1],
                              (dir.path / "k3" / "size-clones-seed9-shard-3-of-3.json").string(), "-o",
                              (dir.path / "bad").string()});
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("parameters"), std::string::npos) << bad.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path / "bad"));
}

TEST(SizeCli, UnmeetableExitsOne) {
  temp_dir dir;
  const std::string sc = write(dir.path / "pcs.json", testing::daily_pcs_json(2, 5, 130, false));
  const outcome o = calsim({"size", sc, "--pack", "LS1/DEV19", "--replications", "12", "--probability", "0.8", "--confidence", "0.8", "-o",
                            (dir.path / "out").string(), "--quiet"});
  EXPECT_EQ(o.code, 1);
  const auto j = nlohmann::json::parse(read_all(dir.path / "out" / "size.json"));
  EXPECT_TRUE(j["answer"].is_null());
}

TEST(SizeCli, UsageErrors) {
  temp_dir dir;
  const std::string sc = write(dir.path / "office.json", testing::small_office_json(20));
  const std::string out = (dir.path / "out").string();
  outcome o = calsim({"size", sc, "--pack", "LS9/X", "--replications", "12", "--probability", "0.8", "--confidence", "0.8", "-o", out});
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
