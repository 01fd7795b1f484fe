// End-of-run tables (Win32_TSIssuedLicense, Win32_TSLicenseKeyPack) and the
// simulated registry of hosts and clients (RULES.md R-MODE-1/3, R-GRACE-2, R-CLI-1).
#include <algorithm>
#include <cstdio>

#include "core/calendar.hpp"
#include "core/utf.hpp"
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
// UTF-16 LE bytes of a string, NUL-terminated (how the store keeps its strings).
std::vector<std::uint8_t> utf16z(const std::string& s) {
  std::string bytes;
  append_utf16le(bytes, utf8_to_utf16(s));  // the one UTF-16 encoder (core/utf.hpp)
  bytes.append(2, '\0');
  return {bytes.begin(), bytes.end()};
}
// FILETIME (100 ns since 1601-01-01) as 8 little-endian bytes.
std::vector<std::uint8_t> filetime(sim_time t) {
  const std::uint64_t ft = static_cast<std::uint64_t>(t + 11644473600LL) * 10000000ULL;
  std::vector<std::uint8_t> out(8);
  for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(ft >> (8 * i));
  return out;
}

// Win32_TSLicenseKeyPack ProductVersionID (Microsoft's documented values:
// 2 = 2008 (and 2008 R2: 3), 4 = 2012, 5 = 2016, 6 = 2019, 7 = 2022; 8 = 2025
// following the series); 0 for Windows 2000 as the real built-in pack shows it.
int product_version_id(int version) {
  switch (version) {
    case 2000: return 0;
    case 2003: return 1;
    case 2008: return 2;
    case 2012: return 4;
    case 2016: return 5;
    case 2019: return 6;
    case 2022: return 7;
    case 2025: return 8;
  }
  return 0;
}
// ProductVersion text as English Windows shows it.
std::string product_version_text(int version) {
  switch (version) {
    case 2000: return "Windows 2000 Server";
    case 2008: return "Windows Server 2008 or Windows Server 2008 R2";
  }
  return "Windows Server " + std::to_string(version);
}
// Description: the product id of the pack's CALs, A02 per device, C50 per user,
// then the Windows version number (2016 = 10.00 ... 2025 = 10.03).
std::string pack_description(int version, bool per_user) {
  const char* v = "10.01";
  switch (version) {
    case 2000: v = "5.00"; break;
    case 2003: v = "5.02"; break;
    case 2008: v = "6.00"; break;
    case 2012: v = "6.02"; break;
    case 2016: v = "10.00"; break;
    case 2019: v = "10.01"; break;
    case 2022: v = "10.02"; break;
    case 2025: v = "10.03"; break;
  }
  return std::string(per_user ? "C50-" : "A02-") + v + "-S";
}
int key_pack_type_of(pack_kind k) {
  switch (k) {
    case pack_kind::retail: return 1;
    case pack_kind::volume: return 2;
    case pack_kind::open: return 5;
  }
  return 0;
}
// 2038-01-19T03:14:07: the expiry Windows shows for the temporary and built-in packs.
constexpr sim_time max_filetime32 = 2147483647;

// The client's MSLicensing store at the end of the run (R-CLI-2, R-CLI-3): the
// model applies boots and shutdowns lazily at the next connection
// (apply_client_lifecycle); the exported registry shows what happened after
// the last one. A wipe_on_shutdown client whose shutdown script ran after its
// last connection has no MSLicensing key; nor has a non-persistent desktop
// that booted again (a fresh image; the key is made at the next connection).
bool store_gone_at_end(const client_state& cl, const client_group_spec& g, sim_time end) {
  if (!cl.connected_before) return false;
  auto instants_until = [](sim_time t, int minute) { return day_floor(t - minute * seconds_per_minute); };
  switch (g.kind) {
    case client_kind::wipe_on_shutdown:
      return instants_until(end, g.shutdown_minute) > instants_until(cl.last_connection, g.shutdown_minute);
    case client_kind::non_persistent:
      return instants_until(end, g.boot_minute) > instants_until(cl.last_connection, g.boot_minute);
    default: return false;
  }
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
  if ((key >> 62) == 1 && (key & ~imported_hwid_bit) < imported_hwids_.size()) {  // as exported (initial_licenses)
    const auto& bytes = imported_hwids_[key & ~imported_hwid_bit];
    return {bytes.begin(), bytes.end()};
  }
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

// Upper-case hex, two digits a byte (issue 18: snprintf per byte was 11 % of
// a run's instructions, one HardwareID per issued license).
std::string simulation::hardware_id_hex(std::uint64_t key) const {
  static constexpr char digits[] = "0123456789ABCDEF";
  const std::vector<std::uint8_t> bytes = hardware_id_bytes(key);
  std::string s(2 * bytes.size(), '0');
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    s[2 * i] = digits[bytes[i] >> 4];
    s[2 * i + 1] = digits[bytes[i] & 15];
  }
  return s;
}

