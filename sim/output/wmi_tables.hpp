// issued_licenses.csv and key_packs.csv, shaped like
// `Get-WmiObject Win32_TSIssuedLicense | Export-Csv` (and Win32_TSLicenseKeyPack).
#pragma once
#include <string>
#include <vector>

#include "calsim/run.hpp"

namespace calsim::detail {

// CIM_DATETIME as WMI shows it: "yyyymmddHHMMSS.mmmmmm+UUU" (UTC: "+000").
std::string cim_datetime(sim_time t);
std::string issued_licenses_csv(const std::vector<issued_license_row>& rows);

// The same file a row at a time (calsim run streams it, issue 18): the
// header, then each row. CIM dates are built from a one-day cache.
class cim_datetime_text {
 public:
  void append(std::string& out, sim_time t);

 private:
  sim_time day_ = -1;
  std::string ymd_;  // "yyyymmdd"
};
struct issued_row_dates {
  cim_datetime_text issued, expires;
};
const char* issued_licenses_header();
void append_issued_license_row(std::string& out, const issued_license_row& r, issued_row_dates& dates);
std::string key_packs_csv(const std::vector<key_pack_row>& rows);

}  // namespace calsim::detail
