// The files of `calsim run`, fed with synthetic records (OUTPUTS.md).
#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "calsim/output.hpp"
#include "synthetic_run.hpp"
#include "temp_dir.hpp"

namespace calsim {
namespace {

using nlohmann::json;
using test::lines_of;
using test::read_all;
using test::temp_dir;

// Runs the synthetic scenario into dir; returns the output_set's committed files.
std::vector<std::filesystem::path> write_run(const std::filesystem::path& dir, bool trace = true) {
  const scenario s = test::synthetic_scenario();
  output_set out(s, dir, {.trace = trace});
  test::feed_synthetic_run(s, out);
  out.finish(test::synthetic_result(s), test::synthetic_info(s));
  return out.files();
}

std::set<std::string> names_in(const std::filesystem::path& dir) {
  std::set<std::string> out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    out.insert(std::filesystem::relative(e.path(), dir).string());
  return out;
}

TEST(OutputSet, writes_every_file_of_a_run) {
  temp_dir t;
  write_run(t.path);
  const std::set<std::string> expected = {"summary.json", "timeline.csv", "connections.csv", "events.jsonl",
                                          "trace.jsonl", "issued_licenses.csv", "key_packs.csv", "registry",
                                          "registry/RDSH1.reg", "registry/PC001.reg", "report.html",
                                          "truth.json", "tsctst", "tsctst/PC001.txt", "manifest.json", "groups.csv"};
  EXPECT_EQ(names_in(t.path), expected);
}

TEST(OutputSet, no_trace_file_without_trace) {
  temp_dir t;
  write_run(t.path, false);
  EXPECT_FALSE(std::filesystem::exists(t.path / "trace.jsonl"));
  EXPECT_EQ(json::parse(read_all(t.path / "summary.json"))["trace_messages"], 0);
}

TEST(OutputSet, nothing_appears_before_finish) {
  temp_dir t;
  const scenario s = test::synthetic_scenario();
  {
    // Issue 19: the files go to a staging folder beside the target, swapped in by finish().
    const std::filesystem::path target = t.path / "run";
    output_set out(s, target, {.trace = true});
    test::feed_synthetic_run(s, out);
    EXPECT_FALSE(std::filesystem::exists(target)) << "the folder appears before finish";
    const auto staged = names_in(t.path);
    EXPECT_TRUE(std::any_of(staged.begin(), staged.end(), [](const std::string& n) {
      return n.rfind(".run.calsim-staging-", 0) == 0;
    })) << "no staging folder beside the target";
    out.finish(test::synthetic_result(s), test::synthetic_info(s));
    for (const auto& name : names_in(target)) EXPECT_NE(name[0], '.') << name << " left behind";
    for (const auto& name : names_in(t.path)) EXPECT_EQ(name.find("calsim-staging"), std::string::npos) << name;
  }
}

TEST(OutputSet, a_throwing_run_leaves_no_file) {
  temp_dir t;
  const scenario s = test::synthetic_scenario();
  try {
    output_set out(s, t.path / "run", {.trace = true});
    test::feed_synthetic_run(s, out);
    throw std::logic_error("invariant broke");
  } catch (const std::exception&) {
  }
  EXPECT_FALSE(std::filesystem::exists(t.path / "run"));  // the folder it made is gone too
}

TEST(OutputSet, a_throwing_run_keeps_the_previous_files) {
  temp_dir t;
  write_run(t.path);
  const std::string before = read_all(t.path / "timeline.csv");
  const scenario s = test::synthetic_scenario();
  try {
    output_set out(s, t.path, {});
    out.on_host_day({});
    throw std::runtime_error("model bug");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(read_all(t.path / "timeline.csv"), before);
  for (const auto& name : names_in(t.path)) EXPECT_NE(name[0], '.') << name;
}

TEST(OutputSet, timeline_csv_header_and_rows) {
  temp_dir t;
  write_run(t.path);
  const auto lines = lines_of(read_all(t.path / "timeline.csv"));
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0],
            "date,server,pack,type,version,total,issued,available,revoked,overused,temporary_valid,issued_today,"
            "renewed_today,returned_today,revoked_today");
  EXPECT_EQ(lines.size(), 1u + 2 * test::synthetic_days + (test::synthetic_days - 80));
  EXPECT_EQ(lines[1], "2026-01-05,LS1,DEV19,per_device,2019,50,1,49,0,0,3,1,0,0,0");
  EXPECT_EQ(lines[2], "2026-01-05,LS1,USR19,per_user,2019,20,0,20,0,0,3,0,0,0,0");
}

TEST(OutputSet, connections_csv_header_and_rows) {
  temp_dir t;
  write_run(t.path);
  const auto lines = lines_of(read_all(t.path / "connections.csv"));
  ASSERT_EQ(lines.size(), 1u + 2 * test::synthetic_days);
  EXPECT_EQ(lines[0], "date,host,attempted,allowed,allowed_in_grace,refused,grace_days_left,mode");
  EXPECT_EQ(lines[1], "2026-01-05,RDSH1,60,60,0,0,119,5");
  EXPECT_EQ(lines[2 * 50 + 2], "2026-02-24,RDSH2,60,48,0,12,69,2");
}

TEST(OutputSet, events_jsonl_has_exactly_the_documented_fields) {
  temp_dir t;
  write_run(t.path);
  const auto lines = lines_of(read_all(t.path / "events.jsonl"));
  ASSERT_EQ(lines.size(), 3u + 30 * 12);
  for (const auto& l : lines) {
    const json j = json::parse(l);
    ASSERT_EQ(j.size(), 7u) << l;
    for (const char* k : {"time", "node", "client", "event_id", "source", "rule", "message"})
      EXPECT_TRUE(j.contains(k)) << k;
    EXPECT_TRUE(std::regex_match(j["time"].get<std::string>(), std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)")));
  }
  EXPECT_EQ(lines[0],
            R"({"time":"2026-01-05T09:00:00","node":"RDSH1","client":null,"event_id":1069,)"
            R"("source":"Microsoft-Windows-TerminalServices-RemoteConnectionManager","rule":"R-GRACE-4",)"
            R"("message":"The grace period is over and the licensing mode is not configured"})");
  const json second = json::parse(lines[1]);
  EXPECT_TRUE(second["event_id"].is_null());
  EXPECT_EQ(second["client"], "PC001");
  const json quoted = json::parse(lines[2]);
  EXPECT_EQ(quoted["message"], "The Remote Desktop license server cannot issue a client license, \"PC51\"");
  EXPECT_EQ(quoted["time"], "2026-02-24T09:00:00");
}

TEST(OutputSet, trace_jsonl_fields_and_error_alert) {
  temp_dir t;
  write_run(t.path);
  const auto lines = lines_of(read_all(t.path / "trace.jsonl"));
  ASSERT_EQ(lines.size(), 9u);
  const json first = json::parse(lines[0]);
  EXPECT_EQ(first.size(), 8u);
  EXPECT_EQ(first["direction"], "server_to_client");
  EXPECT_EQ(first["message"], "LICENSE_REQUEST");
  EXPECT_EQ(first["type"], 1);
  EXPECT_EQ(first["connection"], 1);
  EXPECT_FALSE(first.contains("error"));
  EXPECT_EQ(json::parse(lines[1])["direction"], "client_to_server");
  const json alert = json::parse(lines[2]);
  EXPECT_EQ(alert.size(), 10u);
  EXPECT_TRUE(alert["server"].is_null());
  EXPECT_EQ(alert["type"], 255);
  EXPECT_EQ(alert["error"], "STATUS_VALID_CLIENT");
  EXPECT_EQ(alert["transition"], "ST_NO_TRANSITION");
}

TEST(OutputSet, issued_licenses_csv_is_export_csv_shaped) {
  temp_dir t;
  write_run(t.path);
  const std::string text = read_all(t.path / "issued_licenses.csv");
  const auto lines = lines_of(text);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "#TYPE System.Management.ManagementObject#root\\cimv2\\Win32_TSIssuedLicense\r");
  // Every property of the class in its MOF order, then PSComputerName.
  EXPECT_EQ(lines[1],
            "\"LicenseId\",\"KeyPackId\",\"sIssuedToUser\",\"sIssuedToComputer\",\"LicenseStatus\",\"IssueDate\","
            "\"ExpirationDate\",\"sHardwareId\",\"PSComputerName\"\r");
  EXPECT_EQ(lines[2],
            "\"1\",\"1\",\"CONTOSO\\alice\",\"PC001\",\"2\",\"20260105090000.000000+000\",\"20260306090000.000000+000\","
            "\"00112233445566778899aabbccddeeff00112233\",\"LS1\"\r");
  EXPECT_TRUE(lines[3].starts_with("\"2\",\"3\",\"bob, \"\"the builder\"\"\",\"PC002\",\"1\",")) << lines[3];
  EXPECT_TRUE(lines[3].ends_with(",\"LS1\"\r"));
}

TEST(OutputSet, key_packs_csv_is_export_csv_shaped) {
  temp_dir t;
  write_run(t.path);
  const auto lines = lines_of(read_all(t.path / "key_packs.csv"));
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "#TYPE System.Management.ManagementObject#root\\cimv2\\Win32_TSLicenseKeyPack\r");
  EXPECT_EQ(lines[1],
            "\"KeyPackId\",\"Description\",\"KeyPackType\",\"ProductType\",\"ProductVersion\",\"ProductVersionID\","
            "\"TotalLicenses\",\"IssuedLicenses\",\"AvailableLicenses\",\"ExpirationDate\",\"AccessRights\","
            "\"TypeAndModel\",\"PSComputerName\"\r");
  EXPECT_EQ(lines[2],
            "\"1\",\"A02-10.01-S\",\"2\",\"0\",\"Windows Server 2019\",\"6\",\"50\",\"50\",\"0\","
            "\"20260105000000.000000+000\",\"\",\"RDS Per Device CAL\",\"LS1\"\r");
  EXPECT_EQ(lines[3],
            "\"2\",\"C50-10.01-S\",\"1\",\"1\",\"Windows Server 2019\",\"6\",\"20\",\"39\",\"0\","
            "\"20260105000000.000000+000\",\"\",\"RDS Per User CAL\",\"LS1\"\r");
  // The temporary pack: KeyPackType 4, unlimited (-1), expires 2038-01-19T03:14:07.
  EXPECT_EQ(lines[4],
            "\"3\",\"A02-10.01-S\",\"4\",\"0\",\"Windows Server 2019\",\"6\",\"-1\",\"1\",\"-1\","
            "\"20380119031407.000000+000\",\"\",\"RDS Per Device CAL\",\"LS1\"\r");
}