void simulation::take_snapshots() {
  snapshot_tables();
  for (const auto& h : hosts_) result_.registry.push_back(host_registry(h));
  std::vector<std::uint32_t> exported;  // the first clients up to the limit, then those a failure mode touched
  const std::size_t limit = std::min<std::size_t>(clients_.size(), options_.registry_client_limit);
  for (std::uint32_t c = 0; c < limit; ++c) exported.push_back(c);
  exported.insert(exported.end(), flagged_beyond_limit_.begin(), flagged_beyond_limit_.end());
  for (const std::uint32_t c : exported) result_.registry.push_back(client_registry(c));
  // TSCTST /A on each of those clients: its store as the registry shows it.
  for (const std::uint32_t c : exported) {
    const client_state& cl = clients_[c];
    client_store_snapshot snap;
    snap.client = client_name(c);
    if (cl.hwid != 0 && !store_gone_at_end(cl, group_of(c), now_)) {
      const std::string hwid = hardware_id_hex(cl.hwid);
      for (std::size_t i = 0; i < cl.store.size(); ++i) {
        const store_entry& e = cl.store[i];
        const auto& sv = servers_[e.server];
        store_license_row row;
        row.issuer = sv.name();
        row.scope = sv.domain().value_or(sv.name());
        row.issued_to_computer = snap.client;
        row.issued_to_user = user_name(cl.user);
        row.license_id = license_product(e.version);
        row.license_number = e.license + 1;
        row.temporary = e.kind == license_kind::temporary;
        row.version = e.version;
        row.expires = e.expires;
        row.valid_from = e.license < sv.licenses().size() ? sv.licenses()[e.license].issued : e.expires;
        row.hardware_id = hwid;
        snap.licenses.push_back(std::move(row));
      }
    }
    result_.client_stores.push_back(std::move(snap));
  }
}

namespace {

// KeyPackId of each pack: the scenario's key_pack_id (default: 1-based
// position), the temporary pack the next number, the ws2000 built-in pack the
// one after, and packs added by add_key_pack without one the next free number.
struct pack_numbering {
  std::uint32_t temporary_id = 0, builtin_id = 0;
  std::vector<std::uint32_t> numbers;  // by pack index
};

pack_numbering number_packs(const license_server& sv, const license_server_spec* spec, bool ws2000) {
  pack_numbering n;
  std::uint32_t top = 0;
  if (spec)
    for (const auto& p : spec->key_packs) top = std::max(top, p.key_pack_id);
  n.temporary_id = top + 1;
  n.builtin_id = n.temporary_id + 1;
  std::uint32_t next = ws2000 ? n.builtin_id + 1 : n.temporary_id + 1;
  for (const auto& p : sv.packs()) {
    std::uint32_t id = p.spec.key_pack_id;
    if (id == 0) {
      for (const auto& q : sv.packs()) next = std::max(next, q.spec.key_pack_id + 1);
      id = next++;
    }
    n.numbers.push_back(id);
  }
  return n;
}

// Over-used per-user CALs count against the server's first per-user pack of that version.
std::uint32_t overused_pack(const license_server& sv, const pack_numbering& n, int version) {
  std::uint32_t any = 0;
  for (std::size_t i = 0; i < sv.packs().size(); ++i) {
    if (sv.packs()[i].spec.type != pack_type::per_user) continue;
    if (sv.packs()[i].spec.version == version) return n.numbers[i];
    if (!any) any = n.numbers[i];
  }
  return any;
}

// An unlimited pack every server lists (-1 totals): the temporary pack, or the ws2000 built-in one.
key_pack_row unlimited_pack(const license_server& sv, bool builtin, std::int64_t issued, const pack_numbering& n) {
  key_pack_row row;
  row.server = sv.name();
  row.id = builtin ? "A02-5.00-EX" : "TEMPORARY";
  row.version = builtin ? 2000 : sv.version();
  row.total = -1;
  row.available = -1;
  row.issued = issued;
  row.key_pack_id = builtin ? n.builtin_id : n.temporary_id;
  row.description = builtin ? "A02-5.00-EX" : pack_description(sv.version(), false);
  row.key_pack_type = builtin ? 6 : 4;
  row.product_type = builtin ? 3 : 0;
  row.product_version = product_version_text(row.version);
  row.product_version_id = builtin ? 0 : product_version_id(sv.version());
  row.expiration_date = max_filetime32;
  return row;
}

// Win32_TSLicenseKeyPack rows of one server in KeyPackId order, as it lists them.
std::vector<key_pack_row> key_pack_rows(const license_server& sv, const pack_numbering& n, std::int64_t temporaries,
                                        std::int64_t builtin_issued, bool ws2000) {
  std::vector<key_pack_row> rows;
  for (std::size_t i = 0; i < sv.packs().size(); ++i) {
    const auto& p = sv.packs()[i];
    if (p.removed || !p.installed) continue;
    key_pack_row row;
    row.server = sv.name();
    row.id = p.spec.id;
    row.type = p.spec.type;
    row.kind = p.spec.kind;
    row.version = p.spec.version;
    row.total = p.total;
    row.available = p.available;
    row.issued = p.issued;
    row.key_pack_id = n.numbers[i];
    row.description = pack_description(p.spec.version, p.spec.type == pack_type::per_user);
    row.key_pack_type = key_pack_type_of(p.spec.kind);
    row.product_type = p.spec.type == pack_type::per_user ? 1 : 0;
    row.product_version = product_version_text(p.spec.version);
    row.product_version_id = product_version_id(p.spec.version);
    // A volume pack shows 2038-01-01 at the time of day it was installed.
    row.expiration_date = sim_time{2145916800} + (p.spec.installed - day_floor(p.spec.installed));
    rows.push_back(std::move(row));
  }
  rows.push_back(unlimited_pack(sv, false, temporaries, n));
  if (ws2000) rows.push_back(unlimited_pack(sv, true, builtin_issued, n));  // R-VER-4
  std::stable_sort(rows.begin(), rows.end(),
                   [](const key_pack_row& a, const key_pack_row& b) { return a.key_pack_id < b.key_pack_id; });
  return rows;
}

}  // namespace

