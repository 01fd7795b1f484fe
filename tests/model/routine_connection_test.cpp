// The routine connection (connection_rules.hpp, issue 18): a per-device
// client presenting its latest permanent CAL in force, with nothing to renew
// (R-DEV-5), is decided without a decision record when nothing reads one.
// The shortcut must change nothing: every file of `calsim run` is the same,
// byte for byte, with run_options::routine_shortcut on and off, for every
// scenario of the catalog and for generated estates that mix the rule
// profiles, pool exhaustion, logon failures, security groups, wiped and
// corrupted stores. And it must fire where it is meant to.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "calsim/load.hpp"
#include "calsim/output.hpp"
#include "calsim/run.hpp"
#include "estate.hpp"

namespace calsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

struct temp_dir {
  fs::path path;
  explicit temp_dir(const std::string& tag) {
    path = fs::temp_directory_path() / ("calsim-routine-" + std::to_string(::getpid()) + "-" + tag);
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~temp_dir() { fs::remove_all(path); }
};

std::string file_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every file under `dir`, by relative path.
std::vector<std::string> files_under(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.is_regular_file()) names.push_back(fs::relative(e.path(), dir).generic_string());
  std::sort(names.begin(), names.end());
  return names;
}

// The files of `calsim run` (its options: the per-client files, streamed
// issued licenses) into `dir`; returns the run's result.
run_result run_into(const scenario& s, const fs::path& dir, bool shortcut) {
  output_set out(s, dir);
  run_options o;
  o.keep_daily = false;
  o.keep_issued_licenses = false;
  o.routine_shortcut = shortcut;
  const run_result r = run_scenario(s, o, out);
  run_info info;
  info.seed = s.seed;
  info.scenario_file = s.name + ".json";
  out.finish(r, info);
  return r;
}

struct comparison {
  std::int64_t routine = 0, connections = 0;
};

// Runs `s` both ways and expects the same files; the shortcut's count.
comparison expect_same_files(const scenario& s, const std::string& tag) {
  temp_dir general(tag + "-general"), routine(tag + "-routine");
  const run_result off = run_into(s, general.path / "out", false);
  const run_result on = run_into(s, routine.path / "out", true);
  EXPECT_EQ(off.routine_connections, 0) << tag;
  EXPECT_EQ(off.connections_attempted, on.connections_attempted) << tag;
  const auto names = files_under(general.path / "out");
  EXPECT_EQ(names, files_under(routine.path / "out")) << tag;
  EXPECT_GE(names.size(), 5u) << tag;
  for (const auto& n : names)
    EXPECT_TRUE(file_text(general.path / "out" / n) == file_text(routine.path / "out" / n)) << tag << ": " << n;
  return {on.routine_connections, on.connections_attempted};
}

std::vector<std::string> catalog() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(CALSIM_SOURCE_DIR "/scenarios"))
    if (e.path().extension() == ".json") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

class RoutineCatalog : public ::testing::TestWithParam<std::string> {};

TEST_P(RoutineCatalog, R_DEV_5_EveryFileIsTheSameWithAndWithoutTheShortcut) {
  const scenario s = load_scenario_file(CALSIM_SOURCE_DIR "/scenarios/" + GetParam() + ".json");
  const comparison c = expect_same_files(s, GetParam());
  EXPECT_LE(c.routine, c.connections);
}

INSTANTIATE_TEST_SUITE_P(Catalog, RoutineCatalog, ::testing::ValuesIn(catalog()),
                         [](const ::testing::TestParamInfo<std::string>& i) {
                           std::string n = i.param;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

// A healthy pool renews every 52..89 days: almost every connection is routine.
TEST(Routine, R_DEV_5_FiresOnAHealthyPool) {
  const scenario s = load_scenario_file(CALSIM_SOURCE_DIR "/scenarios/healthy-per-device-pool.json");
  const comparison c = expect_same_files(s, "healthy");
  EXPECT_GT(c.routine, c.connections / 2);
}

// Generated estates (bench/estate.hpp), varied so that every test of
// routine_connection() meets both of its answers.
json estate(int clients, int days) { return json::parse(bench::estate_json(clients, days)); }

struct variant {
  std::string tag;
  void (*change)(json&);
};

const variant variants[] = {
    {"ws2012", [](json&) {}},
    {"ws2003", [](json& j) { j["rules"] = "ws2003"; }},
    {"ws2008", [](json& j) { j["rules"] = "ws2008"; }},
    {"ws2000", [](json& j) { j["rules"] = "ws2000"; }},
    // More clients than CALs: temporaries, upgrades, expired temporaries (R-DEV-1/3/8).
    {"short_pool", [](json& j) { j["license_servers"][0]["key_packs"][0]["count"] = 150; }},
    // R-DEV-12: logon failures are drawn, so the shortcut must stand aside.
    {"logon_failure", [](json& j) { j["clients"][0]["schedule"]["logon_failure"] = 0.05; }},
    // EVT 4141: the server serves only the first host.
    {"security_group", [](json& j) { j["license_servers"][0]["security_group"] = json::array({"RDSH1"}); }},
    // R-DEV-10, R-CLI-4: corrupted and replaced stores, new HardwareIDs told to truth.json.
    {"corrupt_and_replaced",
     [](json& j) {
       j["clients"][0]["store_corruption_per_year"] = 2.0;
       j["clients"][0]["replacement_years"] = 0.5;
     }},
    // R-CLI-3: a script deletes MSLicensing at shutdown; R-CLI-2 needs elevation to re-create it.
    {"wipe_on_shutdown", [](json& j) { j["clients"][0]["kind"] = "wipe_on_shutdown"; }},
    // R-GRACE-6: administrative connections; and a host in per-user mode (R-USER).
    {"admin_and_per_user",
     [](json& j) {
       j["clients"][0]["schedule"]["admin"] = true;
       j["session_hosts"][0]["licensing_mode"] = 4;
     }},
};

class RoutineEstate : public ::testing::TestWithParam<variant> {};

TEST_P(RoutineEstate, R_DEV_5_EveryFileIsTheSameWithAndWithoutTheShortcut) {
  json j = estate(2500, 200);  // two hosts: RDSH1, RDSH2
  GetParam().change(j);
  const scenario s = load_scenario_text(j.dump(), GetParam().tag + ".json");
  const comparison c = expect_same_files(s, GetParam().tag);
  const std::string& tag = GetParam().tag;
  if (tag == "ws2012" || tag == "ws2003") {
    EXPECT_GT(c.routine, c.connections / 2);
  }
  if (tag == "logon_failure" || tag == "admin_and_per_user") {
    EXPECT_EQ(c.routine, 0);
  }
}

INSTANTIATE_TEST_SUITE_P(Generated, RoutineEstate, ::testing::ValuesIn(variants),
                         [](const ::testing::TestParamInfo<variant>& i) { return i.param.tag; });

}  // namespace
}  // namespace calsim
