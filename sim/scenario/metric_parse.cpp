// Metric names (SCENARIO.md, "Metrics") → metric_ref. Server, host and client
// names may contain dots, so names are matched against the known ones rather
// than split at dots.
#include <algorithm>

#include "scenario/validate.hpp"

namespace calsim::detail {

namespace {

// Windows event ids calsim logs (RULES.md, EVT).
constexpr std::array<int, 11> known_events{4, 18, 21, 1000, 1003, 1004, 1011, 1028, 1069, 4105, 4141};

const char* const metric_forms =
    "pool.<server>.<pack>.{total,issued,available,revoked}, pool.<server>.per_device.{issued,available}, "
    "pool.<server>.per_user.{issued,overused}, temporary.<server>.valid, "
    "connections.{attempted,allowed,allowed_in_grace,refused}, host.<name>.grace_days_left, events.<id>, "
    "client.<name>.license";

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::vector<std::string> server_names(const scenario& s) {
  std::vector<std::string> out;
  for (const auto& sv : s.license_servers) out.push_back(sv.name);
  return out;
}

std::optional<std::size_t> server_index(const scenario& s, std::string_view name) {
  for (std::size_t i = 0; i < s.license_servers.size(); ++i)
    if (s.license_servers[i].name == name) return i;
  return std::nullopt;
}

// "pool.<rest>": tries every server whose name is a prefix of rest.
std::optional<metric_ref> parse_pool(std::string_view rest, const scenario& s,
                                     const std::vector<std::set<std::string, std::less<>>>& pack_ids,
                                     std::string& error) {
  std::vector<metric_ref> found;
  std::string why;
  bool any_server = false;
  for (std::size_t i = 0; i < s.license_servers.size(); ++i) {
    const std::string& name = s.license_servers[i].name;
    if (!starts_with(rest, name) || rest.size() <= name.size() || rest[name.size()] != '.') continue;
    any_server = true;
    const std::string_view tail = rest.substr(name.size() + 1);
    metric_ref r;
    r.server = i;
    if (tail == "per_device.issued" || tail == "per_device.available") {
      r.what = metric_ref::kind::server_per_device;
      r.field = std::string(tail.substr(11));
      found.push_back(r);
      continue;
    }
    if (tail == "per_user.issued" || tail == "per_user.overused") {
      r.what = metric_ref::kind::server_per_user;
      r.field = std::string(tail.substr(9));
      found.push_back(r);
      continue;
    }
    const std::size_t dot = tail.rfind('.');
    if (dot == std::string_view::npos) {
      why = "expected pool.<server>.<pack>.<field>";
      continue;
    }
    const std::string_view pack = tail.substr(0, dot), fld = tail.substr(dot + 1);
    if (fld != "total" && fld != "issued" && fld != "available" && fld != "revoked") {
      why = "unknown pack field " + quote(fld) + " (known: total, issued, available, revoked)";
      continue;
    }
    const auto& ids = i < pack_ids.size() ? pack_ids[i] : std::set<std::string, std::less<>>{};
    if (!ids.count(pack)) {
      why = "license server " + quote(name) + " has no key pack " + quote(pack) + " (known: " +
            join_names(std::vector<std::string>(ids.begin(), ids.end())) + ", per_device, per_user)";
      continue;
    }
    r.what = metric_ref::kind::pack;
    r.pack_id = std::string(pack);
    r.field = std::string(fld);
    found.push_back(r);
  }
  if (found.size() == 1) return found[0];
  if (found.size() > 1) error = "is ambiguous: it fits more than one license server name";
  else if (!any_server)
    error = "no license server named " + quote(rest.substr(0, rest.find('.'))) + " (known: " +
            join_names(server_names(s)) + ")";
  else error = why;
  return std::nullopt;
}

}  // namespace

std::optional<metric_ref> parse_metric(std::string_view m, const scenario& s,
                                       const std::vector<std::set<std::string, std::less<>>>& pack_ids,
                                       std::string& error) {
  metric_ref r;
  if (starts_with(m, "pool.")) return parse_pool(m.substr(5), s, pack_ids, error);
  if (starts_with(m, "connections.")) {
    const std::string_view f = m.substr(12);
    if (f == "attempted" || f == "allowed" || f == "allowed_in_grace" || f == "refused") {
      r.what = metric_ref::kind::connections;
      r.field = std::string(f);
      return r;
    }
    error = "unknown connections field " + quote(f) + " (known: attempted, allowed, allowed_in_grace, refused)";
    return std::nullopt;
  }
  if (starts_with(m, "events.")) {
    const std::string_view id = m.substr(7);
    for (int e : known_events)
      if (id == std::to_string(e)) {
        r.what = metric_ref::kind::events;
        r.event_id = e;
        r.field = std::string(id);
        return r;
      }
    std::vector<std::string> known;
    for (int e : known_events) known.push_back(std::to_string(e));
    error = "unknown event id " + quote(id) + " (known: " + join_names(known) + ")";
    return std::nullopt;
  }
  if (starts_with(m, "temporary.") && ends_with(m, ".valid") && m.size() > 16) {
    const std::string_view name = m.substr(10, m.size() - 16);
    if (const auto i = server_index(s, name)) {
      r.what = metric_ref::kind::temporary_valid;
      r.server = *i;
      r.field = "valid";
      return r;
    }
    error = "no license server named " + quote(name) + " (known: " + join_names(server_names(s)) + ")";
    return std::nullopt;
  }
  if (starts_with(m, "host.") && ends_with(m, ".grace_days_left") && m.size() > 21) {
    const std::string_view name = m.substr(5, m.size() - 21);
    std::vector<std::string> known;
    for (std::size_t i = 0; i < s.session_hosts.size(); ++i) {
      if (s.session_hosts[i].name == name) {
        r.what = metric_ref::kind::host_grace_days_left;
        r.host = i;
        r.field = "grace_days_left";
        return r;
      }
      known.push_back(s.session_hosts[i].name);
    }
    error = "no session host named " + quote(name) + " (known: " + join_names(known) + ")";
    return std::nullopt;
  }
  if (starts_with(m, "client.") && ends_with(m, ".license") && m.size() > 15) {
    const std::string_view name = m.substr(7, m.size() - 15);
    if (const auto t = find_client_target(s, name, s.clients.size(), false, error)) {
      r.what = metric_ref::kind::client_license;
      r.client = *t;
      r.field = "license";
      return r;
    }
    return std::nullopt;
  }
  error = std::string("unknown metric (known forms: ") + metric_forms + ")";
  return std::nullopt;
}

}  // namespace calsim::detail
