// `calsim import` (import_estate.hpp): from a license server's exports to a
// scenario that starts from today's pool.
#include "scenario/import_estate.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <functional>
#include <set>
#include <sstream>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "core/calendar.hpp"
#include "scenario/wmi_csv.hpp"

namespace calsim::detail {
namespace {

using ojson = nlohmann::ordered_json;

[[noreturn]] void refuse_at(const std::string& file, std::size_t line, const std::string& message) {
  throw scenario_error({diagnostic{file, static_cast<int>(line), 0, "", message}});
}

csv_table read_table(const std::string& path, std::initializer_list<std::string_view> required) {
  std::ifstream in(path, std::ios::binary);
  if (!in) refuse_at(path, 0, "cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  std::string error;
  auto table = read_export_csv(text.str(), error);
  if (!table) {
    std::size_t line = 0;
    std::sscanf(error.c_str(), "line %zu", &line);
    refuse_at(path, line, error.substr(error.find(": ") + 2));
  }
  for (auto name : required)
    if (table->column(name) < 0)
      refuse_at(path, 1, "no column \"" + std::string(name) + "\" (an Export-Csv of the WMI class has it)");
  return *table;
}

std::string field(const csv_table& t, const csv_table::row& r, std::string_view name) {
  const int k = t.column(name);
  return k < 0 ? std::string() : r.fields[static_cast<std::size_t>(k)];
}

std::int64_t integer_field(const csv_table& t, const csv_table::row& r, std::string_view name, const std::string& file) {
  const std::string v = field(t, r, name);
  std::size_t used = 0;
  long long x = 0;
  try {
    x = std::stoll(v, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (v.empty() || used != v.size()) refuse_at(file, r.line, std::string(name) + " must be an integer, got \"" + v + "\"");
  return x;
}

struct pack_row {
  std::uint32_t id = 0;
  bool per_user = false;
  int version = 2019;
  std::int64_t total = 0;
  bool guessed = false;  // no key pack export: count and version are guesses
};

struct server_packs {
  std::vector<pack_row> packs;
  std::optional<std::uint32_t> temporary_in_export;  // the KeyPackId temporaries use in the issued export
};

int version_of(const std::string& product_version, std::int64_t version_id) {
  for (std::size_t i = 0; i + 4 <= product_version.size(); ++i)
    if (product_version.compare(i, 2, "20") == 0 && std::isdigit(static_cast<unsigned char>(product_version[i + 2])) &&
        std::isdigit(static_cast<unsigned char>(product_version[i + 3])))
      return std::stoi(product_version.substr(i, 4));
  static const std::map<std::int64_t, int> ids = {{2, 2008}, {3, 2008}, {4, 2012}, {5, 2016}, {6, 2019}, {7, 2022}, {8, 2025}};
  const auto it = ids.find(version_id);
  return it == ids.end() ? 2019 : it->second;
}

std::map<std::string, server_packs> read_key_packs(const std::string& path) {
  const csv_table t = read_table(path, {"KeyPackId", "ProductType", "TotalLicenses", "KeyPackType"});
  std::map<std::string, server_packs> servers;
  for (const auto& r : t.rows) {
    std::string server = field(t, r, "PSComputerName");
    if (server.empty()) server = "LS1";
    const std::int64_t type = integer_field(t, r, "KeyPackType", path);
    if (type == 4 || type == 6) continue;  // the temporary and the built-in packs are the server's own
    pack_row p;
    p.id = static_cast<std::uint32_t>(integer_field(t, r, "KeyPackId", path));
    p.per_user = integer_field(t, r, "ProductType", path) == 1;
    p.total = integer_field(t, r, "TotalLicenses", path);
    if (p.total < 0) refuse_at(path, r.line, "TotalLicenses of a volume pack cannot be negative");
    const std::string vid = field(t, r, "ProductVersionID");
    p.version = version_of(field(t, r, "ProductVersion"), vid.empty() ? 0 : integer_field(t, r, "ProductVersionID", path));
    servers[server].packs.push_back(p);
  }
  return servers;
}

struct issued_row {
  std::size_t line = 0;
  std::string server, computer, user, hwid, issue_text, expiry_text;
  std::uint32_t pack = 0;
  int status = 2;
  sim_time issued = 0, expires = 0;
};

std::vector<issued_row> read_issued(const std::string& path) {
  const csv_table t = read_table(path, {"KeyPackId", "sIssuedToComputer", "LicenseStatus", "IssueDate",
                                        "ExpirationDate", "sHardwareId"});
  std::vector<issued_row> rows;
  for (const auto& r : t.rows) {
    issued_row x;
    x.line = r.line;
    x.server = field(t, r, "PSComputerName");
    if (x.server.empty()) x.server = "LS1";
    x.computer = field(t, r, "sIssuedToComputer");
    x.user = field(t, r, "sIssuedToUser");
    x.hwid = field(t, r, "sHardwareId");
    std::transform(x.hwid.begin(), x.hwid.end(), x.hwid.begin(), [](unsigned char ch) { return std::toupper(ch); });
    x.pack = static_cast<std::uint32_t>(integer_field(t, r, "KeyPackId", path));
    x.status = static_cast<int>(integer_field(t, r, "LicenseStatus", path));
    x.issue_text = field(t, r, "IssueDate");
    x.expiry_text = field(t, r, "ExpirationDate");
    const auto issued = parse_wmi_time(x.issue_text), expires = parse_wmi_time(x.expiry_text);
    if (!issued) refuse_at(path, r.line, "IssueDate \"" + x.issue_text + "\" is not a date");
    if (!expires) refuse_at(path, r.line, "ExpirationDate \"" + x.expiry_text + "\" is not a date");
    x.issued = *issued;
    x.expires = *expires;
    rows.push_back(std::move(x));
  }
  if (rows.empty()) refuse_at(path, 0, "no license in the file");
  return rows;
}

// Without a key pack export: one pack per KeyPackId the permanent rows use,
// holding as many as are issued at the start (the real count is unknown).
void guess_packs(std::map<std::string, server_packs>& servers, const std::vector<issued_row>& rows, sim_time start) {
  std::map<std::pair<std::string, std::uint32_t>, pack_row> guessed;
  for (const auto& r : rows) {
    if (r.status == 1 || r.status == 4) continue;
    auto& p = guessed[{r.server, r.pack}];
    p.id = r.pack;
    p.per_user = r.hwid.empty();
    p.guessed = true;
    if (r.expires > start) ++p.total;
  }
  for (const auto& [key, p] : guessed) servers[key.first].packs.push_back(p);
}

std::string valid_name(std::string text, const std::string& fallback) {
  for (char& ch : text)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '.' && ch != '_' && ch != '-') ch = '-';
  if (text.size() > 40) text.resize(40);
  return text.empty() ? fallback : text;
}

// The computers of one group and the name pattern they get.
struct planned_group {
  std::string name, kind, why;
  std::vector<std::string> computers;  // sorted
  std::optional<std::string> image_hwid;
  std::string pattern;
  std::map<std::string, std::string> renamed;  // original -> scenario name, when the originals do not fit a pattern
};

// "PC-007" -> ("PC-", "007").
std::pair<std::string, std::string> split_digits(const std::string& name) {
  std::size_t i = name.size();
  while (i > 0 && std::isdigit(static_cast<unsigned char>(name[i - 1]))) --i;
  return {name.substr(0, i), name.substr(i)};
}

void name_clients(planned_group& g) {
  const auto [prefix, digits] = split_digits(g.computers.front());
  const std::size_t width = digits.size();
  bool dense = width >= 1 && width <= 9 && valid_name(prefix, "") == prefix;
  for (std::size_t i = 0; dense && i < g.computers.size(); ++i) {
    std::string n = std::to_string(i + 1);
    dense = n.size() <= width && g.computers[i] == prefix + std::string(width - n.size(), '0') + n;
  }
  if (dense) {
    g.pattern = prefix + "{n:0" + std::to_string(width) + "}";
    return;
  }
  // Names that do not fit one pattern: the group's name, lowercase, numbered
  // (e.g. rebuilt-001), so no renamed client looks like a real computer.
  const std::string stem = g.name + "-";
  const std::size_t w = std::max<std::size_t>(3, std::to_string(g.computers.size()).size());
  g.pattern = stem + "{n:0" + std::to_string(w) + "}";
  for (std::size_t i = 0; i < g.computers.size(); ++i) {
    const std::string n = std::to_string(i + 1);
    g.renamed[g.computers[i]] = stem + std::string(w - n.size(), '0') + n;
  }
}

std::vector<planned_group> plan_groups(const std::vector<issued_row>& rows, sim_time start) {
  std::set<std::string> current;  // computers holding an unexpired device CAL or temporary at the start
  std::map<std::string, std::set<std::string>> hwids_of, computers_of;
  for (const auto& r : rows)
    if (!r.hwid.empty() && !r.computer.empty()) {
      hwids_of[r.computer].insert(r.hwid);
      computers_of[r.hwid].insert(r.computer);
      if (r.expires > start && r.status != 4) current.insert(r.computer);
    }
  // Computers sharing a HardwareID, joined (union-find over names).
  std::map<std::string, std::string> parent;
  std::function<std::string(const std::string&)> root = [&](const std::string& x) {
    auto it = parent.find(x);
    if (it == parent.end() || it->second == x) return x;
    return it->second = root(it->second);
  };
  for (const auto& [hwid, pcs] : computers_of)
    for (const auto& pc : pcs) parent[root(pc)] = root(*pcs.begin());
  std::map<std::string, std::vector<std::string>> components;
  for (const auto& pc : current) components[root(pc)].push_back(pc);
  std::vector<planned_group> groups;
  std::map<std::string, planned_group> by_prefix;
  planned_group rebuilt{"rebuilt", "persistent", "two HardwareIDs under one name: rebuilt or reinstalled (R-CLI-4)", {}, {}, {}, {}};
  planned_group wiped{"wiped", "wipe_on_shutdown", "three or more HardwareIDs under one name: a store wiped again and again (R-CLI-2)", {}, {}, {}, {}};
  for (auto& [r, pcs] : components) {
    if (pcs.size() >= 2) {
      std::map<std::string, std::size_t> uses;  // the HardwareID most of them share: the image's
      for (const auto& pc : pcs)
        for (const auto& h : hwids_of[pc]) ++uses[h];
      const auto top = std::max_element(uses.begin(), uses.end(), [](auto& a, auto& b) { return a.second < b.second; });
      const std::string n = "clones-" + std::to_string(groups.size() + 1);
      groups.push_back({n, "cloned", std::to_string(pcs.size()) + " computers present one HardwareID: cloned from an image that kept its MSLicensing key (R-CLI-3)", pcs, top->first, {}, {}});
      continue;
    }
    const std::string& pc = pcs.front();
    const std::size_t ids = hwids_of[pc].size();
    if (ids >= 3) wiped.computers.push_back(pc);
    else if (ids == 2) rebuilt.computers.push_back(pc);
    else {
      const std::string prefix = split_digits(pc).first;
      std::string gname = valid_name(prefix, "pcs");
      while (!gname.empty() && (gname.back() == '-' || gname.back() == '_' || gname.back() == '.')) gname.pop_back();
      if (gname.empty()) gname = "pcs";
      std::transform(gname.begin(), gname.end(), gname.begin(), [](unsigned char ch) { return std::tolower(ch); });
      auto& g = by_prefix[gname];
      if (g.name.empty()) g = {gname, "persistent", "computers named " + prefix + "…, one HardwareID each", {}, {}, {}, {}};
      g.computers.push_back(pc);
    }
  }
  for (auto& [n, g] : by_prefix) groups.push_back(std::move(g));
  if (!rebuilt.computers.empty()) groups.push_back(std::move(rebuilt));
  if (!wiped.computers.empty()) groups.push_back(std::move(wiped));
  for (auto& g : groups) {
    std::sort(g.computers.begin(), g.computers.end());
    name_clients(g);
  }
  return groups;
}

ojson schedule_json() {
  return {{"days", "workdays"}, {"at", {"09:00"}}, {"jitter_minutes", 30}, {"attendance", 0.95}};
}

}  // namespace

import_result import_estate(const import_request& req) {
  import_result out;
  const auto rows = read_issued(req.issued_csv);
  out.rows = rows.size();
  sim_time newest = rows.front().issued;
  for (const auto& r : rows) newest = std::max(newest, r.issued);
  const sim_time start = req.start.value_or(day_floor(newest) + seconds_per_day);
  std::map<std::string, server_packs> servers;
  if (req.packs_csv) servers = read_key_packs(*req.packs_csv);
  else guess_packs(servers, rows, start);
  for (const auto& r : rows) {
    if (!servers.count(r.server)) refuse_at(req.issued_csv, r.line, "PSComputerName \"" + r.server + "\" has no key pack" + (req.packs_csv ? " in " + *req.packs_csv : ""));
    if (r.status == 1) servers[r.server].temporary_in_export = r.pack;
  }
  const auto groups = plan_groups(rows, start);

  ojson s;
  s["calsim"] = 1;
  s["name"] = req.name;
  s["description"] = "Imported by calsim import from " + req.issued_csv + (req.packs_csv ? " and " + *req.packs_csv : "") +
                     ": the license server's CALs at " + format_date(start) + " and the computers that hold them. "
                     "Edit the schedules, the session host and its version, then run, sweep or size from today.";
  s["rules"] = "ws2012";
  s["seed"] = 1;
  s["start"] = format_date(start);
  s["days"] = req.days;
  int host_version = 0;
  std::map<std::string, std::uint32_t> temporary_number;
  ojson lss = ojson::array();
  for (const auto& [name, sp] : servers) {
    ojson packs = ojson::array();
    std::uint32_t max_id = 0;
    for (const auto& p : sp.packs) {
      std::string id = std::string(p.per_user ? "USR" : "DEV") + std::to_string(p.version % 100) + "-" + std::to_string(p.id);
      ojson pj = {{"id", id}, {"type", p.per_user ? "per_user" : "per_device"}, {"version", p.version},
                  {"count", p.total}, {"key_pack_id", p.id}};
      if (p.guessed) pj["x-note"] = "no key pack export: count is what is issued at the start, version a guess; set both";
      packs.push_back(pj);
      max_id = std::max(max_id, p.id);
      if (!p.per_user && (host_version == 0 || p.version < host_version)) host_version = p.version;
    }
    temporary_number[name] = max_id + 1;
    lss.push_back({{"name", name}, {"version", 2022}, {"domain", "corp.example"}, {"key_packs", packs},
                   {"x-note", "version and domain are not in the exports: check them"}});
  }
  s["license_servers"] = lss;
  ojson server_names = ojson::array();
  for (const auto& [name, sp] : servers) server_names.push_back(name);
  s["session_hosts"] = ojson::array({{{"name", "RDSH1"}, {"version", host_version ? host_version : 2019},
                                      {"domain", "corp.example"}, {"licensing_mode", 2}, {"license_servers", server_names},
                                      {"x-note", "the exports do not name the session hosts: one host, version of the oldest per-device pack"}}});
  std::map<std::string, std::string> scenario_name;  // original computer -> client name
  ojson images = ojson::array(), clients = ojson::array();
  for (const auto& g : groups) {
    ojson gj = {{"group", g.name}, {"count", g.computers.size()}, {"name", g.pattern}, {"kind", g.kind}};
    if (g.image_hwid) {
      const std::string image = "image-" + g.name;
      images.push_back({{"name", image}, {"hardware_id", *g.image_hwid}, {"license", "none"}});
      gj["image"] = image;
    }
    gj["hosts"] = {"RDSH1"};
    gj["schedule"] = schedule_json();
    gj["x-why"] = g.why;
    if (!g.renamed.empty()) {
      gj["x-computers"] = g.computers;  // client n is the n-th of these
      for (const auto& [from, to] : g.renamed) scenario_name[from] = to;
    }
    clients.push_back(gj);
    out.groups.push_back({g.name, g.kind, g.why, g.computers.size()});
  }
  if (!images.empty()) s["images"] = images;
  s["clients"] = clients;
  ojson licenses = ojson::array();
  std::vector<std::size_t> line_of;
  for (const auto& r : rows) {
    if (r.status == 4 || r.expires <= start) {
      ++out.left_out;
      continue;
    }
    const auto renamed = scenario_name.find(r.computer);
    ojson l = {{"KeyPackId", r.status == 1 ? temporary_number[r.server] : r.pack},
               {"sIssuedToComputer", renamed == scenario_name.end() ? r.computer : renamed->second},
               {"sIssuedToUser", r.user}, {"LicenseStatus", r.status}, {"IssueDate", r.issue_text},
               {"ExpirationDate", r.expiry_text}, {"sHardwareId", r.hwid}, {"PSComputerName", r.server},
               {"x-line", r.line}};
    if (renamed != scenario_name.end()) l["x-computer"] = r.computer;
    licenses.push_back(l);
    line_of.push_back(r.line);
  }
  s["initial_licenses"] = licenses;
  // The whole scenario through the loader: a problem of a license is told at its CSV line.
  try {
    load_scenario_text(s.dump(2), req.name + ".json");
  } catch (const scenario_error& e) {
    diagnostics mapped;
    for (const auto& d : e.problems) {
      std::size_t n = 0;
      if (d.pointer.starts_with("/initial_licenses/") && std::sscanf(d.pointer.c_str(), "/initial_licenses/%zu", &n) == 1 &&
          n < line_of.size()) {
        std::string msg = d.message;
        if (const auto colon = msg.find(": "); msg.starts_with("/initial_licenses/") && colon != std::string::npos)
          msg = msg.substr(colon + 2);
        mapped.push_back({req.issued_csv, static_cast<int>(line_of[n]), 0, "", msg});
      } else {
        mapped.push_back(d);
      }
    }
    throw scenario_error(mapped);
  }
  out.scenario = std::move(s);
  return out;
}

}  // namespace calsim::detail
