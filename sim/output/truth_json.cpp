#include "output/truth_json.hpp"

#include "core/calendar.hpp"
#include "output/pretty_json.hpp"

namespace calsim::detail {
namespace {

void time_or_null(pretty_json& j, std::string_view k, const std::optional<sim_time>& t) {
  j.key(k);
  if (t) j.value(format_datetime(*t));
  else j.null();
}

void interval(pretty_json& j, const truth_interval& i) {
  j.key("interval");
  j.begin_object();
  j.member("from", format_datetime(i.from));
  time_or_null(j, "until", i.until);
  j.end_object();
}

void counts(pretty_json& j, std::string_view k, const std::map<std::string, std::int64_t>& m) {
  j.key(k);
  j.begin_object();
  for (const auto& [name, n] : m) j.member(name, n);
  j.end_object();
}

void client(pretty_json& j, const truth_client& c) {
  j.begin_object();
  j.member("name", c.name);
  j.member("group", c.group);
  j.member("kind", c.kind);
  j.key("image");
  if (c.image) j.value(*c.image);
  else j.null();
  j.key("hardware_ids");
  j.begin_array();
  for (const auto& h : c.hardware_ids) {
    j.begin_object();
    j.member("hardware_id", h.hardware_id);
    interval(j, h.interval);
    j.end_object();
  }
  j.end_array();
  j.member("hardware_ids_total", c.hardware_ids_total);
  j.key("licenses");
  j.begin_array();
  for (const auto& l : c.licenses) {
    j.begin_object();
    j.member("server", l.server);
    j.member("license_id", l.license_id);
    j.member("kind", l.kind);
    j.member("status", l.status);
    j.member("issued", format_datetime(l.issued));
    j.member("expires", format_datetime(l.expires));
    j.member("superseded", l.superseded);
    j.end_object();
  }
  j.end_array();
  j.key("failure_modes");
  j.begin_array();
  for (const auto& f : c.failure_modes) {
    j.begin_object();
    j.member("mode", f.mode);
    j.member("rule", f.rule);
    interval(j, f.interval);
    j.member("count", f.count);
    if (!f.causes.empty()) counts(j, "causes", f.causes);
    j.end_object();
  }
  j.end_array();
  j.end_object();
}

void host(pretty_json& j, const truth_host& h) {
  j.begin_object();
  j.member("name", h.name);
  j.member("mode", h.mode);
  j.key("grace");
  j.begin_object();
  time_or_null(j, "start", h.grace_start);
  time_or_null(j, "end", h.grace_end);
  j.member("ended_early", h.grace_ended_early);
  j.end_object();
  j.key("discovered_server");
  if (h.discovered_server) j.value(*h.discovered_server);
  else j.null();
  counts(j, "refusal_causes", h.refusal_causes);
  j.end_object();
}

}  // namespace

// The layout is nlohmann's dump(2), as before truth.json was written directly
// (pretty_json; the golden files hold it byte for byte).
std::string truth_json(const scenario& s, const run_result& r, std::uint64_t seed) {
  const truth_data& t = r.truth;
  std::string out;
  out.reserve(512 + t.clients.size() * 1024);
  pretty_json j(out);
  j.begin_object();
  j.member("schema", truth_schema);
  j.member("scenario", s.name);
  j.member("seed", seed);
  j.member("start", format_datetime(s.start));
  j.member("end", format_datetime(s.end));
  j.key("clients");
  j.begin_array();
  for (const auto& c : t.clients) client(j, c);
  j.end_array();
  j.member("clients_left_out", t.clients_left_out);
  j.key("hosts");
  j.begin_array();
  for (const auto& h : t.hosts) host(j, h);
  j.end_array();
  j.key("packs");
  j.begin_array();
  for (const auto& p : t.packs) {
    j.begin_object();
    j.member("server", p.server);
    j.member("pack", p.pack);
    counts(j, "held_by_mode", p.held_by_mode);
    j.end_object();
  }
  j.end_array();
  j.end_object();
  out.push_back('\n');
  return out;
}

}  // namespace calsim::detail
