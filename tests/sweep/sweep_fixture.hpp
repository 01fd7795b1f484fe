// Small scenarios for the sweep and size tests, built from JSON text.
#pragma once
#include <string>

#include "calsim/load.hpp"

namespace calsim::testing {

// Six office PCs with jitter and attendance (replications differ), one pack of
// 10 per-device CALs, 60 days.
inline std::string small_office_json(int days = 60) {
  return R"({
    "calsim": 1, "name": "small-office", "description": "Six PCs & one pack <test>", "seed": 11,
    "start": "2026-01-05", "days": )" + std::to_string(days) + R"(,
    "license_servers": [ { "name": "LS1", "version": 2019, "domain": "corp.example",
        "key_packs": [ { "id": "DEV19", "type": "per_device", "version": 2019, "count": 10 },
                       { "id": "DEV16", "type": "per_device", "version": 2016, "count": 3 } ] } ],
    "session_hosts": [ { "name": "RDSH1", "version": 2019, "domain": "corp.example",
        "installed": "2025-01-01", "licensing_mode": 2, "license_servers": ["LS1"] } ],
    "clients": [ { "group": "office", "count": 6, "name": "PC-{n:02}", "kind": "persistent",
        "hosts": ["RDSH1"],
        "schedule": { "days": "workdays", "at": ["09:00"], "jitter_minutes": 30, "attendance": 0.7 } } ]
  })";
}

// n persistent PCs connecting daily at 09:00 (no randomness), per device,
// `days` long; the pack holds `count` CALs. Server activated or not.
inline std::string daily_pcs_json(int n, int count, int days = 130, bool activated = true) {
  return R"({
    "calsim": 1, "name": "daily-pcs", "seed": 3, "start": "2026-01-05", "days": )" + std::to_string(days) + R"(,
    "license_servers": [ { "name": "LS1", "version": 2019, "domain": "corp.example", "activated": )" +
         std::string(activated ? "true" : "false") + R"(,
        "key_packs": [ { "id": "DEV19", "type": "per_device", "version": 2019, "count": )" +
         std::to_string(count) + R"( } ] } ],
    "session_hosts": [ { "name": "RDSH1", "version": 2019, "domain": "corp.example",
        "installed": "2025-01-01", "licensing_mode": 2, "license_servers": ["LS1"] } ],
    "clients": [ { "group": "office", "count": )" + std::to_string(n) + R"(, "name": "PC-{n:02}",
        "kind": "persistent", "hosts": ["RDSH1"], "schedule": { "days": "daily", "at": ["09:00"] } } ]
  })";
}

// k clones of one image (one HardwareID) connecting daily with jitter.
inline std::string clones_json(int k, int days = 200) {
  return R"({
    "calsim": 1, "name": "clones", "seed": 5, "start": "2026-01-05", "days": )" + std::to_string(days) + R"(,
    "license_servers": [ { "name": "LS1", "version": 2019, "domain": "corp.example",
        "key_packs": [ { "id": "DEV19", "type": "per_device", "version": 2019, "count": 100 } ] } ],
    "session_hosts": [ { "name": "RDSH1", "version": 2019, "domain": "corp.example",
        "installed": "2025-01-01", "licensing_mode": 2, "license_servers": ["LS1"] } ],
    "images": [ { "name": "GOLD", "hardware_id": "random", "license": "none" } ],
    "clients": [ { "group": "clones", "count": )" + std::to_string(k) + R"(, "name": "CL-{n:02}",
        "kind": "cloned", "image": "GOLD", "hosts": ["RDSH1"],
        "schedule": { "days": "daily", "at": ["10:00"], "jitter_minutes": 60 } } ]
  })";
}

inline scenario load_text(const std::string& text) { return load_scenario_text(text, "test.json"); }

}  // namespace calsim::testing
