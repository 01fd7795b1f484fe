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
std::string key_packs_csv(const std::vector<key_pack_row>& rows);

}  // namespace calsim::detail
