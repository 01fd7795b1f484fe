// Issue 14: `calsim import` builds a scenario from a license server's exports.
// The exports come from calsim runs of catalog stories, so what the import
// should find is known: clones sharing a HardwareID (R-CLI-3), rebuilt PCs
// with two (R-CLI-4), wiped stores with many (R-CLI-2). The scenario it writes
// loads and starts with the exported CALs in the pool. Bad rows are exit 2
// with the file's line, and nothing is written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "calsim/load.hpp"
#include "calsim/run.hpp"
#include "cli_runner.hpp"
#include "output/wmi_tables.hpp"

namespace calsim::detail {
namespace {

using outcome = calsim::test::cli_outcome;
outcome calsim(std::vector<std::string> args) { return calsim::test::run_calsim(std::move(args)); }

struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    path = std::filesystem::temp_directory_path() / ("calsim-import-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
  }
  ~temp_dir() { std::filesystem::remove_all(path); }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

// Runs a catalog story for `days` and writes its two WMI exports into `dir`.
run_result export_of(const std::string& story, int days, const temp_dir& dir) {
  const scenario s = load_scenario_file(CALSIM_SOURCE_DIR "/scenarios/" + story + ".json",
                                        {"/days=" + std::to_string(days), "/expect=[]"});
  run_observer none;
  run_result r = run_scenario(s, run_options{}, none);
  std::ofstream(dir.file("issued.csv")) << issued_licenses_csv(r.issued_licenses);
  std::ofstream(dir.file("packs.csv")) << key_packs_csv(r.key_packs);
  return r;
}

nlohmann::json group_named(const nlohmann::json& s, const std::string& name) {
  for (const auto& g : s["clients"])
    if (g["group"] == name) return g;
  return nullptr;
}

TEST(ImportCli, R_CLI_3_ClonesSharingAHardwareIdBecomeAClonedGroup) {
  temp_dir t;
  const run_result r = export_of("cloned-image-ping-pong", 120, t);
  const outcome o = calsim({"import", t.file("issued.csv"), "--key-packs", t.file("packs.csv"), "-o", t.file("today.json")});
  ASSERT_EQ(o.code, 0) << o.err;
  const auto s = nlohmann::json::parse(std::ifstream(t.file("today.json")));
  const auto clones = group_named(s, "clones-1");
  ASSERT_FALSE(clones.is_null()) << o.out;
  EXPECT_EQ(clones["kind"], "cloned");
  EXPECT_EQ(clones["count"], 10);
  EXPECT_EQ(clones["name"], "CL-{n:02}");  // the names fit a pattern: kept
  std::string clone_hwid;
  for (const auto& l : r.issued_licenses)
    if (l.issued_to_computer == "CL-01") clone_hwid = l.hardware_id;
  EXPECT_EQ(s["images"][0]["hardware_id"], clone_hwid);
  EXPECT_EQ(group_named(s, "pc")["count"], 30);
  EXPECT_EQ(s["license_servers"][0]["key_packs"][0]["count"], 200);  // from the key pack export

  // The scenario loads and starts from the exported pool.
  struct first_day : run_observer {
    std::int64_t issued = -1;
    void on_pack_day(const pack_day& d) override {
      if (issued < 0) issued = d.issued;
    }
  } w;
  run_scenario(load_scenario_file(t.file("today.json")), run_options{}, w);
  std::int64_t exported = 0;
  for (const auto& l : r.issued_licenses) exported += l.pack != "TEMPORARY";
  EXPECT_EQ(w.issued, exported);
}

TEST(ImportCli, R_CLI_4_RebuiltAndR_CLI_2_WipedComputersAreTheirOwnGroups) {
  temp_dir t;
  export_of("rebuilt-machine", 65, t);  // ten PCs rebuilt on day 57: both CALs still unexpired
  ASSERT_EQ(calsim({"import", t.file("issued.csv"), "-o", t.file("rebuilt.json")}).code, 0);
  const auto rebuilt = nlohmann::json::parse(std::ifstream(t.file("rebuilt.json")));
  const auto g = group_named(rebuilt, "rebuilt");
  ASSERT_FALSE(g.is_null());
  EXPECT_GE(g["count"].get<int>(), 5);
  EXPECT_EQ(g["name"], "rebuilt-{n:03}");  // renamed: the originals are in x-computers
  EXPECT_EQ(g["x-computers"].size(), g["count"].get<std::size_t>());
  EXPECT_EQ(rebuilt["license_servers"][0]["key_packs"][0].count("x-note"), 1u);  // no pack export: a guess, said so

  export_of("wipe-mslicensing-at-shutdown", 30, t);
  ASSERT_EQ(calsim({"import", t.file("issued.csv"), "-o", t.file("wiped.json")}).code, 0);
  const auto wiped = nlohmann::json::parse(std::ifstream(t.file("wiped.json")));
  EXPECT_EQ(group_named(wiped, "wiped")["kind"], "wipe_on_shutdown");
}

TEST(ImportCli, BadRowsAreExit2WithTheLineAndNothingIsWritten) {
  temp_dir t;
  const std::string header =
      "#TYPE System.Management.ManagementObject#root\\cimv2\\Win32_TSIssuedLicense\r\n"
      "\"LicenseId\",\"KeyPackId\",\"sIssuedToUser\",\"sIssuedToComputer\",\"LicenseStatus\",\"IssueDate\","
      "\"ExpirationDate\",\"sHardwareId\",\"PSComputerName\"\r\n";
  auto row = [](const std::string& pack, const std::string& issued) {
    return "\"1\",\"" + pack + "\",\"u\",\"PC-001\",\"2\",\"" + issued +
           "\",\"9/30/2026 9:00:00 AM\",\"00112233445566778899AABBCCDDEEFF00112233\",\"LS1\"\r\n";
  };
  const std::string packs =
      "#TYPE System.Management.ManagementObject#root\\cimv2\\Win32_TSLicenseKeyPack\r\n"
      "\"KeyPackId\",\"ProductType\",\"ProductVersion\",\"TotalLicenses\",\"KeyPackType\",\"PSComputerName\"\r\n"
      "\"1\",\"0\",\"Windows Server 2019\",\"1\",\"2\",\"LS1\"\r\n";
  std::ofstream(t.file("packs.csv")) << packs;
  const auto import = [&](const std::string& csv) {
    std::ofstream(t.file("issued.csv")) << csv;
    return calsim({"import", t.file("issued.csv"), "--key-packs", t.file("packs.csv"), "-o", t.file("out.json")});
  };
  outcome o = import(header + row("1", "7/21/2026 9:30:00 AM") + row("1", "the 22nd"));
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("issued.csv:4: IssueDate \"the 22nd\" is not a date"), std::string::npos) << o.err;
  o = import(header + row("1", "7/21/2026 9:30:00 AM") + row("9", "20260722093000.000000+000"));
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("issued.csv:4: KeyPackId \"9\" names no key pack of LS1"), std::string::npos) << o.err;
  o = import(header + row("1", "7/21/2026 9:30:00 AM") + row("1", "20260722093000.000000+000"));
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("issued.csv:4: more licenses from LS1/DEV19-1 than the pack holds (1)"), std::string::npos)
      << o.err;
  o = import("#TYPE x\r\n\"KeyPackId\",\"LicenseStatus\"\r\n\"1\",\"2\"\r\n");
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("issued.csv:1: no column \"sIssuedToComputer\""), std::string::npos) << o.err;
  EXPECT_FALSE(std::filesystem::exists(t.file("out.json")));
  // And a good one, in en-US dates as Get-CimInstance | Export-Csv writes them.
  o = import(header + row("1", "7/21/2026 9:30:00 AM"));
  ASSERT_EQ(o.code, 0) << o.err;
  const auto s = nlohmann::json::parse(std::ifstream(t.file("out.json")));
  EXPECT_EQ(s["start"], "2026-07-22");
  EXPECT_EQ(s["license_servers"][0]["key_packs"][0]["version"], 2019);
}

}  // namespace
}  // namespace calsim::detail
