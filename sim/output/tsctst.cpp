// TSCTST /A output. The fields are those TSCTST decodes from a LICENSE00x
// value (OUTPUTS.md): issuer, scope, issued to computer and user, license id,
// type and version, valid from, expires on, server certificate version,
// licensed product version, HardwareID, client platform id, company name.
// What calsim models and what it fills with a fixed value is in the README.
#include "output/tsctst.hpp"

#include <algorithm>
#include <cstdio>

#include "core/calendar.hpp"

namespace calsim::detail {
namespace {

// Licensed product version as (major << 16 | minor) of the CAL's Windows version.
unsigned product_version(int version) {
  switch (version) {
    case 2000: return 0x00050000;
    case 2003: return 0x00050002;
    case 2008: return 0x00060000;
    case 2012: return 0x00060002;
    case 2016: return 0x000A0000;
    case 2019: return 0x000A0001;
    case 2022: return 0x000A0002;
    case 2025: return 0x000A0003;
  }
  return 0;
}

std::string hex32(unsigned v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08X", v);
  return buf;
}

// "1/5/2026 9:03:00 AM" (en-US, as the tool prints local time; calsim's clock is UTC).
std::string us_datetime(sim_time t) {
  const std::string d = format_datetime(t);  // 2026-01-05T09:03:00
  const int year = std::stoi(d.substr(0, 4)), month = std::stoi(d.substr(5, 2)), day = std::stoi(d.substr(8, 2));
  const int hour = std::stoi(d.substr(11, 2));
  const int h12 = hour % 12 == 0 ? 12 : hour % 12;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%d/%d/%d %d:%s %s", month, day, year, h12, d.substr(14, 5).c_str(),
                hour < 12 ? "AM" : "PM");
  return buf;
}

}  // namespace

std::string tsctst_text(const client_store_snapshot& store) {
  std::string out;
  auto line = [&](const std::string& s) { out += s + "\r\n"; };
  // "  Label:" padded so the values line up.
  auto field = [&](const std::string& label, const std::string& value) {
    std::string l = "  " + label + ":";
    l.resize(std::max<std::size_t>(l.size() + 1, 39), ' ');
    line(l + value);
  };
  line("Terminal Server Client License Dump Tool (tsctst /A) on " + store.client);
  line("");
  if (store.licenses.empty()) {
    line("No license found in HKLM\\SOFTWARE\\Microsoft\\MSLicensing\\Store.");
    return out;
  }
  for (std::size_t i = 0; i < store.licenses.size(); ++i) {
    const store_license_row& l = store.licenses[i];
    char name[32];
    std::snprintf(name, sizeof name, "LICENSE%03zu", i);
    line("***Begin license " + std::to_string(i) + " (" + name + ")***");
    field("Issuer", l.issuer);
    field("Scope", l.scope);
    field("Issued to computer", l.issued_to_computer);
    field("Issued to user", l.issued_to_user);
    field("License ID", l.license_id + "-" + std::to_string(l.license_number));
    field("Type/Version", std::string(l.temporary ? "Temporary" : "Permanent") + " per device CAL, Windows Server " +
                              std::to_string(l.version));
    field("Valid from", us_datetime(l.valid_from));
    field("Expires on", us_datetime(l.expires));
    field("License server certificate version", hex32(0x00050001));
    field("Licensed product version", hex32(product_version(l.version)));
    field("Hardware ID", l.hardware_id);
    field("Client platform ID", hex32(0x04010000));
    field("Company name", "Microsoft Corporation");
    line("***End license " + std::to_string(i) + "***");
    line("");
  }
  return out;
}

}  // namespace calsim::detail
