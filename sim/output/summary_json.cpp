#include "output/summary_json.hpp"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/calendar.hpp"
#include "core/scenario_enums.hpp"

namespace calsim::detail {
namespace {

using json = nlohmann::json;

json time_or_null(const std::optional<sim_time>& t) {
  return t ? json(format_datetime(*t)) : json(nullptr);
}

// Whole numbers as integers (5, not 5.0), others as they are.
json number(double v) {
  if (std::isfinite(v) && std::floor(v) == v && std::fabs(v) < 9e15) return static_cast<std::int64_t>(v);
  return v;
}

std::string shell_quote(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-./=:,+@%") ==
                        std::string::npos)
    return s;
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

json expectation(const run_result::expectation_outcome& o) {
  json j;
  j["passed"] = o.passed;
  j["got"] = number(o.got);
  j["seen_at"] = format_datetime(o.when);
  if (!o.spec) return j;
  const auto& e = *o.spec;
  j["metric"] = e.metric;
  j["op"] = std::string(name_of(compare_ops, e.op));
  j["value"] = number(e.value);
  if (e.at_instant) {
    j["at"] = format_datetime(e.at);
  } else {
    j["from"] = format_datetime(e.from);
    j["to"] = format_datetime(e.to);
    j["when"] = e.ever ? "ever" : "always";
  }
  j["pointer"] = e.pointer;
  return j;
}

}  // namespace

std::string reproduce_command(const run_info& info) {
  std::string cmd = "calsim run " + shell_quote(info.scenario_file) + " --seed " + std::to_string(info.seed);
  for (const auto& s : info.sets) cmd += " --set " + shell_quote(s);
  return cmd;
}

std::string summary_json(const scenario& s, const run_result& r, const run_info& info, const stream_counts& counts) {
  json j;
  j["scenario"] = s.name;
  j["description"] = s.description;
  j["source_file"] = info.scenario_file;
  j["calsim_version"] = info.calsim_version;
  j["calsim_commit"] = info.calsim_commit;
  j["profile"] = std::string(name_of(rules_profiles, s.rules));
  j["seed"] = info.seed;
  j["replication"] = info.replication;
  j["start"] = format_datetime(s.start);
  j["end"] = format_datetime(s.end);  // exclusive
  j["days"] = (s.end - s.start + seconds_per_day - 1) / seconds_per_day;

  json& rep = j["reproduce"];
  rep["command"] = reproduce_command(info);
  rep["seed"] = info.seed;
  rep["seed_option"] = info.seed_option ? json(*info.seed_option) : json(nullptr);
  rep["sets"] = info.sets;
  rep["argv"] = info.argv;
  if (info.replication != 0) rep["replication"] = info.replication;

  json& peak = j["peak_issued"];
  peak = json::object();
  for (const auto& [label, count] : r.peak_issued) {
    json p;
    p["count"] = count;
    const auto d = r.peak_issued_date.find(label);
    p["date"] = d != r.peak_issued_date.end() ? json(format_date(d->second)) : json(nullptr);
    peak[label] = p;
  }
  j["first_refusal"] = time_or_null(r.first_refusal);
  j["pool_exhausted"] = time_or_null(r.pool_exhausted);
  j["refusals"] = r.connections_refused;
  j["connections"] = {{"attempted", r.connections_attempted},
                      {"allowed", r.connections_allowed},
                      {"allowed_in_grace", r.connections_allowed_in_grace},
                      {"refused", r.connections_refused}};
  j["temporaries_issued"] = r.temporaries_issued;
  j["permanents"] = {
      {"issued", r.permanents_issued}, {"renewed", r.permanents_renewed}, {"returned", r.permanents_returned}};
  j["revoked"] = r.revoked;
  json& revocations = j["revocations"];  // R-REV-4, R-REV-6: one entry per revoke action
  revocations = json::array();
  for (const auto& rv : r.revocations)
    revocations.push_back({{"at", format_datetime(rv.at)},
                           {"server", rv.server},
                           {"asked", rv.asked},
                           {"revoked", rv.revoked},
                           {"next_revoke_allowed_on", rv.next_revoke_allowed_on ? json(format_date(*rv.next_revoke_allowed_on))
                                                                                : json(nullptr)}});
  j["leaked"] = r.leaked;
  j["superseded"] = r.superseded;
  j["per_user"] = {{"issued", r.per_user_issued}, {"overused", r.per_user_overused}};
  json& by_id = j["events_by_id"];
  by_id = json::object();
  for (const auto& [id, n] : r.events_by_id) by_id[std::to_string(id)] = n;
  j["events_logged"] = counts.events;
  j["trace_messages"] = counts.trace_messages;  // 0 without --trace

  json& ex = j["expectations"];
  ex = json::array();
  std::int64_t passed = 0;
  for (const auto& o : r.expectations) {
    ex.push_back(expectation(o));
    passed += o.passed ? 1 : 0;
  }
  if (info.expectations_skipped) j["expectations_skipped"] = true;  // run --no-expect
  j["expectations_passed"] = passed;
  j["expectations_failed"] = static_cast<std::int64_t>(r.expectations.size()) - passed;
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace calsim::detail
