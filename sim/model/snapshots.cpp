// End-of-run tables (Win32_TSIssuedLicense, Win32_TSLicenseKeyPack) and the
// simulated registry of hosts and clients (RULES.md R-MODE-1/3, R-GRACE-2, R-CLI-1).
#include <cstdio>

#include "core/calendar.hpp"
#include "model/grace.hpp"
#include "model/simulation.hpp"
#include "scenario/name_pattern.hpp"

namespace calsim::detail {
namespace {

const char* const rcm = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\RCM";
const char* const policy_key = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services";
const char* const ts_params = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\TermService\\Parameters\\LicenseServers";
const char* const mslicensing = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\MSLicensing";
const char* const timebomb = "L$RTMTIMEBOMB_1320153D-8DA3-4e8e-B27B-0D888223A588";

reg_value dword(std::string name, std::uint32_t v) {
  reg_value r;
  r.type = reg_value::kind::dword;
  r.name = std::move(name);
  r.dword = v;
  return r;
}
reg_value binary(std::string name, std::vector<std::uint8_t> bytes) {
  reg_value r;
  r.type = reg_value::kind::binary;
  r.name = std::move(name);
  r.bytes = std::move(bytes);
  return r;
}
// UTF-16 LE bytes of an ASCII string, NUL-terminated (how the store keeps its strings).
std::vector<std::uint8_t> utf16z(const std::string& s) {
  std::vector<std::uint8_t> out;
  for (unsigned char ch : s) {
    out.push_back(ch);
    out.push_back(0);
  }
  out.push_back(0);
  out.push_back(0);
  return out;
}
// FILETIME (100 ns since 1601-01-01) as 8 little-endian bytes.
std::vector<std::uint8_t> filetime(sim_time t) {
  const std::uint64_t ft = static_cast<std::uint64_t>(t + 11644473600LL) * 10000000ULL;
  std::vector<std::uint8_t> out(8);
  for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ft >> (8 * i));
  return out;
}

}  // namespace

// R-VER-5: license ids shown in stores and reports.
static std::string license_product(int version) {
  switch (version) {
    case 2000: return "A02-5.00-S";
    case 2003: return "A02-5.02-S";
    case 2008: return "A02-6.00-S";
    default: return "A02-" + std::to_string(version) + "-S";
  }
}

std::vector<std::uint8_t> simulation::hardware_id_bytes(std::uint64_t key) const {
  if (key >> 63) {
    const auto image = static_cast<std::size_t>(key & 0xFFFFFFFFu);
    if (image < s_.images.size() && s_.images[image].hardware_id)
      return {s_.images[image].hardware_id->begin(), s_.images[image].hardware_id->end()};
  }
  // 20 bytes drawn from a stream named by the HardwareID (R-CLI-1), stable per seed.
  rng r(stream_seed(s_.seed, options_.replication, "hwid:" + std::to_string(key)));
  std::vector<std::uint8_t> out(20);
  for (std::size_t i = 0; i < out.size(); i += 8) {
    const std::uint64_t v = r.next();
    for (std::size_t k = 0; k < 8 && i + k < out.size(); ++k) out[i + k] = static_cast<std::uint8_t>(v >> (8 * k));
  }
  return out;
}

std::string simulation::hardware_id_hex(std::uint64_t key) const {
  std::string s;
  char buf[3];
  for (std::uint8_t b : hardware_id_bytes(key)) {
    std::snprintf(buf, sizeof buf, "%02X", b);
    s += buf;
  }
  return s;
}

void simulation::take_snapshots() {
  snapshot_tables();
  for (const auto& h : hosts_) result_.registry.push_back(host_registry(h));
  const std::size_t limit = std::min<std::size_t>(clients_.size(), options_.registry_client_limit);
  for (std::uint32_t c = 0; c < limit; ++c) result_.registry.push_back(client_registry(c));
}

