// Reading files, and the folder of scenarios that must be refused.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "scenario_test_util.hpp"

namespace calsim::test {
namespace {

namespace fs = std::filesystem;

diagnostics file_problems(const std::string& path) {
  try {
    load_scenario_file(path);
  } catch (const scenario_error& e) {
    return e.problems;
  }
  return {};
}

fs::path temp_dir() {
  const fs::path d = fs::temp_directory_path() / ("calsim-scenario-test-" + std::to_string(::getpid()));
  fs::create_directories(d);
  return d;
}

TEST(ScenarioFiles, MissingFile) {
  const auto ds = file_problems("/nonexistent/calsim/none.json");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].file, "/nonexistent/calsim/none.json");
  EXPECT_EQ(ds[0].message, "cannot read the scenario: no such file");
}

TEST(ScenarioFiles, Folder) {
  const auto ds = file_problems(data_file("tests/scenario"));
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].message, "cannot read the scenario: it is a folder, not a file");
}

TEST(ScenarioFiles, TooLargeIsRefusedWithoutReading) {
  const fs::path f = temp_dir() / "huge.json";
  { std::ofstream(f) << "{}"; }
  fs::resize_file(f, max_scenario_bytes + 1);  // sparse: nothing is written
  const auto ds = file_problems(f.string());
  fs::remove(f);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_NE(ds[0].message.find("larger than the 67108864-byte limit (64 MiB)"), std::string::npos) << ds[0].message;
}

TEST(ScenarioFiles, TextTooLarge) {
  const std::string big(max_scenario_bytes + 1, ' ');
  const auto ds = problems_of(big);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_NE(ds[0].message.find("64 MiB"), std::string::npos);
}

TEST(ScenarioFiles, ReadsAFile) {
  const fs::path f = temp_dir() / "Office Test.json";
  { std::ofstream(f, std::ios::binary) << "\xEF\xBB\xBF" << base; }
  const scenario s = load_scenario_file(f.string());
  EXPECT_EQ(s.name, "office-test");
  EXPECT_EQ(s.source_file, f.string());
  fs::remove(f);
}

TEST(ScenarioFiles, BomDoesNotShiftColumns) {
  const std::string text = "\xEF\xBB\xBF" + with(base, "\"count\": 5", "\"count\": -5");
  const auto ds = problems_of(text);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].line, 12);
  EXPECT_EQ(ds[0].column, 35);
}

// Every file in tests/regressions/ once broke calsim (or was accepted when it must
// not be). Each must be refused with a located problem naming the right pointer
// and reason. A new file must be added to this table (the test fails otherwise).
struct regression {
  const char* file;
  const char* pointer;
  const char* message;  // a part of the first problem's message
};

constexpr regression regressions[] = {
    {"action-outside-run.json", "/actions/0/at", "is outside the run (2026-01-05 to 2026-02-04)"},
    {"bad-date.json", "/start", "got string \"2026-02-30\""},
    {"bad-name-pattern.json", "/clients/0/name", "unknown field \"{i}\""},
    {"client-name-clash.json", "/clients/1/name", "also makes the client name \"PC-10\": client names would clash"},
    {"client-name-equals-host.json", "/clients/0/name", "makes the client name \"PC-2\", which is already the name"},
    {"cloned-without-image.json", "/clients/0", "missing required key \"image\""},
    {"comment.json", "", "JSON syntax error"},
    {"dangling-host.json", "/clients/0/hosts/0", "no session host named \"H2\" (known: H1)"},
    {"dangling-license-server.json", "/session_hosts/0/license_servers/0", "no license server named \"LS9\" (known: LS1)"},
    {"date-with-zone.json", "/start", "(UTC, no zone)"},
    {"days-and-end.json", "/end", "give \"days\" or \"end\", not both"},
    {"deep-nesting.json", "", "nesting deeper than 64 levels"},
    {"duplicate-key.json", "/days", "duplicate key \"days\""},
    {"duplicate-node-name.json", "/session_hosts/0/name", "is already used by the license server"},
    {"empty.json", "", "empty file"},
    {"end-before-start.json", "/end", "must be after \"start\""},
    {"float-count.json", "/clients/0/count", "must be an integer from 1 to 10000000, got 2.5"},
    {"format-version-2.json", "/calsim", "unsupported format version 2"},
    {"huge-number.json", "", "number overflow"},
    {"image-on-thin-client.json", "/clients/0/image", "\"image\" is only for \"kind\": \"cloned\" or \"non_persistent\""},
    {"invalid-utf8.json", "", "ill-formed UTF-8"},
    {"key-pack-id-duplicate.json", "/license_servers/0/key_packs/1/key_pack_id", "key_pack_id 1 is used twice"},
    {"key-pack-id-not-integer.json", "/license_servers/0/key_packs/0/key_pack_id",
     "must be an integer from 1 to 2147483647, got string \"7\""},
    {"link-without-network.json", "/actions/0/between", "has no \"network\""},
    {"logon-failure-above-one.json", "/clients/0/schedule/logon_failure", "must be a number from 0.0 to 1.0, got 1.5"},
    {"misplaced-action-field.json", "/actions/0/host", "unknown key \"host\" for \"do\": \"server_offline\""},
    {"negative-count.json", "/clients/0/count", "got -5"},
    {"node-name-dot-dot.json", "/session_hosts/0/name", "must not be \".\" or \"..\""},
    {"not-object.json", "", "must be a JSON object"},
    {"pattern-without-index.json", "/clients/0/name", "must contain {n} or {n:0W}"},
    {"run-past-year-9999.json", "/start", "the run must end by 9999-01-01"},
    {"schedule-more-than-32-times.json", "/clients/0/schedule/at", "must have at most 32 times of day"},
    {"trailing-comma.json", "", "JSON syntax error"},
    {"trailing-garbage.json", "", "expected end of input"},
    {"uint64-overflow-seed.json", "/seed", "must be an integer from 0 to 18446744073709551615"},
    {"unknown-client-target.json", "/actions/0/clients", "no client group or client named \"PC-04\""},
    {"unknown-key.json", "/clients/0/schedule/jiter_minutes", "did you mean \"jitter_minutes\"?"},
    {"unknown-metric.json", "/expect/0/metric", "no license server named \"ls1.corp\""},
    {"workgroup-auth-not-boolean.json", "/license_servers/0/disable_workgroup_auth_enforcement",
     "must be true or false, got number 1"},
};

TEST(ScenarioRegressions, EveryFileIsRefused) {
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(data_file("tests/regressions")))
    if (e.is_regular_file()) files.push_back(e.path().filename().string());
  std::sort(files.begin(), files.end());
  std::vector<std::string> listed;
  for (const auto& r : regressions) listed.push_back(r.file);
  EXPECT_EQ(files, listed) << "tests/regressions/ and the table in files_test.cpp must list the same files";
  for (const auto& r : regressions) {
    SCOPED_TRACE(r.file);
    try {
      load_scenario_file(data_file(std::string("tests/regressions/") + r.file));
      ADD_FAILURE() << "loaded, but must be refused";
    } catch (const scenario_error& e) {
      ASSERT_FALSE(e.problems.empty());
      const diagnostic& first = e.problems.front();
      EXPECT_EQ(first.pointer, r.pointer) << e.what();
      EXPECT_NE(first.message.find(r.message), std::string::npos) << e.what();
      EXPECT_GT(first.line, 0) << e.what();
      EXPECT_GT(first.column, 0) << e.what();
      for (const auto& d : e.problems) EXPECT_NE(d.message.rfind("internal error", 0), 0u) << e.what();
    }
  }
}

}  // namespace
}  // namespace calsim::test