TEST(OutputSet, tsctst_prints_one_block_per_stored_license) {
  temp_dir t;
  write_run(t.path);
  auto lines = lines_of(read_all(t.path / "tsctst" / "PC001.txt"));
  for (auto& l : lines) {  // values line up in a column: compare with single spaces
    std::string squeezed;
    for (char ch : l)
      if (ch != ' ' || squeezed.empty() || squeezed.back() != ' ') squeezed.push_back(ch);
    l = squeezed;
  }
  auto has = [&](const std::string& s) {
    return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l == s; });
  };
  EXPECT_TRUE(has("***Begin license 0 (LICENSE000)***\r"));
  EXPECT_TRUE(has(" Issuer: LS1\r"));
  EXPECT_TRUE(has(" Scope: CONTOSO\r"));
  EXPECT_TRUE(has(" Issued to computer: PC001\r"));
  EXPECT_TRUE(has(" License ID: A02-2019-S-1\r"));
  EXPECT_TRUE(has(" Type/Version: Permanent per device CAL, Windows Server 2019\r"));
  EXPECT_TRUE(has(" Valid from: 1/5/2026 9:00:00 AM\r"));
  EXPECT_TRUE(has(" Expires on: 3/6/2026 9:00:00 AM\r"));
  EXPECT_TRUE(has(" Hardware ID: 00112233445566778899AABBCCDDEEFF00112233\r"));
  EXPECT_FALSE(has("***Begin license 1 (LICENSE001)***\r"));
}

