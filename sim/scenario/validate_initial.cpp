// `initial_licenses`: the licenses a real license server already holds at
// `start`, from its Win32_TSIssuedLicense export (a file beside the scenario)
// or inline objects with the same fields. Every bad row is reported with the
// file's line (or the object's pointer), all at once.
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "scenario/validate.hpp"
#include "scenario/wmi_csv.hpp"

namespace calsim::detail {
namespace {

constexpr std::string_view fields[] = {"LicenseId", "KeyPackId", "sIssuedToUser", "sIssuedToComputer", "LicenseStatus",
                                       "IssueDate", "ExpirationDate", "sHardwareId", "PSComputerName"};
constexpr std::string_view required_fields[] = {"KeyPackId", "sIssuedToComputer", "LicenseStatus", "IssueDate",
                                                "ExpirationDate", "sHardwareId"};

// One row, whatever its source: field → text, and where it is.
struct raw_row {
  std::map<std::string, std::string, std::less<>> values;
  std::string where;    // for messages: "issued.csv line 7" or "/initial_licenses/3"
  std::string pointer;  // the JSON pointer the problem is reported at
};

std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
  return "";
}

std::vector<raw_row> rows_from_file(const std::string& path, build_state& st) {
  auto& c = st.c;
  const std::filesystem::path base = std::filesystem::path(st.label).parent_path();
  const std::filesystem::path file =
      std::filesystem::path(path).is_absolute() ? std::filesystem::path(path) : base / path;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    c.error("/initial_licenses", "cannot read " + quote(file.string()) + " (a path relative to the scenario file)");
    return {};
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  std::string error;
  const auto table = read_export_csv(buf.str(), error);
  if (!table) {
    c.error("/initial_licenses", file.string() + " " + error);
    return {};
  }
  bool complete = true;
  for (auto name : required_fields)
    if (table->column(name) < 0) {
      c.error("/initial_licenses", file.string() + " line 1: no column \"" + std::string(name) +
                                       "\" (a Win32_TSIssuedLicense export has it)");
      complete = false;
    }
  if (!complete) return {};
  std::vector<raw_row> rows;
  for (const auto& r : table->rows) {
    raw_row row{{}, file.string() + " line " + std::to_string(r.line), "/initial_licenses"};
    for (auto name : fields)
      if (const int k = table->column(name); k >= 0) row.values[std::string(name)] = r.fields[static_cast<std::size_t>(k)];
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<raw_row> rows_inline(const json& list, build_state& st) {
  auto& c = st.c;
  std::vector<raw_row> rows;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string ptr = "/initial_licenses/" + std::to_string(i);
    std::vector<std::string> allowed(std::begin(fields), std::end(fields));
    if (!c.object(list[i], ptr, allowed, "an issued license")) continue;
    raw_row row{{}, ptr, ptr};
    bool complete = true;
    for (auto name : required_fields) complete = c.required(list[i], ptr, name) != nullptr && complete;
    if (!complete) continue;
    for (auto it = list[i].begin(); it != list[i].end(); ++it) {
      if (it.key().starts_with("x-")) continue;
      if (!it->is_string() && !it->is_number_integer() && !it->is_number_unsigned())
        c.error(pointer_join(ptr, it.key()), "must be a string or an integer, got " + describe(*it));
      row.values[it.key()] = text_of(*it);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// A row as a license, or nullopt (the problem recorded, or a row left out on purpose).
std::optional<initial_license_spec> license_of(const raw_row& row, build_state& st, std::size_t& skipped) {
  auto& c = st.c;
  const auto& s = st.s;
  auto bad = [&](const std::string& what) {
    c.error(row.pointer, row.where + ": " + what);
    return std::nullopt;
  };
  auto value = [&](std::string_view k) {
    const auto it = row.values.find(k);
    return it == row.values.end() ? std::string() : it->second;
  };
  initial_license_spec l;
  l.where = row.where;
  const std::string server = value("PSComputerName");
  if (server.empty() && s.license_servers.size() != 1)
    return bad("PSComputerName is empty and the scenario has " + std::to_string(s.license_servers.size()) +
               " license servers: name one");
  bool found = server.empty();
  for (std::size_t k = 0; k < s.license_servers.size() && !found; ++k)
    if (s.license_servers[k].name == server) l.server = k, found = true;
  if (!found) return bad("PSComputerName " + quote(server) + " is not a license server of the scenario");
  const auto& sv = s.license_servers[l.server];
  const std::string status = value("LicenseStatus");
  if (status == "4") return ++skipped, std::nullopt;  // revoked: its capacity is not counted (README)
  if (status != "1" && status != "2" && status != "3")
    return bad("LicenseStatus must be 1 (temporary), 2 (active), 3 (upgraded) or 4 (revoked, left out), got " +
               quote(status));
  l.status = status[0] - '0';
  const std::string pack_id = value("KeyPackId");
  std::string known;
  for (std::size_t p = 0; p < sv.key_packs.size(); ++p) {
    known += (known.empty() ? "" : ", ") + std::to_string(sv.key_packs[p].key_pack_id) + " (" + sv.key_packs[p].id + ")";
    if (std::to_string(sv.key_packs[p].key_pack_id) == pack_id) l.pack = p;
  }
  const std::uint32_t temporary = l.server < st.temporary_pack_number.size() ? st.temporary_pack_number[l.server] : 0;
  known += ", " + std::to_string(temporary) + " (temporary)";
  if (!l.pack && pack_id != std::to_string(temporary))
    return bad("KeyPackId " + quote(pack_id) + " names no key pack of " + sv.name + " (known: " + known + ")");
  if (l.pack && st.start_ok && sv.key_packs[*l.pack].installed > s.start)
    return bad("key pack " + sv.key_packs[*l.pack].id + " is installed after the start, so it cannot have issued it");
  if (!l.pack != (l.status == 1))
    return bad(l.pack ? "LicenseStatus 1 (temporary) from a key pack that is not the temporary pack"
                      : "a license from the temporary pack must have LicenseStatus 1");
  const auto issued = parse_wmi_time(value("IssueDate"));
  const auto expires = parse_wmi_time(value("ExpirationDate"));
  if (!issued) return bad("IssueDate " + quote(value("IssueDate")) + " is not a date (CIM \"20260721093000.000000+000\" or en-US \"7/21/2026 9:30:00 AM\")");
  if (!expires) return bad("ExpirationDate " + quote(value("ExpirationDate")) + " is not a date (CIM \"20260721093000.000000+000\" or en-US \"7/21/2026 9:30:00 AM\")");
  l.issued = *issued;
  l.expires = *expires;
  if (l.expires <= l.issued) return bad("ExpirationDate is not after IssueDate");
  if (st.start_ok && l.issued > s.start)
    return bad("IssueDate " + time_text(l.issued) + " is after the scenario's start " + time_text(s.start));
  l.computer = value("sIssuedToComputer");
  l.user = value("sIssuedToUser");
  const bool per_user = l.pack && sv.key_packs[*l.pack].type == pack_type::per_user;
  const std::string hwid = value("sHardwareId");
  if (!per_user || !hwid.empty()) {
    l.hardware_id = parse_hardware_id(hwid);
    if (!l.hardware_id) return bad("sHardwareId must be 40 hexadecimal digits, got " + quote(hwid));
  }
  if (l.computer.empty() && !per_user) return bad("sIssuedToComputer is empty");
  if (st.start_ok && l.expires <= s.start) return ++skipped, std::nullopt;  // expired before the run
  return l;
}

}  // namespace

void validate_initial_licenses(const json& root, build_state& st) {
  const json* v = member(root, "initial_licenses");
  if (!v) return;
  auto& c = st.c;
  std::vector<raw_row> rows;
  if (v->is_string()) rows = rows_from_file(v->get<std::string>(), st);
  else if (v->is_array()) rows = rows_inline(*v, st);
  else {
    c.error("/initial_licenses", "must be a path to a Win32_TSIssuedLicense Export-Csv file or a list of licenses, got " +
                                     describe(*v));
    return;
  }
  std::size_t skipped = 0;
  std::map<std::pair<std::size_t, std::size_t>, std::int64_t> per_pack;
  for (const auto& row : rows) {
    auto l = license_of(row, st, skipped);
    if (!l) continue;
    if (l->pack) {
      const auto& pack = st.s.license_servers[l->server].key_packs[*l->pack];
      if (++per_pack[{l->server, *l->pack}] == pack.count + 1)
        c.error(row.pointer, row.where + ": more licenses from " + st.s.license_servers[l->server].name + "/" +
                                 pack.id + " than the pack holds (" + std::to_string(pack.count) + ")");
    }
    st.s.initial_licenses.push_back(std::move(*l));
  }
}

}  // namespace calsim::detail
