// A program linking the installed calsim: runs a scenario through the public
// API (no files written) and checks one figure. Exit 0 when it holds.
#include <calsim/load.hpp>
#include <calsim/run.hpp>
#include <iostream>

int main() {
  const char* text = R"({
    "calsim": 1, "name": "consumer", "start": "2026-01-05", "days": 20,
    "license_servers": [ { "name": "LS1", "domain": "corp.example", "key_packs": [ { "id": "P1", "type": "per_device", "version": 2019, "count": 10 } ] } ],
    "session_hosts": [ { "name": "H1", "domain": "corp.example", "licensing_mode": 2, "license_servers": ["LS1"] } ],
    "clients": [ { "group": "office", "count": 6, "name": "PC-{n}", "hosts": ["H1"],
                   "schedule": { "days": "daily", "at": ["09:00"] } } ] })";
  const calsim::scenario s = calsim::load_scenario_text(text, "consumer.json");
  calsim::run_observer ignore;  // override on_event, on_pack_day, ... to stream records
  const calsim::run_result r = calsim::run_scenario(s, {}, ignore);
  // Six persistent PCs connecting every day hold six permanent CALs.
  const auto peak = r.peak_issued.at("LS1/P1");
  std::cout << "peak issued LS1/P1: " << peak << ", key pack rows: " << r.key_packs.size() << "\n";
  if (peak != 6) {
    std::cerr << "expected 6 CALs issued at the peak\n";
    return 1;
  }
  return 0;
}
