#include "sweep/size_output.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "output/atomic_file.hpp"
#include "sweep/size_report.hpp"

namespace calsim::detail {
namespace {

std::string fixed6(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

std::string fixed2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace

std::string shortest_number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

std::string size_json(const size_request& req, const size_result& res, const size_origin& origin) {
  const char* goal = goal_name(req.goal.value_or(size_goal::no_refusal));
  std::string o = "{\n  \"pack\": " + nlohmann::json(req.pack).dump() + ",\n  \"goal\": \"" + goal +
                  "\",\n  \"answer\": " + (res.answer ? std::to_string(*res.answer) : "null") +
                  ",\n  \"target\": {\"goal\": \"" + goal + "\", \"max_refused\": " + std::to_string(req.max_refused) +
                  ", \"probability\": " + shortest_number(req.probability) + "},\n  \"probability\": " +
                  shortest_number(req.probability) + ",\n  \"confidence\": " + shortest_number(req.confidence) +
                  ",\n  \"replications\": " +
                  std::to_string(req.replications) + ",\n  \"scenario\": " +
                  nlohmann::json(origin.scenario_name).dump() + ",\n  \"seed\": " + std::to_string(origin.seed) +
                  ",\n  \"calsim_version\": " + nlohmann::json(origin.calsim_version).dump() +
                  ",\n  \"calsim_commit\": " + nlohmann::json(origin.calsim_commit).dump() +
                  ",\n  \"search_bound\": " + std::to_string(size_search_bound) +
                  ",\n  \"pilot_peak\": " + std::to_string(res.pilot_peak) + ",\n  \"candidates\": [";
  for (std::size_t i = 0; i < res.candidates.size(); ++i) {
    const auto& c = res.candidates[i];
    o += i ? ",\n    " : "\n    ";
    o += "{\"count\": " + std::to_string(c.count) + ", \"ok\": " + std::to_string(c.ok) + ", \"p_ok\": " +
         fixed6(c.p_ok) + ", \"ci_low\": " + fixed6(c.ci_low) + ", \"ci_high\": " + fixed6(c.ci_high) +
         ", \"meets\": " + (c.meets ? "true" : "false") + "}";
  }
  o += res.candidates.empty() ? "]" : "\n  ]";
  if (res.by_group) {
    const auto& b = *res.by_group;
    const double total = b.permanent_total();
    o += ",\n  \"by_group\": {\"count\": " + std::to_string(b.count) + ", \"replications\": " +
         std::to_string(b.replications) + ", \"on\": \"each replication's peak day of the pack\", \"groups\": [";
    for (std::size_t i = 0; i < b.groups.size(); ++i) {
      const auto& g = b.groups[i];
      o += i ? ",\n    " : "\n    ";
      o += "{\"group\": " + nlohmann::json(g.group).dump() + ", \"permanent_held\": " + fixed2(g.permanent_held) +
           ", \"temporary_valid\": " + fixed2(g.temporary_valid) + ", \"superseded_held\": " +
           fixed2(g.superseded_held) + ", \"share\": " + fixed6(size_holders::share(g, total)) + "}";
    }
    o += b.groups.empty() ? "]}" : "\n  ]}";
  }
  o += "\n}\n";
  return o;
}

std::filesystem::path write_size_json(const size_request& req, const size_result& res, const size_origin& origin,
                                      const std::filesystem::path& dir) {
  atomic_file f(dir / "size.json");
  f.write(size_json(req, res, origin));
  f.commit();
  atomic_file html(dir / "report.html");  // issue 14: the candidate curve and who holds the CALs
  html.write(size_report_html(req, res, origin));
  html.commit();
  return f.target();
}

void print_size_table(std::ostream& out, const size_request& req, const size_result& res,
                      const size_origin& origin) {
  const size_goal goal = req.goal.value_or(size_goal::no_refusal);
  out << origin.scenario_name << ": sizing " << req.pack << " for " << goal_name(goal);
  if (goal == size_goal::no_refusal) out << " (at most " << req.max_refused << " refused per replication)";
  if (goal == size_goal::no_shortage) out << " (no event 21: every device that asks gets a permanent CAL)";
  if (goal == size_goal::compliance) out << " (no over-used per-user CAL)";
  out << " in " << shortest_number(req.probability) << " of replications, shown with confidence "
      << shortest_number(req.confidence) << " (" << req.replications << " replications per count)\n";
  char line[160];
  std::snprintf(line, sizeof line, "%12s %6s %10s %10s %10s\n", "count", "ok", "p_ok", "ci_low", "ci_high");
  out << line;
  for (const auto& c : res.candidates) {
    std::snprintf(line, sizeof line, "%12lld %6lld %10s %10s %10s%s\n", static_cast<long long>(c.count),
                  static_cast<long long>(c.ok), fixed6(c.p_ok).c_str(), fixed6(c.ci_low).c_str(),
                  fixed6(c.ci_high).c_str(),
                  c.count == size_search_bound ? "  (pilot: unlimited)" : c.meets ? "  meets" : "");
    out << line;
  }
  out << "pilot (unlimited): at most " << res.pilot_peak << " issued at the end of a day\n";
  if (res.answer)
    out << "answer: " << *res.answer << "\n";
  else
    out << "answer: none (not even " << size_search_bound << " meets the target)\n";
  if (!res.by_group) return;
  const double total = res.by_group->permanent_total();
  out << "who holds the CALs at " << res.by_group->count << " (mean over " << res.by_group->replications
      << " replications, on each one's peak day):\n";
  for (const auto& g : res.by_group->groups) {
    std::snprintf(line, sizeof line, "  %-24s %10.1f permanent (%5.1f %%), %8.1f temporary, %8.1f superseded\n",
                  g.group.c_str(), g.permanent_held, 100.0 * size_holders::share(g, total),
                  g.temporary_valid, g.superseded_held);
    out << line;
  }
}

}  // namespace calsim::detail