TEST(OutputSet, registry_files_parse_back) {
  temp_dir t;
  write_run(t.path);
  const scenario s = test::synthetic_scenario();
  const run_result r = test::synthetic_result(s);
  for (const auto& node : r.registry) {
    const std::string bytes = read_all(t.path / "registry" / (node.node + ".reg"));
    EXPECT_EQ(bytes, format_reg_file(node));
    EXPECT_EQ(parse_reg_file(bytes).size(), node.keys.size());
  }
}

TEST(OutputSet, summary_says_how_to_reproduce_and_the_key_figures) {
  temp_dir t;
  write_run(t.path);
  const json j = json::parse(read_all(t.path / "summary.json"));
  EXPECT_EQ(j["scenario"], "pool-runs-dry");
  EXPECT_EQ(j["seed"], 42);
  EXPECT_EQ(j["profile"], "ws2012");
  EXPECT_EQ(j["calsim_version"], version_string);
  EXPECT_EQ(j["calsim_commit"], build_commit);  // the build's identity: version and git commit
  EXPECT_EQ(j["start"], "2026-01-05T00:00:00");
  EXPECT_EQ(j["end"], "2026-05-05T00:00:00");
  EXPECT_EQ(j["reproduce"]["command"],
            "calsim run scenarios/pool-runs-dry.json --seed 42 --set /clients/0/count=120 "
            "--set '/description=with space'");
  EXPECT_EQ(j["reproduce"]["sets"].size(), 2u);
  EXPECT_EQ(j["peak_issued"]["LS1/DEV19"]["count"], 50);
  EXPECT_EQ(j["peak_issued"]["LS1/DEV19"]["date"], "2026-02-23");
  EXPECT_EQ(j["first_refusal"], "2026-02-24T09:00:00");
  EXPECT_EQ(j["pool_exhausted"], "2026-02-24T09:00:00");
  EXPECT_EQ(j["refusals"], 360);
  EXPECT_EQ(j["temporaries_issued"], 80);
  EXPECT_EQ(j["permanents"]["issued"], 62);
  EXPECT_EQ(j["permanents"]["renewed"], 7);
  EXPECT_EQ(j["permanents"]["returned"], 1);
  EXPECT_EQ(j["leaked"], 3);
  EXPECT_EQ(j["per_user"]["overused"], 19);
  EXPECT_EQ(j["connections"]["attempted"], 14400);
  EXPECT_EQ(j["events_by_id"]["1004"], 360);
  EXPECT_EQ(j["events_logged"], 363);
  EXPECT_EQ(j["trace_messages"], 9);
  ASSERT_EQ(j["expectations"].size(), 2u);
  EXPECT_EQ(j["expectations"][0]["passed"], false);
  EXPECT_EQ(j["expectations"][0]["metric"], "connections.refused");
  EXPECT_EQ(j["expectations"][0]["value"], 0);  // an integer, not 0.0
  EXPECT_EQ(j["expectations"][0]["when"], "always");
  EXPECT_EQ(j["expectations"][1]["op"], "<=");
  EXPECT_EQ(j["expectations_failed"], 1);
}

TEST(OutputSet, summary_is_byte_identical_for_identical_inputs) {
  temp_dir a, b;
  write_run(a.path / "x");
  write_run(b.path / "y");
  const std::string first = read_all(a.path / "x" / "summary.json");
  EXPECT_FALSE(first.empty());
  EXPECT_EQ(first, read_all(b.path / "y" / "summary.json"));
  for (const char* f : {"timeline.csv", "connections.csv", "events.jsonl", "report.html"})
    EXPECT_EQ(read_all(a.path / "x" / f), read_all(b.path / "y" / f)) << f;
}

TEST(OutputSet, finish_twice_is_an_error) {
  temp_dir t;
  const scenario s = test::synthetic_scenario();
  output_set out(s, t.path, {});
  out.finish(test::synthetic_result(s), test::synthetic_info(s));
  EXPECT_THROW(out.finish(test::synthetic_result(s), test::synthetic_info(s)), output_error);
}

TEST(OutputSet, default_output_dir_is_out_and_the_scenario_name) {
  EXPECT_EQ(default_output_dir(test::synthetic_scenario()), std::filesystem::path("out/pool-runs-dry"));
}

}  // namespace
}  // namespace calsim
