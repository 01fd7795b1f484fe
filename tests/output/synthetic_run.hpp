// A made-up run for the output tests: records fed to an observer as the
// model would, and a run_result to finish with. No model involved.
#pragma once
#include <string>
#include <vector>

#include "calsim/output.hpp"
#include "core/calendar.hpp"

namespace calsim::test {

inline constexpr int synthetic_days = 120;

inline scenario synthetic_scenario() {
  scenario s;
  s.name = "pool-runs-dry";
  s.description =
      "A 50-CAL per-device pack for 120 clients: the pool runs dry in March, connections are refused "
      "until a second pack of 25 is added.\nWatch the issued line meet the total, then the red bars.";
  s.rules = rules_profile::ws2012;
  s.seed = 42;
  s.start = *detail::parse_iso("2026-01-05");
  s.end = s.start + days(synthetic_days);
  license_server_spec ls;
  ls.name = "LS1";
  ls.key_packs.push_back({"DEV19", pack_type::per_device, 2019, 50, pack_kind::volume, s.start});
  ls.key_packs.push_back({"USR19", pack_type::per_user, 2019, 20, pack_kind::retail, s.start});
  s.license_servers.push_back(ls);
  for (const char* h : {"RDSH1", "RDSH2"}) {
    session_host_spec host;
    host.name = h;
    host.license_servers = {"LS1"};
    s.session_hosts.push_back(host);
  }
  client_group_spec g;
  g.group = "office";
  g.count = 120;
  s.clients.push_back(g);
  s.initial_groups = 1;

  action_spec restart;
  restart.at = s.start + days(20) + 8 * seconds_per_hour;
  restart.verb = action_verb::restart_host;
  restart.host = 1;
  restart.pointer = "/actions/0";
  action_spec mode;
  mode.at = s.start + days(20) + 7 * seconds_per_hour;
  mode.verb = action_verb::set_licensing_mode;
  mode.host = 1;
  mode.value = 2;
  mode.pointer = "/actions/1";
  action_spec add;
  add.at = s.start + days(80) + 10 * seconds_per_hour;
  add.verb = action_verb::add_key_pack;
  add.server = 0;
  add.pack = key_pack_spec{"DEV22", pack_type::per_device, 2022, 25, pack_kind::open, add.at};
  add.pointer = "/actions/2";
  s.actions = {mode, restart, add};

  expectation_spec e1;
  e1.metric = "connections.refused";
  e1.op = compare_op::eq;
  e1.value = 0;
  e1.at_instant = false;
  e1.from = s.start;
  e1.to = s.end;
  e1.pointer = "/expect/0";
  expectation_spec e2;
  e2.metric = "pool.LS1.DEV19.issued";
  e2.op = compare_op::le;
  e2.value = 50;
  e2.at = s.end - 1;
  e2.pointer = "/expect/1";
  s.expect = {e1, e2};
  s.source_file = "scenarios/pool-runs-dry.json";
  return s;
}

// Day d: DEV19 fills by one a day up to 50 (full on day 50); refusals from
// day 50 to 79 (12 a day, event 1004 each); DEV22 installed on day 80.
inline void feed_synthetic_run(const scenario& s, run_observer& o, bool with_trace = true) {
  std::uint64_t connection = 0;
  for (int d = 0; d < synthetic_days; ++d) {
    const sim_time day = s.start + days(d);
    if (d == 0) {
      o.on_event({day + 9 * seconds_per_hour, "RDSH1", "", 1069, "R-GRACE-4",
                  "The grace period is over and the licensing mode is not configured", "Microsoft-Windows-TerminalServices-RemoteConnectionManager"});
      o.on_event({day + 9 * seconds_per_hour, "RDSH1", "PC001", 0, "R-MODE-2", "LicensingMode 7 behaves as 5", "calsim"});
    }
    const int refused = d >= 50 && d < 80 ? 12 : 0;
    for (int k = 0; k < refused; ++k) {
      const std::string client = "PC" + std::to_string(51 + k);
      log_event e{day + 9 * seconds_per_hour + k * 60, "RDSH2", client, 1004, "R-DEV-8",
                  "The Remote Desktop license server cannot issue a client license, \"" + client + "\"", "Microsoft-Windows-TerminalServices-RemoteConnectionManager"};
      o.on_event(e);
    }
    if (d == 50)
      o.on_event({day + 9 * seconds_per_hour, "LS1", "", 21, "R-DEV-6", "No permanent licenses left for DEV19",
                  "Microsoft-Windows-TerminalServices-Licensing"});
    if (with_trace && d < 3) {
      ++connection;
      const sim_time t = day + 9 * seconds_per_hour;
      o.on_trace({t, connection, "PC001", "RDSH1", "LS1", true, "LICENSE_REQUEST", 0x01, "", ""});
      o.on_trace({t, connection, "PC001", "RDSH1", "LS1", false, "LICENSE_INFO", 0x12, "", ""});
      o.on_trace({t, connection, "PC001", "RDSH1", "", true, "ERROR_ALERT", 0xFF, "STATUS_VALID_CLIENT",
                  "ST_NO_TRANSITION"});
    }
    pack_day p;
    p.date = day;
    p.server = "LS1";
    p.pack = "DEV19";
    p.version = 2019;
    p.total = 50;
    p.issued = std::min(50, d + 1);
    p.available = p.total - p.issued;
    p.temporary_valid = d >= 50 ? 12 : 3;
    p.issued_today = d < 50 ? 1 : 0;
    o.on_pack_day(p);
    pack_day u = p;
    u.pack = "USR19";
    u.type = pack_type::per_user;
    u.total = 20;
    u.issued = std::min(25, d / 3);
    u.available = std::max<std::int64_t>(0, 20 - u.issued);
    u.overused = std::max<std::int64_t>(0, u.issued - 20);
    u.issued_today = 0;
    o.on_pack_day(u);
    if (d >= 80) {
      pack_day n = p;
      n.pack = "DEV22";
      n.version = 2022;
      n.total = 25;
      n.issued = std::min(25, 12 + (d - 80));
      n.available = n.total - n.issued;
      o.on_pack_day(n);
    }
    for (const char* h : {"RDSH1", "RDSH2"}) {
      host_day hd;
      hd.date = day;
      hd.host = h;
      hd.attempted = 60;
      hd.refused = std::string_view(h) == "RDSH2" ? refused : 0;
      hd.allowed = hd.attempted - hd.refused;
      hd.grace_days_left = std::max(0, 119 - d);
      hd.mode = std::string_view(h) == "RDSH2" && d >= 20 ? 2 : 5;
      o.on_host_day(hd);
    }
  }
}

inline reg_value reg_dword(std::string name, std::uint32_t v) {
  reg_value r;
  r.type = reg_value::kind::dword;
  r.name = std::move(name);
  r.dword = v;
  return r;
}
inline reg_value reg_binary(std::string name, std::size_t n, std::uint8_t seed) {
  reg_value r;
  r.type = reg_value::kind::binary;
  r.name = std::move(name);
  for (std::size_t i = 0; i < n; ++i) r.bytes.push_back(static_cast<std::uint8_t>(seed + i * 37));
  return r;
}
inline reg_value reg_string(std::string name, std::string text) {
  reg_value r;
  r.type = reg_value::kind::string;
  r.name = std::move(name);
  r.text = std::move(text);
  return r;
}
inline reg_value reg_multi(std::string name, std::vector<std::string> strings) {
  reg_value r;
  r.type = reg_value::kind::multi_string;
  r.name = std::move(name);
  r.strings = std::move(strings);
  return r;
}

inline run_result synthetic_result(const scenario& s) {
  run_result r;
  r.peak_issued = {{"LS1/DEV19", 50}, {"LS1/USR19", 39}, {"LS1/DEV22", 25}};
  r.peak_issued_date = {{"LS1/DEV19", s.start + days(49)}, {"LS1/USR19", s.start + days(117)},
                        {"LS1/DEV22", s.start + days(93)}};
  r.first_refusal = s.start + days(50) + 9 * seconds_per_hour;
  r.pool_exhausted = s.start + days(50) + 9 * seconds_per_hour;
  r.connections_attempted = 120 * synthetic_days;
  r.connections_refused = 360;
  r.connections_allowed = r.connections_attempted - r.connections_refused;
  r.temporaries_issued = 80;
  r.permanents_issued = 62;
  r.permanents_renewed = 7;
  r.permanents_returned = 1;
  r.leaked = 3;
  r.per_user_issued = 39;
  r.per_user_overused = 19;
  r.events_by_id = {{1069, 1}, {1004, 360}, {21, 1}};
  r.expectations.push_back({&s.expect[0], false, 12, s.start + days(50) + 9 * seconds_per_hour});
  r.expectations.push_back({&s.expect[1], true, 50, s.end - 1});

  issued_license_row l;
  l.server = "LS1";
  l.pack = "DEV19";
  l.key_pack_id = 1;
  l.license_id = 1;
  l.issued_to_user = "CONTOSO\\alice";
  l.issued_to_computer = "PC001";
  l.hardware_id = "00112233445566778899aabbccddeeff00112233";
  l.issue_date = s.start + 9 * seconds_per_hour;
  l.expiration_date = l.issue_date + days(60);
  r.issued_licenses.push_back(l);
  l.pack = "TEMPORARY";
  l.key_pack_id = 3;
  l.license_id = 2;
  l.issued_to_user = "bob, \"the builder\"";
  l.issued_to_computer = "PC002";
  l.status = 1;
  r.issued_licenses.push_back(l);
  r.key_packs.push_back({"LS1", "DEV19", pack_type::per_device, pack_kind::volume, 2019, 50, 0, 50, 1, "A02-10.01-S",
                         2, 0, "Windows Server 2019", 6, s.start});
  r.key_packs.push_back({"LS1", "USR19", pack_type::per_user, pack_kind::retail, 2019, 20, 0, 39, 2, "C50-10.01-S", 1,
                         1, "Windows Server 2019", 6, s.start});
  r.key_packs.push_back({"LS1", "TEMPORARY", pack_type::per_device, pack_kind::volume, 2019, -1, -1, 1, 3,
                         "A02-10.01-S", 4, 0, "Windows Server 2019", 6, 2147483647});
  client_store_snapshot store{"PC001", {}};
  store.licenses.push_back({"LS1", "CONTOSO", "PC001", "CONTOSO\\alice", "A02-2019-S", 1, false, 2019,
                            s.start + 9 * seconds_per_hour, s.start + 9 * seconds_per_hour + days(60),
                            "00112233445566778899AABBCCDDEEFF00112233"});
  r.client_stores.push_back(store);

  const std::string rcm = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM";
  node_registry host{"RDSH1", {}};
  host.keys.push_back({rcm + "\\Licensing Core", {reg_dword("LicensingMode", 5), reg_dword("Big", 0xdeadbeef)}});
  host.keys.push_back({rcm + "\\GracePeriod", {reg_binary("L$RTMTIMEBOMB_1320153D-8DA3-4e8e-B27B-0D888223A588", 8, 1)}});
  host.keys.push_back({"HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\TermService\\Parameters\\LicenseServers",
                       {reg_multi("SpecifiedLicenseServers", {"LS1", "ls2.contoso.com"})}});
  host.keys.push_back({"HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services",
                       {reg_string("LicenseServers", "LS1,LS2"), reg_string("", "default \"quoted\" C:\\path")}});
  r.registry.push_back(host);
  node_registry client{"PC001", {}};
  client.keys.push_back({"HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MSLicensing\\HardwareID",
                         {reg_binary("ClientHWID", 20, 7)}});
  client.keys.push_back({"HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MSLicensing\\Store\\LICENSE000",
                         {reg_binary("ClientLicense", 300, 3), reg_binary("CompanyName", 44, 9),
                          reg_multi("Empty", {}), reg_string("Ünïcødé", "naïve – ok")}});
  r.registry.push_back(client);
  return r;
}

inline run_info synthetic_info(const scenario& s) {
  run_info info;
  info.seed = s.seed;
  info.seed_option = 42;
  info.sets = {"/clients/0/count=120", "/description=with space"};
  info.argv = {"calsim", "run", s.source_file, "--seed", "42", "--set", "/clients/0/count=120"};
  info.scenario_file = s.source_file;
  return info;
}

}  // namespace calsim::test
