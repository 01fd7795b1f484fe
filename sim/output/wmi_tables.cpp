// Export-Csv shape: a first line "#TYPE <class>", then the header and every
// value in double quotes, CRLF line ends (Windows PowerShell 5.1 defaults).
// Columns: every property of the WMI class in the order of its MOF
// declaration (learn.microsoft.com, Win32_TSIssuedLicense and
// Win32_TSLicenseKeyPack), then PSComputerName (the license server, as
// Get-WmiObject adds it), so rows of two servers can be told apart.
// The values are decided by the model's snapshots (sim/model/snapshots.cpp):
//   KeyPackId      integer; issued_licenses.csv joins to key_packs.csv on (PSComputerName, KeyPackId)
//   LicenseId      the run's license number (1, 2, ...)
//   sHardwareId    the client's HardwareID, 40 hex digits
//   IssueDate, ExpirationDate  CIM_DATETIME in UTC, e.g. 20260105090000.000000+000
//   LicenseStatus  0 unknown, 1 temporary, 2 active, 3 upgraded, 4 revoked, 5 pending, 6 concurrent
//   KeyPackType    1 retail, 2 volume, 4 temporary, 5 open, 6 built-in
//   ProductType    0 per device, 1 per user, 3 the built-in pack
//   AccessRights   empty (null: not modelled)
//   TypeAndModel   "RDS Per Device CAL", "RDS Per User CAL", "Built-in TS Per Device CAL"
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

std::string type_and_model(const key_pack_row& r) {
  if (r.key_pack_type == 6) return "Built-in TS Per Device CAL";
  return r.product_type == 1 ? "RDS Per User CAL" : "RDS Per Device CAL";
}

}  // namespace

std::string cim_datetime(sim_time t) {
  std::string out;
  cim_datetime_text().append(out, t);
  return out;
}

const char* issued_licenses_header() {
  return "#TYPE System.Management.ManagementObject#root\\cimv2\\Win32_TSIssuedLicense\r\n"
         "\"LicenseId\",\"KeyPackId\",\"sIssuedToUser\",\"sIssuedToComputer\",\"LicenseStatus\",\"IssueDate\","
         "\"ExpirationDate\",\"sHardwareId\",\"PSComputerName\"\r\n";
}

void cim_datetime_text::append(std::string& out, sim_time t) {
  const sim_time day = day_floor(t);
  if (day != day_) {
    day_ = day;
    const std::string d = format_date(day);  // 2026-01-05
    ymd_ = d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2);
  }
  out += ymd_;
  const sim_time sod = t - day;
  for (const sim_time v : {sod / 3600, sod / 60 % 60, sod % 60}) {
    out.push_back(static_cast<char>('0' + v / 10));
    out.push_back(static_cast<char>('0' + v % 10));
  }
  out += ".000000+000";
}

void append_issued_license_row(std::string& out, const issued_license_row& r, issued_row_dates& dates) {
  quoted_int(out, static_cast<std::int64_t>(r.license_id));
  out.push_back(',');
  quoted_int(out, r.key_pack_id);
  out.push_back(',');
  append_csv_quoted(out, r.issued_to_user);
  out.push_back(',');
  append_csv_quoted(out, r.issued_to_computer);
  out.push_back(',');
  quoted_int(out, r.status);
  out += ",\"";
  dates.issued.append(out, r.issue_date);  // digits only: nothing to quote
  out += "\",\"";
  dates.expires.append(out, r.expiration_date);
  out += "\",";
  append_csv_quoted(out, r.hardware_id);
  out.push_back(',');
  append_csv_quoted(out, r.server);
  out += "\r\n";
}

std::string issued_licenses_csv(const std::vector<issued_license_row>& rows) {
  std::string out = issued_licenses_header();
  issued_row_dates dates;
  for (const auto& r : rows) append_issued_license_row(out, r, dates);
  return out;
}

std::string key_packs_csv(const std::vector<key_pack_row>& rows) {
  std::string out =
      "#TYPE System.Management.ManagementObject#root\\cimv2\\Win32_TSLicenseKeyPack\r\n"
      "\"KeyPackId\",\"Description\",\"KeyPackType\",\"ProductType\",\"ProductVersion\",\"ProductVersionID\","
      "\"TotalLicenses\",\"IssuedLicenses\",\"AvailableLicenses\",\"ExpirationDate\",\"AccessRights\","
      "\"TypeAndModel\",\"PSComputerName\"\r\n";
  for (const auto& r : rows) {
    quoted_int(out, r.key_pack_id);
    out.push_back(',');
    append_csv_quoted(out, r.description);
    out.push_back(',');
    quoted_int(out, r.key_pack_type);
    out.push_back(',');
    quoted_int(out, r.product_type);
    out.push_back(',');
    append_csv_quoted(out, r.product_version);
    out.push_back(',');
    quoted_int(out, r.product_version_id);
    out.push_back(',');
    quoted_int(out, r.total);
    out.push_back(',');
    quoted_int(out, r.issued);
    out.push_back(',');
    quoted_int(out, r.available);
    out.push_back(',');
    append_csv_quoted(out, cim_datetime(r.expiration_date));
    out += ",\"\",";  // AccessRights: null
    append_csv_quoted(out, type_and_model(r));
    out.push_back(',');
    append_csv_quoted(out, r.server);
    out += "\r\n";
  }
  return out;
}

}  // namespace calsim::detail
