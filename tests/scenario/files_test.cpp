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

// Every file in tests/regressions/ is a scenario that must be refused with a located problem.
TEST(ScenarioRegressions, EveryFileIsRefused) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(data_file("tests/regressions")))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  EXPECT_GE(files.size(), 15u);
  for (const auto& f : files) {
    SCOPED_TRACE(f.filename().string());
    try {
      load_scenario_file(f.string());
      ADD_FAILURE() << "loaded, but must be refused";
    } catch (const scenario_error& e) {
      ASSERT_FALSE(e.problems.empty());
      EXPECT_TRUE(std::any_of(e.problems.begin(), e.problems.end(), [](const diagnostic& d) { return d.line > 0; }))
          << e.what();
      for (const auto& d : e.problems) EXPECT_NE(d.message.rfind("internal error", 0), 0u) << e.what();
    }
  }
}

}  // namespace
}  // namespace calsim::test
