// `calsim import`: a scenario that starts from a real license server's state
// (OUTPUTS.md). From a Win32_TSIssuedLicense export (and optionally the
// Win32_TSLicenseKeyPack one) it infers the packs, the client groups (one
// client per computer; computers sharing a HardwareID → a cloned group with
// its image; computers with several HardwareIDs → rebuilt, or wiped stores
// when they have three or more) and writes them with every license as
// `initial_licenses`, named and annotated (`x-…` members) for an architect to
// edit. Bad input is a scenario_error whose diagnostics name the CSV line.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "calsim/time.hpp"

namespace calsim::detail {

struct import_request {
  std::string issued_csv;                // path
  std::optional<std::string> packs_csv;  // path (--key-packs)
  std::string name;                      // scenario name
  std::optional<sim_time> start;         // default: the day after the newest IssueDate
  int days = 365;
};

struct import_group {
  std::string group, kind, why;
  std::size_t count = 0;
};

struct import_result {
  nlohmann::ordered_json scenario;
  std::vector<import_group> groups;
  std::size_t rows = 0, left_out = 0;  // rows read; rows expired by start or revoked
};

import_result import_estate(const import_request& request);

}  // namespace calsim::detail
