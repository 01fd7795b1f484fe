// initial_licenses (issue 14, SCENARIO.md): a run starts from a license
// server's Win32_TSIssuedLicense export. Round trip: the export of a run,
// loaded into a scenario that starts where that run ended, puts the same
// CALs in the pool and in the clients' stores with the same HardwareIDs, so
// the PCs go on renewing (R-DEV-5) and nothing new is issued. Bad rows are
// refused with the file's line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "calsim/run.hpp"
#include "core/calendar.hpp"
#include "output/wmi_tables.hpp"
#include "scenario/wmi_csv.hpp"

namespace calsim {
namespace {

struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    path = std::filesystem::temp_directory_path() / ("calsim-initial-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
  }
  ~temp_dir() { std::filesystem::remove_all(path); }
};

nlohmann::json healthy() {
  std::ifstream in(CALSIM_SOURCE_DIR "/scenarios/healthy-per-device-pool.json");
  nlohmann::json j = nlohmann::json::parse(in);
  j.erase("expect");
  return j;
}

struct pool_watch : run_observer {
  std::vector<std::int64_t> issued, issued_today;
  void on_pack_day(const pack_day& d) override {
    issued.push_back(d.issued);
    issued_today.push_back(d.issued_today);
  }
};

std::map<std::string, std::string> hwid_by_computer(const std::vector<issued_license_row>& rows) {
  std::map<std::string, std::string> m;
  for (const auto& r : rows)
    if (r.pack != "TEMPORARY") m[r.issued_to_computer] = r.hardware_id;
  return m;
}

TEST(InitialLicenses, R_DEV_5_ARunContinuesFromItsOwnExport) {
  temp_dir t;
  nlohmann::json first = healthy();
  first["days"] = 100;
  run_options o;
  run_observer none;
  const run_result before = run_scenario(load_scenario_text(first.dump(), "first.json"), o, none);
  ASSERT_EQ(before.peak_issued.at("LS1/DEV19"), 40);
  { std::ofstream(t.path / "issued.csv") << detail::issued_licenses_csv(before.issued_licenses); }

  nlohmann::json next = healthy();
  next["start"] = "2026-04-15";  // the first run ended at 2026-04-15T00:00
  next["days"] = 60;
  next["initial_licenses"] = "issued.csv";
  const std::string file = (t.path / "next.json").string();
  { std::ofstream(file) << next.dump(); }
  pool_watch w;
  const run_result after = run_scenario(load_scenario_file(file), o, w);
  ASSERT_FALSE(w.issued.empty());
  EXPECT_EQ(w.issued.front(), 40);  // the 40 CALs are in the pool from the first day
  EXPECT_EQ(after.peak_issued_date.at("LS1/DEV19"), *detail::parse_iso("2026-04-15"));  // sampled that day, not 1970
  EXPECT_EQ(after.temporaries_issued, 0);
  EXPECT_EQ(after.permanents_issued, 0);  // every PC presents its CAL: nothing new
  EXPECT_GT(after.permanents_renewed, 20);  // 60 days of 52..89-day leases: most are renewed
  EXPECT_EQ(after.connections_refused, 0);
  EXPECT_EQ(hwid_by_computer(before.issued_licenses), hwid_by_computer(after.issued_licenses));
}

// R-DEV-6: an imported CAL whose computer is not in the scenario is never
// renewed and returns to the pool at its expiry.
TEST(InitialLicenses, R_DEV_6_ACalOfAnUnknownComputerReturnsAtItsExpiry) {
  nlohmann::json j = healthy();
  j["days"] = 30;
  j["clients"][0]["count"] = 1;
  j["initial_licenses"] = nlohmann::json::array(
      {{{"KeyPackId", 1}, {"sIssuedToComputer", "GONE-01"}, {"LicenseStatus", 2},
        {"IssueDate", "11/20/2025 9:00:00 AM"}, {"ExpirationDate", "20260115090000.000000+000"},
        {"sHardwareId", "00112233445566778899AABBCCDDEEFF00112233"}}});
  pool_watch w;
  run_scenario(load_scenario_text(j.dump(), "inline.json"), run_options{}, w);
  ASSERT_GE(w.issued.size(), 12u);
  EXPECT_EQ(w.issued[0], 1);   // GONE-01's (PC-001 starts on a temporary)
  EXPECT_EQ(w.issued[9], 2);   // 2026-01-14: still held
  EXPECT_EQ(w.issued[10], 1);  // 2026-01-15: returned at 09:00
}

std::string problems_of(const nlohmann::json& j, const std::string& label = "bad.json") {
  try {
    load_scenario_text(j.dump(), label);
  } catch (const scenario_error& e) {
    std::string all;
    for (const auto& d : e.problems) all += d.message + "\n";
    return all;
  }
  return "";
}

TEST(InitialLicenses, BadRowsNameTheirLine) {
  temp_dir t;
  const std::string header =
      "#TYPE System.Management.ManagementObject#root\\cimv2\\Win32_TSIssuedLicense\r\n"
      "\"LicenseId\",\"KeyPackId\",\"sIssuedToUser\",\"sIssuedToComputer\",\"LicenseStatus\",\"IssueDate\","
      "\"ExpirationDate\",\"sHardwareId\",\"PSComputerName\"\r\n";
  const std::string good_hwid = "00112233445566778899AABBCCDDEEFF00112233";
  auto row = [&](int pack, const std::string& pc) {
    return "\"1\",\"" + std::to_string(pack) + "\",\"" + pc + "\",\"" + pc +
           "\",\"2\",\"20251201090000.000000+000\",\"20260201090000.000000+000\",\"" + good_hwid + "\",\"LS1\"\r\n";
  };
  std::string csv = header + row(1, "PC-001") + row(7, "PC-002");  // line 4: no pack 7
  for (int i = 0; i < 50; ++i) csv += row(1, "PC-0" + std::to_string(10 + i));  // the pack holds 50: line 55 is one too many
  { std::ofstream(t.path / "issued.csv") << csv; }
  nlohmann::json j = healthy();
  j["initial_licenses"] = "issued.csv";
  const std::string msg = problems_of(j, (t.path / "s.json").string());
  EXPECT_NE(msg.find("issued.csv line 4: KeyPackId \"7\" names no key pack of LS1 (known: 1 (DEV19), 2 (temporary))"),
            std::string::npos) << msg;
  EXPECT_NE(msg.find("issued.csv line 54: more licenses from LS1/DEV19 than the pack holds (50)"), std::string::npos)
      << msg;

  { std::ofstream(t.path / "issued.csv") << "#TYPE x\r\n\"LicenseId\",\"KeyPackId\"\r\n\"1\",\"1\"\r\n"; }
  const std::string missing = problems_of(j, (t.path / "s.json").string());
  EXPECT_NE(missing.find("line 1: no column \"sHardwareId\""), std::string::npos) << missing;
}

TEST(InitialLicenses, DatesInCimAndEnUsForm) {
  using detail::parse_wmi_time;
  const auto iso = [](const char* s) { return *detail::parse_iso(s); };
  EXPECT_EQ(parse_wmi_time("20260721093000.000000+000"), iso("2026-07-21T09:30:00"));
  EXPECT_EQ(parse_wmi_time("20260721093000.000000+060"), iso("2026-07-21T08:30:00"));  // 60 minutes east of UTC
  EXPECT_EQ(parse_wmi_time("20260721093000.000000-300"), iso("2026-07-21T14:30:00"));
  EXPECT_EQ(parse_wmi_time("7/21/2026 9:30:00 AM"), iso("2026-07-21T09:30:00"));
  EXPECT_EQ(parse_wmi_time("7/21/2026 12:05:00 AM"), iso("2026-07-21T00:05:00"));
  EXPECT_EQ(parse_wmi_time("12/1/2026 1:00:00 PM"), iso("2026-12-01T13:00:00"));
  EXPECT_FALSE(parse_wmi_time("2/30/2026 9:00:00 AM"));
  EXPECT_FALSE(parse_wmi_time("7/21/2026 13:00:00 PM"));
  EXPECT_FALSE(parse_wmi_time("yesterday"));
}

}  // namespace
}  // namespace calsim
