#include "output/truth_json.hpp"

#include <nlohmann/json.hpp>

#include "core/calendar.hpp"

namespace calsim::detail {
namespace {

using ojson = nlohmann::ordered_json;

ojson time_or_null(const std::optional<sim_time>& t) { return t ? ojson(format_datetime(*t)) : ojson(nullptr); }

ojson interval(const truth_interval& i) {
  return ojson{{"from", format_datetime(i.from)}, {"until", time_or_null(i.until)}};
}

ojson client(const truth_client& c) {
  ojson j{{"name", c.name}, {"group", c.group}, {"kind", c.kind},
          {"image", c.image ? ojson(*c.image) : ojson(nullptr)}};
  ojson& ids = j["hardware_ids"] = ojson::array();
  for (const auto& h : c.hardware_ids) ids.push_back({{"hardware_id", h.hardware_id}, {"interval", interval(h.interval)}});
  j["hardware_ids_total"] = c.hardware_ids_total;
  ojson& lic = j["licenses"] = ojson::array();
  for (const auto& l : c.licenses)
    lic.push_back({{"server", l.server},
                   {"license_id", l.license_id},
                   {"kind", l.kind},
                   {"status", l.status},
                   {"issued", format_datetime(l.issued)},
                   {"expires", format_datetime(l.expires)},
                   {"superseded", l.superseded}});
  ojson& modes = j["failure_modes"] = ojson::array();
  for (const auto& f : c.failure_modes) {
    ojson m{{"mode", f.mode}, {"rule", f.rule}, {"interval", interval(f.interval)}, {"count", f.count}};
    if (!f.causes.empty()) m["causes"] = f.causes;
    modes.push_back(std::move(m));
  }
  return j;
}

}  // namespace

std::string truth_json(const scenario& s, const run_result& r, std::uint64_t seed) {
  const truth_data& t = r.truth;
  ojson j;
  j["schema"] = truth_schema;
  j["scenario"] = s.name;
  j["seed"] = seed;
  j["start"] = format_datetime(s.start);
  j["end"] = format_datetime(s.end);
  ojson& clients = j["clients"] = ojson::array();
  for (const auto& c : t.clients) clients.push_back(client(c));
  j["clients_left_out"] = t.clients_left_out;
  ojson& hosts = j["hosts"] = ojson::array();
  for (const auto& h : t.hosts)
    hosts.push_back({{"name", h.name},
                     {"mode", h.mode},
                     {"grace", {{"start", time_or_null(h.grace_start)},
                                {"end", time_or_null(h.grace_end)},
                                {"ended_early", h.grace_ended_early}}},
                     {"discovered_server", h.discovered_server ? ojson(*h.discovered_server) : ojson(nullptr)},
                     {"refusal_causes", h.refusal_causes}});
  ojson& packs = j["packs"] = ojson::array();
  for (const auto& p : t.packs) packs.push_back({{"server", p.server}, {"pack", p.pack}, {"held_by_mode", p.held_by_mode}});
  return j.dump(2, ' ', false, ojson::error_handler_t::replace) + "\n";
}

}  // namespace calsim::detail
