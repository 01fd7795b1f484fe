// Helpers for model tests: scenarios built as JSON, runs recorded in memory.
#pragma once
#include <gtest/gtest.h>

#include <deque>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "calsim/load.hpp"
#include "calsim/run.hpp"
#include "core/calendar.hpp"

namespace calsim::testing {

using nlohmann::json;

// A small healthy estate: one 2019 license server with 50 per-device CALs,
// one per-device host installed long before the run, 1 persistent client.
inline json base_scenario() {
  return json::parse(R"({
    "calsim": 1, "name": "t", "seed": 7, "start": "2026-01-05", "days": 200,
    "license_servers": [ { "name": "LS1", "version": 2019, "domain": "corp.example",
        "key_packs": [ { "id": "DEV19", "type": "per_device", "version": 2019, "count": 50 } ] } ],
    "session_hosts": [ { "name": "RDSH1", "version": 2019, "domain": "corp.example",
        "installed": "2025-01-01", "licensing_mode": 2, "license_servers": ["LS1"] } ],
    "clients": [ { "group": "office", "count": 1, "name": "PC-{n:03}", "kind": "persistent",
        "hosts": ["RDSH1"], "schedule": { "days": "daily", "at": ["09:00"] } } ]
  })");
}

struct recorded_run {
  run_result result;
  std::vector<log_event> events;  // message copied; views into names stay valid only in `names`
  std::vector<std::string> event_clients;
  std::vector<pack_day> packs;
  std::vector<host_day> hosts;
  std::vector<std::string> trace;  // "connection client message[error]"
  std::vector<connection_record> connections;
  std::vector<std::string> decisions;  // connection_record::decision copies
  std::vector<std::string> connection_clients;
  std::vector<std::string> connection_servers;  // "" when no license server was found
  std::deque<std::string> pack_names;  // storage for pack_day::pack (addresses stay valid)

  std::int64_t count_events(int id) const {
    std::int64_t n = 0;
    for (const auto& e : events) n += e.event_id == id;
    return n;
  }
  // Timeline value of a pack on a date ("YYYY-MM-DD").
  const pack_day* day(const std::string& date, const std::string& pack = "DEV19") const {
    const sim_time d = *detail::parse_iso(date);
    for (const auto& p : packs)
      if (p.date == d && p.pack == pack) return &p;
    return nullptr;
  }
};

class recorder final : public run_observer {
 public:
  explicit recorder(recorded_run& r) : r_(r) {}
  void on_event(const log_event& e) override {
    log_event copy = e;
    copy.node = {};
    copy.rule = {};
    r_.event_clients.emplace_back(e.client);
    copy.client = {};
    r_.events.push_back(std::move(copy));
  }
  void on_trace(const trace_message& t) override {
    r_.trace.push_back(std::to_string(t.connection) + " " + std::string(t.client) + " " + std::string(t.message) +
                       (t.error.empty() ? "" : "[" + std::string(t.error) + "]"));
  }
  void on_pack_day(const pack_day& p) override {
    pack_day copy = p;
    copy.server = {};
    copy.pack = r_.pack_names.emplace_back(std::string(p.pack));
    r_.packs.push_back(copy);
  }
  void on_host_day(const host_day& h) override {
    host_day copy = h;
    copy.host = {};
    r_.hosts.push_back(copy);
  }
  void on_connection(const connection_record& c) override {
    connection_record copy = c;
    r_.decisions.emplace_back(c.decision);
    r_.connection_clients.emplace_back(c.client);
    r_.connection_servers.emplace_back(c.server);
    copy.client = copy.host = copy.server = copy.decision = copy.outcome = {};
    copy.rule = {};
    r_.connections.push_back(copy);
  }

 private:
  recorded_run& r_;
};

inline scenario load(const json& j) { return load_scenario_text(j.dump(2), "test.json"); }

inline recorded_run run(const json& j, bool trace = false) {
  const scenario s = load(j);
  recorded_run r;
  recorder rec(r);
  run_options o;
  o.trace = trace;
  r.result = run_scenario(s, o, rec);
  return r;
}

inline sim_time at(const std::string& iso) { return *detail::parse_iso(iso); }

}  // namespace calsim::testing
