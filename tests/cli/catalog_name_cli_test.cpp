// Issue 15 (command line): a bundled scenario by its name (looked up in the catalog:
// $CALSIM_SCENARIOS, else <prefix>/share/calsim/scenarios, else the source folder),
// `calsim list` showing each path, and `run --no-expect`.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../output/temp_dir.hpp"
#include "cli/cli.hpp"

namespace calsim::detail {
namespace {

using calsim::test::read_all;
using calsim::test::temp_dir;
namespace fs = std::filesystem;

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

// Five daily PCs and a pool of 3: the expectation (5 issued) fails.
std::string office(const std::string& name) {
  return R"({ "calsim": 1, "name": ")" + name + R"(", "description": "Five PCs. Three CALs.", "start": "2026-01-05", "days": 10,
    "license_servers": [ { "name": "LS1", "key_packs": [ { "id": "P1", "type": "per_device", "version": 2019, "count": 3 } ] } ],
    "session_hosts": [ { "name": "H1", "licensing_mode": 2, "license_servers": ["LS1"] } ],
    "clients": [ { "group": "g", "count": 5, "name": "PC-{n}", "hosts": ["H1"], "schedule": { "days": "daily", "at": ["09:00"] } } ],
    "expect": [ { "at": "2026-01-10", "metric": "pool.LS1.P1.issued", "op": "==", "value": 5 } ] })";
}

// A catalog of one scenario in a temporary folder, named by CALSIM_SCENARIOS.
struct catalog {
  temp_dir dir;
  catalog() {
    fs::create_directories(dir.path / "cat" / "sub");
    std::ofstream(dir.path / "cat" / "sub" / "tiny-office.json") << office("tiny-office");
    ::setenv("CALSIM_SCENARIOS", (dir.path / "cat").c_str(), 1);
  }
  ~catalog() { ::unsetenv("CALSIM_SCENARIOS"); }
  fs::path file() const { return dir.path / "cat" / "sub" / "tiny-office.json"; }
};

TEST(CatalogNameCli, RunTakesABundledScenarioByName) {
  catalog c;
  const fs::path out = c.dir.path / "out";
  const outcome o = calsim({"run", "tiny-office", "-o", out.string(), "--quiet"});
  EXPECT_EQ(o.code, 1) << o.err;  // the expectation fails: it was judged
  const auto j = nlohmann::json::parse(read_all(out / "summary.json"));
  EXPECT_EQ(j["expectations_failed"], 1);
  EXPECT_FALSE(j.contains("expectations_skipped"));
}

TEST(CatalogNameCli, NoExpectRunsWithoutJudgingAndSaysSo) {
  catalog c;
  const fs::path out = c.dir.path / "out";
  const outcome o = calsim({"run", "tiny-office", "-o", out.string(), "--quiet", "--no-expect"});
  EXPECT_EQ(o.code, 0) << o.err;
  const auto j = nlohmann::json::parse(read_all(out / "summary.json"));
  EXPECT_EQ(j["expectations_skipped"], true);
  EXPECT_EQ(j["expectations_failed"], 0);
  EXPECT_TRUE(j["expectations"].empty());
}

TEST(CatalogNameCli, ValidateTestAndExplainTakeNamesToo) {
  catalog c;
  EXPECT_EQ(calsim({"validate", "tiny-office"}).code, 0);
  EXPECT_EQ(calsim({"test", "tiny-office"}).code, 1);  // the failing expectation
  const outcome e = calsim({"explain", "tiny-office", "--client", "PC-1"});
  EXPECT_EQ(e.code, 0) << e.err;
  EXPECT_NE(e.out.find("PC-1"), std::string::npos);
}

TEST(CatalogNameCli, AnUnknownNameIsAUsageErrorNamingTheCatalog) {
  catalog c;
  const outcome o = calsim({"run", "no-such-scenario", "--quiet"});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("no scenario named no-such-scenario"), std::string::npos) << o.err;
  EXPECT_NE(o.err.find((c.dir.path / "cat").string()), std::string::npos) << o.err;
  // With a '/' or ".json" it is a path, never a catalog name.
  EXPECT_EQ(calsim({"validate", "tiny-office.json"}).code, 2);
  EXPECT_EQ(calsim({"validate", "./tiny-office"}).code, 2);
}

TEST(CatalogNameCli, ExplainOfAnUnknownClientIsAUsageError) {
  catalog c;
  const outcome o = calsim({"explain", "tiny-office", "--client", "PC-9"});  // the group has PC-1 .. PC-5
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("no client named PC-9"), std::string::npos) << o.err;
}

TEST(CatalogNameCli, ListShowsEachScenariosPath) {
  catalog c;
  const outcome o = calsim({"list"});
  EXPECT_EQ(o.code, 0);
  EXPECT_NE(o.out.find("tiny-office"), std::string::npos);
  EXPECT_NE(o.out.find(c.file().string()), std::string::npos) << o.out;
}

}  // namespace
}  // namespace calsim::detail
