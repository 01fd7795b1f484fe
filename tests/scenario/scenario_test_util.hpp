// Helpers for the loader tests.
#pragma once
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"

namespace calsim::test {

// The problems a text is refused with (empty when it loads).
inline diagnostics problems_of(std::string_view text, const std::vector<std::string>& sets = {}) {
  try {
    load_scenario_text(text, "t.json", sets);
  } catch (const scenario_error& e) {
    return e.problems;
  }
  return {};
}

// 1-based line and column of the first occurrence of `needle` (ASCII text).
inline std::pair<int, int> pos_of(std::string_view text, std::string_view needle) {
  const std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string_view::npos) << needle;
  int line = 1, col = 1;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

inline std::string all_text(const diagnostics& ds) {
  std::string s;
  for (const auto& d : ds) s += format_diagnostic(d) + "\n";
  return s;
}

// The diagnostic for `pointer`; fails the test when there is none.
inline diagnostic diag_at(const diagnostics& ds, std::string_view pointer) {
  for (const auto& d : ds)
    if (d.pointer == pointer) return d;
  ADD_FAILURE() << "no diagnostic at " << pointer << " in:\n" << all_text(ds);
  return {};
}

// Replaces the first `from` in `text` with `to`.
inline std::string with(std::string text, std::string_view from, std::string_view to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

// A small valid scenario, one item per line, for the error tests.
inline const std::string base = R"({
  "calsim": 1,
  "start": "2026-01-05",
  "days": 30,
  "license_servers": [
    { "name": "LS1", "key_packs": [ { "id": "P1", "type": "per_device", "version": 2019, "count": 10 } ] }
  ],
  "session_hosts": [
    { "name": "H1", "license_servers": ["LS1"] }
  ],
  "clients": [
    { "group": "office", "count": 5, "name": "PC-{n}", "hosts": ["H1"],
      "schedule": { "days": "daily", "at": ["09:00"] } }
  ],
  "actions": [
    { "at": "2026-01-10", "do": "restart_host", "host": "H1" }
  ],
  "expect": [
    { "at": "2026-01-20", "metric": "pool.LS1.P1.issued", "op": "<=", "value": 10 }
  ]
}
)";

inline std::string data_file(const std::string& rel) { return std::string(CALSIM_SOURCE_DIR) + "/" + rel; }

}  // namespace calsim::test
