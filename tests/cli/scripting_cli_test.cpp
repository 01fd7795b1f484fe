// Scripting with calsim (issue 13): `calsim test` skips JSON that is not a
// scenario and counts it, `test` and `validate` take --set, `--seed` refuses
// what `--set /seed=` refuses with the same message, and `calsim corpus`.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../output/temp_dir.hpp"
#include "cli/cli.hpp"
#include "cli_runner.hpp"

namespace calsim::detail {
namespace {

using calsim::test::read_all;
using calsim::test::temp_dir;
namespace fs = std::filesystem;

using outcome = calsim::test::cli_outcome;
outcome calsim(std::vector<std::string> args) { return calsim::test::run_calsim(std::move(args)); }

std::string write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
  return file.string();
}

// Five daily PCs and a pool of 10: five CALs issued from day 2 on.
std::string office(const std::string& name, int count = 10) {
  return R"({ "calsim": 1, "name": ")" + name + R"(", "start": "2026-01-05", "days": 10,
    "license_servers": [ { "name": "LS1", "domain": "corp.example", "key_packs": [ { "id": "P1", "type": "per_device", "version": 2019, "count": )" +
         std::to_string(count) + R"( } ] } ],
    "session_hosts": [ { "name": "H1", "domain": "corp.example", "licensing_mode": 2, "license_servers": ["LS1"] } ],
    "clients": [ { "group": "g", "count": 5, "name": "PC-{n}", "hosts": ["H1"], "schedule": { "days": "daily", "at": ["09:00"] } } ],
    "expect": [ { "at": "2026-01-10", "metric": "pool.LS1.P1.issued", "op": "==", "value": 5 } ] })";
}

TEST(ScriptingCli, TestSkipsTheOutputsOfARunAndCountsThem) {
  temp_dir dir;
  const std::string sc = write(dir.path / "office.json", office("office"));
  ASSERT_EQ(calsim({"run", sc, "-o", (dir.path / "out").string(), "--quiet"}).code, 0);
  write(dir.path / "broken.json", "{ \"calsim\": 1, ");  // a scenario that is broken: a failure, not skipped
  const outcome o = calsim({"test", dir.path.string()});
  EXPECT_EQ(o.code, 2) << o.out;  // issue 19: a scenario that does not load is exit 2
  EXPECT_NE(o.out.find("PASS office"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("SKIP " + (dir.path / "out" / "summary.json").string()), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("SKIP " + (dir.path / "out" / "truth.json").string()), std::string::npos) << o.out;
  // summary.json, truth.json, manifest.json
  EXPECT_NE(o.out.find("1 passed, 1 failed, 3 skipped (1 could not be run)\n"), std::string::npos) << o.out;
  fs::remove(dir.path / "broken.json");
  const outcome clean = calsim({"test", dir.path.string()});
  EXPECT_EQ(clean.code, 0) << clean.out;
  EXPECT_NE(clean.out.find("1 passed, 0 failed, 3 skipped\n"), std::string::npos) << clean.out;
}

// Issue 18: --stats says where the time goes, phase by phase, the commit included.
TEST(ScriptingCli, StatsNamePhases) {
  temp_dir dir;
  const std::string sc = write(dir.path / "office.json", office("office"));
  const outcome o = calsim({"run", sc, "-o", (dir.path / "out").string(), "--quiet", "--stats"});
  ASSERT_EQ(o.code, 0) << o.err;
  for (const char* phase : {"phases (s): load ", "; set-up ", "; event loop, with the streamed files ",
                            "; end-of-run tables ", "; truth.json ", "; report.html ", "; summary.json ",
                            "; registry/, tsctst/ (", "; sync and commit "})
    EXPECT_NE(o.out.find(phase), std::string::npos) << phase << "\n" << o.out;
  // The simulation's three stages add up to it (rounding aside), and events/s is over the event loop.
  double total = 0, set_up = 0, loop = 0, tables = 0, loop_again = 0;
  const auto at = o.out.find("(event loop ");
  ASSERT_NE(at, std::string::npos) << o.out;
  ASSERT_EQ(std::sscanf(o.out.c_str() + at, "(event loop %lf s; simulation %lf s: set-up %lf, event loop %lf, end-of-run tables %lf;",
                        &loop, &total, &set_up, &loop_again, &tables), 5) << o.out;
  EXPECT_EQ(loop, loop_again);
  EXPECT_GE(set_up, 0);
  EXPECT_GT(loop, 0);
  EXPECT_GE(tables, 0);
  EXPECT_NEAR(set_up + loop + tables, total, 1e-4 * std::max(1.0, total)) << o.out;
}

TEST(ScriptingCli, TestAndValidateTakeSet) {
  temp_dir dir;
  const std::string sc = write(dir.path / "office.json", office("office"));
  // Pool of 3 for 5 PCs: the expectation fails.
  const outcome t = calsim({"test", sc, "--set", "/license_servers/0/key_packs/0/count=3"});
  EXPECT_EQ(t.code, 1) << t.out;
  EXPECT_NE(t.out.find("FAIL office: pool.LS1.P1.issued == 5, got 3"), std::string::npos) << t.out;
  EXPECT_EQ(calsim({"test", sc}).code, 0);
  const outcome v = calsim({"validate", sc, "--set", "/days=0"});
  EXPECT_EQ(v.code, 2);
  EXPECT_NE(v.err.find("/days: must be an integer from 1 to 36500, got 0"), std::string::npos) << v.err;
  EXPECT_EQ(calsim({"validate", sc, "--set", "/days=20"}).code, 0);
}

TEST(ScriptingCli, SeedIsCheckedLikeSetSeed) {
  temp_dir dir;
  const std::string sc = write(dir.path / "office.json", office("office"));
  const std::string out = (dir.path / "out").string();
  for (const std::string bad : {"-1", "18446744073709551616", "1.5", "abc"}) {
    SCOPED_TRACE(bad);
    const outcome by_set = calsim({"run", sc, "-o", out, "--quiet", "--set", "/seed=" + bad});
    for (const char* cmd : {"run", "sweep", "size"}) {
      SCOPED_TRACE(cmd);
      std::vector<std::string> args = {cmd, sc, "--seed=" + bad, "-o", out, "--quiet"};
      if (std::string(cmd) == "sweep") args.insert(args.end(), {"--replications", "2"});
      if (std::string(cmd) == "size") args.insert(args.end(), {"--pack", "LS1/P1"});
      const outcome by_seed = calsim(args);
      EXPECT_EQ(by_seed.code, 2) << by_seed.err;
      EXPECT_EQ(by_seed.err, by_set.err);
      EXPECT_NE(by_seed.err.find("/seed: must be an integer from 0 to 18446744073709551615"), std::string::npos)
          << by_seed.err;
    }
    EXPECT_FALSE(fs::exists(out));
  }
  // "--seed -1" (a separate argument) is refused too, and a good seed is recorded.
  EXPECT_EQ(calsim({"run", sc, "--seed", "-1", "-o", out, "--quiet"}).code, 2);
  ASSERT_EQ(calsim({"run", sc, "--seed", "18446744073709551615", "-o", out, "--quiet"}).code, 0);
  const auto summary = nlohmann::json::parse(read_all(fs::path(out) / "summary.json"));
  EXPECT_EQ(summary.dump().find("18446744073709551615") != std::string::npos, true) << summary.dump();
}

TEST(ScriptingCli, CorpusRunsEveryScenarioWithEveryFile) {
  temp_dir dir;
  write(dir.path / "in" / "a.json", office("office-a"));
  write(dir.path / "in" / "b.json", office("office-b", 3));
  write(dir.path / "in" / "notes.json", "{ \"not\": \"a scenario\" }");
  const std::string out = (dir.path / "corpus").string();
  const outcome o = calsim({"corpus", (dir.path / "in").string(), "-o", out, "--quiet"});
  ASSERT_EQ(o.code, 0) << o.err;
  for (const char* name : {"office-a", "office-b"}) {
    SCOPED_TRACE(name);
    for (const char* f : {"summary.json", "timeline.csv", "connections.csv", "events.jsonl", "trace.jsonl",
                          "issued_licenses.csv", "key_packs.csv", "report.html", "registry/H1.reg",
                          "registry/PC-1.reg", "tsctst/PC-1.txt"})
      EXPECT_TRUE(fs::exists(fs::path(out) / name / f)) << f;
  }
  EXPECT_FALSE(fs::exists(fs::path(out) / "notes"));
  const auto index = nlohmann::json::parse(read_all(fs::path(out) / "index.json"));
  ASSERT_EQ(index.size(), 2u);
  EXPECT_EQ(index[0]["name"], "office-a");
  EXPECT_EQ(index[1]["folder"], "office-b");
  // The same files `calsim run` writes, byte for byte (but summary.json's command line).
  const std::string single = (dir.path / "single").string();
  ASSERT_EQ(calsim({"run", (dir.path / "in" / "a.json").string(), "-o", single, "--trace", "--quiet"}).code, 0);
  for (const char* f : {"timeline.csv", "key_packs.csv", "issued_licenses.csv", "registry/PC-1.reg", "tsctst/PC-2.txt"})
    EXPECT_EQ(read_all(fs::path(out) / "office-a" / f), read_all(fs::path(single) / f)) << f;
  // Two scenarios with one name: refused before anything is written.
  write(dir.path / "dup" / "a.json", office("same"));
  write(dir.path / "dup" / "b.json", office("same"));
  const std::string out2 = (dir.path / "corpus2").string();
  const outcome d = calsim({"corpus", (dir.path / "dup").string(), "-o", out2});
  EXPECT_EQ(d.code, 2);
  EXPECT_NE(d.err.find("two scenarios are named \"same\""), std::string::npos) << d.err;
  EXPECT_FALSE(fs::exists(out2));
}

}  // namespace
}  // namespace calsim::detail
