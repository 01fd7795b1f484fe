// The calsim binary on bad scenarios: exit 2, the problems on stderr, and nothing
// written (OUTPUTS.md, "Exit codes": nothing was run, nothing written).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace calsim::test {
namespace {

namespace fs = std::filesystem;

const fs::path source_dir = CALSIM_SOURCE_DIR;

struct result {
  int exit_code = -1;
  std::string err;
};

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

class CliRefusal : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("calsim-cli-refusal-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs calsim with `args`; stdout is discarded, stderr kept.
  result calsim(const std::vector<std::string>& args) const {
    std::string cmd = shell_quote(CALSIM_BINARY);
    for (const auto& a : args) cmd += " " + shell_quote(a);
    const fs::path err = dir_ / "stderr.txt";
    cmd += " > /dev/null 2> " + shell_quote(err.string());
    const int status = std::system(cmd.c_str());
    result r;
    if (status != -1 && WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    std::ifstream in(err);
    std::stringstream ss;
    ss << in.rdbuf();
    r.err = ss.str();
    return r;
  }

  fs::path dir_;
};

std::vector<fs::path> regression_files() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(source_dir / "tests/regressions"))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

TEST_F(CliRefusal, RegressionsExitTwoAndWriteNothing) {
  const auto files = regression_files();
  ASSERT_GE(files.size(), 20u);
  for (const auto& f : files) {
    SCOPED_TRACE(f.filename().string());
    const fs::path out = dir_ / ("out-" + f.stem().string());
    const result r = calsim({"run", f.string(), "-o", out.string(), "--quiet"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_FALSE(fs::exists(out)) << "a refused scenario must write nothing";
    EXPECT_EQ(r.err.rfind(f.string() + ":", 0), 0u) << "FILE:LINE:COL: /pointer: message\n" << r.err;
    EXPECT_NE(r.err.find("nothing was run"), std::string::npos) << r.err;

    const result v = calsim({"validate", f.string()});
    EXPECT_EQ(v.exit_code, 2) << v.err;
  }
}

TEST_F(CliRefusal, BadSetWritesNothingIntoAnExistingFolder) {
  const fs::path out = dir_ / "existing";
  fs::create_directories(out);
  { std::ofstream(out / "keep.txt") << "untouched"; }
  const std::string good = (source_dir / "scenarios/healthy-per-device-pool.json").string();
  const result r = calsim({"run", good, "-o", out.string(), "--quiet", "--set", "/days=0"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--set: /days: must be an integer from 1 to 36500, got 0"), std::string::npos) << r.err;
  std::vector<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(out)) names.push_back(e.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"keep.txt"});
}

TEST_F(CliRefusal, SameScenarioWithoutTheBadSetWrites) {
  // The check above means something only if a good run does write here.
  const fs::path out = dir_ / "good";
  const std::string good = (source_dir / "scenarios/healthy-per-device-pool.json").string();
  const result r = calsim({"run", good, "-o", out.string(), "--quiet"});
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.exit_code << "\n" << r.err;
  EXPECT_TRUE(fs::exists(out / "summary.json")) << r.err;
}

}  // namespace
}  // namespace calsim::test
