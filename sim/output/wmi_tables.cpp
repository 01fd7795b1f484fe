// Export-Csv shape: a first line "#TYPE <class>", then the header and every
// value in double quotes, CRLF line ends (Windows PowerShell 5.1 defaults).
// Columns are OUTPUTS.md's, then PSComputerName (the license server, as
// Get-WmiObject adds it), so rows of two servers can be told apart.
// Choices (README):
//   KeyPackId      the scenario's pack id (WMI has a number; the id matches timeline.csv);
//                  issued temporaries use "TEMPORARY", the Windows 2000 built-in pool "A02-5.00-EX"
//   LicenseId      the run's license number (1, 2, ...)
//   sHardwareId    the client's HardwareID, 40 hex digits
//   IssueDate, ExpirationDate  CIM_DATETIME in UTC, e.g. 20260105090000.000000+000
//   LicenseStatus  number: 1 temporary, 2 active, 4 revoked (WMI's values)
//   KeyPackType    number as WMI: 1 retail, 2 volume, 5 open
//   ProductVersion text as WMI shows it: "Windows Server 2019"
//   ProductType    number as WMI: 0 per device, 1 per user
#include "output/wmi_tables.hpp"

#include <cstdio>

#include "core/calendar.hpp"
#include "output/csv.hpp"

namespace calsim::detail {
namespace {

void quoted_int(std::string& out, std::int64_t v) {
  out.push_back('"');
  append_int(out, v);
  out.push_back('"');
}

int key_pack_type(pack_kind k) {
  switch (k) {
    case pack_kind::retail: return 1;
    case pack_kind::volume: return 2;
    case pack_kind::open: return 5;
  }
  return 0;
}

std::string product_version(int version) {
  if (version == 2000) return "Windows 2000 Server";
  return "Windows Server " + std::to_string(version);
}

}  // namespace

std::string cim_datetime(sim_time t) {
  const std::string d = format_datetime(t);  // 2026-01-05T09:00:00
  return d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2) + d.substr(11, 2) + d.substr(14, 2) + d.substr(17, 2) +
         ".000000+000";
}

std::string issued_licenses_csv(const std::vector<issued_license_row>& rows) {
  std::string out =
      "#TYPE System.Management.ManagementObject#root\\cimv2\\Win32_TSIssuedLicense\r\n"
      "\"KeyPackId\",\"LicenseId\",\"sIssuedToUser\",\"sIssuedToComputer\",\"sHardwareId\",\"IssueDate\","
      "\"ExpirationDate\",\"LicenseStatus\",\"PSComputerName\"\r\n";
  for (const auto& r : rows) {
    append_csv_quoted(out, r.key_pack_id);
    out.push_back(',');
    quoted_int(out, static_cast<std::int64_t>(r.license_id));
    out.push_back(',');
    append_csv_quoted(out, r.issued_to_user);
    out.push_back(',');
    append_csv_quoted(out, r.issued_to_computer);
    out.push_back(',');
    append_csv_quoted(out, r.hardware_id);
    out.push_back(',');
    append_csv_quoted(out, cim_datetime(r.issue_date));
    out.push_back(',');
    append_csv_quoted(out, cim_datetime(r.expiration_date));
    out.push_back(',');
    quoted_int(out, r.status);
    out.push_back(',');
    append_csv_quoted(out, r.server);
    out += "\r\n";
  }
  return out;
}

std::string key_packs_csv(const std::vector<key_pack_row>& rows) {
  std::string out =
      "#TYPE System.Management.ManagementObject#root\\cimv2\\Win32_TSLicenseKeyPack\r\n"
      "\"KeyPackId\",\"KeyPackType\",\"ProductVersion\",\"ProductType\",\"TotalLicenses\","
      "\"AvailableLicenses\",\"IssuedLicenses\",\"PSComputerName\"\r\n";
  for (const auto& r : rows) {
    append_csv_quoted(out, r.id);
    out.push_back(',');
    quoted_int(out, key_pack_type(r.kind));
    out.push_back(',');
    append_csv_quoted(out, product_version(r.version));
    out.push_back(',');
    quoted_int(out, r.type == pack_type::per_user ? 1 : 0);
    out.push_back(',');
    quoted_int(out, r.total);
    out.push_back(',');
    quoted_int(out, r.available);
    out.push_back(',');
    quoted_int(out, r.issued);
    out.push_back(',');
    append_csv_quoted(out, r.server);
    out += "\r\n";
  }
  return out;
}

}  // namespace calsim::detail
