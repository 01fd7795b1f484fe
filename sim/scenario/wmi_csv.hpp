// Reading what an admin exports from a license server: `Get-WmiObject
// Win32_TSIssuedLicense | Export-Csv` (or Get-CimInstance) and the same for
// Win32_TSLicenseKeyPack. Used by `initial_licenses` and `calsim import`.
#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calsim/time.hpp"

namespace calsim::detail {

// An Export-Csv file: an optional "#TYPE …" line, a header, then rows
// (RFC 4180 quoting, CRLF or LF). `line` is each row's 1-based line in the file.
struct csv_table {
  std::vector<std::string> header;
  struct row {
    std::size_t line = 0;
    std::vector<std::string> fields;
  };
  std::vector<row> rows;
  // Index of a column by name (case-insensitive, as PowerShell), or -1.
  int column(std::string_view name) const;
};

// nullopt and `error` ("line N: …") when the text is not such a file.
std::optional<csv_table> read_export_csv(std::string_view text, std::string& error);

// A WMI date: CIM_DATETIME as Get-WmiObject gives it ("20260721093000.000000+000",
// the offset in minutes east of UTC), en-US as Get-CimInstance | Export-Csv
// writes it ("7/21/2026 9:30:00 AM", read as UTC), or ISO "2026-07-21T09:30:00".
std::optional<sim_time> parse_wmi_time(std::string_view text);

// 40 hexadecimal digits (sHardwareId), either case.
std::optional<std::array<std::uint8_t, 20>> parse_hardware_id(std::string_view text);

}  // namespace calsim::detail