// Win32_TSIssuedLicense and Win32_TSLicenseKeyPack at the end of the run.
void simulation::snapshot_tables() {
  for (const auto& sv : servers_) {
    for (std::size_t i = 0; i < sv.licenses().size(); ++i) {
      const license& l = sv.licenses()[i];
      // Win32_TSIssuedLicense rows: temporaries (1), active (2) and revoked (4) licenses.
      if (l.status != license_status::temporary && l.status != license_status::active &&
          l.status != license_status::revoked)
        continue;
      if (l.status == license_status::temporary && l.expires <= now_) continue;
      issued_license_row row;
      row.server = sv.name();
      if (l.kind == license_kind::temporary) row.key_pack_id = "TEMPORARY";
      else if (l.pack == pack_builtin) row.key_pack_id = "A02-5.00-EX";
      else if (l.pack == pack_overused) row.key_pack_id = "OVERUSED";
      else row.key_pack_id = sv.packs()[static_cast<std::size_t>(l.pack)].spec.id;
      row.license_id = i + 1;
      row.issued_to_user = l.user != no_id ? user_name(l.user) : "";
      row.issued_to_computer = l.client != no_id ? client_name(l.client) : "";
      row.hardware_id = l.kind == license_kind::user ? "" : hardware_id_hex(l.hwid);
      row.issue_date = l.issued;
      row.expiration_date = l.status == license_status::revoked ? l.original_expiry : l.expires;
      row.status = static_cast<int>(l.status);
      row.version = l.version;
      result_.issued_licenses.push_back(std::move(row));
    }
    for (const auto& p : sv.packs()) {
      if (p.removed) continue;
      key_pack_row row;
      row.server = sv.name();
      row.id = p.spec.id;
      row.type = p.spec.type;
      row.kind = p.spec.kind;
      row.version = p.spec.version;
      row.total = p.total;
      row.available = p.available;
      row.issued = p.issued;
      result_.key_packs.push_back(row);
    }
  }
}

node_registry simulation::host_registry(const host_state& h) const {
  node_registry reg;
  reg.node = h.name;
  reg.keys.push_back({std::string(rcm) + "\\Licensing Core", {dword("LicensingMode", static_cast<std::uint32_t>(h.registry_mode))}});
  reg_key grace{std::string(rcm) + "\\GracePeriod", {}};
  if (h.grace_started && !h.timebomb_deleted) grace.values.push_back(binary(timebomb, filetime(h.grace_start + grace_length(s_.rules))));
  reg.keys.push_back(std::move(grace));
  reg_value list;
  list.type = reg_value::kind::multi_string;
  list.name = "SpecifiedLicenseServers";
  for (std::size_t k : h.registry_servers) list.strings.push_back(servers_[k].name());
  reg.keys.push_back({ts_params, {list}});
  reg_key pol{policy_key, {}};
  if (h.policy_mode) pol.values.push_back(dword("LicensingMode", static_cast<std::uint32_t>(*h.policy_mode)));
  if (h.policy_servers) {
    reg_value v;
    v.name = "LicenseServers";
    for (std::size_t k = 0; k < h.policy_servers->size(); ++k)
      v.text += (k ? "," : "") + servers_[(*h.policy_servers)[k]].name();
    pol.values.push_back(v);
  }
  if (h.policy_prevent_upgrade) pol.values.push_back(dword("fPreventLicenseUpgrade", *h.policy_prevent_upgrade ? 1 : 0));
  reg.keys.push_back(std::move(pol));
  return reg;
}

node_registry simulation::client_registry(std::uint32_t c) const {
  const client_state& cl = clients_[c];
  node_registry reg;
  reg.node = client_name(c);
  if (cl.hwid == 0) return reg;  // no MSLicensing key
  reg.keys.push_back({mslicensing, {}});
  reg.keys.push_back({std::string(mslicensing) + "\\HardwareID", {binary("ClientHWID", hardware_id_bytes(cl.hwid))}});
  reg.keys.push_back({std::string(mslicensing) + "\\Store", {}});
  for (std::size_t i = 0; i < cl.store.size(); ++i) {
    const store_entry& e = cl.store[i];
    char name[32];
    std::snprintf(name, sizeof name, "\\LICENSE%03zu", i);
    // ClientLicense: a readable stand-in for the certificate (server, license id, type, expiry).
    const std::string blob = servers_[e.server].name() + ";" + std::to_string(e.license + 1) + ";" +
                             (e.kind == license_kind::temporary ? "temporary" : "permanent") + ";" +
                             format_datetime(e.expires);
    reg.keys.push_back({std::string(mslicensing) + "\\Store" + name,
                        {binary("ClientLicense", utf16z(blob)), binary("CompanyName", utf16z("Microsoft Corporation")),
                         binary("LicenseScope", utf16z(servers_[e.server].domain().value_or(servers_[e.server].name()))),
                         binary("ProductID", utf16z(license_product(e.version)))}});
  }
  return reg;
}

}  // namespace calsim::detail