// Win32_TSIssuedLicense and Win32_TSLicenseKeyPack at the end of the run.
void simulation::snapshot_tables() {
  const bool ws2000 = s_.rules == rules_profile::ws2000;
  for (std::size_t k = 0; k < servers_.size(); ++k) {
    const auto& sv = servers_[k];
    const pack_numbering n = number_packs(sv, k < s_.license_servers.size() ? &s_.license_servers[k] : nullptr, ws2000);
    std::int64_t temporaries = 0, builtin_issued = 0;
    for (std::size_t i = 0; i < sv.licenses().size(); ++i) {
      const license& l = sv.licenses()[i];
      // Win32_TSIssuedLicense rows: temporaries (1), active (2) and revoked (4) licenses.
      if (l.status != license_status::temporary && l.status != license_status::active &&
          l.status != license_status::revoked)
        continue;
      if (l.status == license_status::temporary && l.expires <= now_) continue;
      issued_license_row row;
      row.server = sv.name();
      if (l.kind == license_kind::temporary) {
        row.pack = "TEMPORARY";
        row.key_pack_id = n.temporary_id;
        ++temporaries;
      } else if (l.pack == pack_builtin) {
        row.pack = "A02-5.00-EX";
        row.key_pack_id = n.builtin_id;
        ++builtin_issued;
      } else if (l.pack == pack_overused) {
        row.pack = "OVERUSED";
        row.key_pack_id = overused_pack(sv, n, l.version);
      } else {
        row.pack = sv.packs()[static_cast<std::size_t>(l.pack)].spec.id;
        row.key_pack_id = n.numbers[static_cast<std::size_t>(l.pack)];
      }
      row.license_id = i + 1;
      row.issued_to_user = l.user != no_id ? user_name(l.user) : "";
      row.issued_to_computer = l.client != no_id ? client_name(l.client) : "";
      row.hardware_id = l.kind == license_kind::user ? "" : hardware_id_hex(l.hwid);
      row.issue_date = l.issued;
      row.expiration_date = l.expires;  // a revoked license keeps its expiry (R-REV-4)
      row.status = static_cast<int>(l.status);
      row.version = l.version;
      observer_.on_issued_license(row);
      if (options_.keep_issued_licenses) result_.issued_licenses.push_back(std::move(row));
    }
    for (auto& r : key_pack_rows(sv, n, temporaries, builtin_issued, ws2000)) result_.key_packs.push_back(std::move(r));
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
  if (store_gone_at_end(cl, group_of(c), now_)) return reg;  // deleted after the last connection
  reg.keys.push_back({mslicensing, {}});
  reg_key hwid_key{std::string(mslicensing) + "\\HardwareID", {binary("ClientHWID", hardware_id_bytes(cl.hwid))}};
  // R-CLI-5: HardwareIDs a corruption left behind, newest first, as ClientHWID1, ClientHWID2, …
  if (const auto old = earlier_hwids_.find(c); old != earlier_hwids_.end())
    for (std::size_t k = old->second.size(); k-- > 0;)
      hwid_key.values.push_back(
          binary("ClientHWID" + std::to_string(old->second.size() - k), hardware_id_bytes(old->second[k])));
  reg.keys.push_back(std::move(hwid_key));
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
