#include "sweep/size_report.hpp"

#include <algorithm>
#include <cstdio>

#include "calsim/version.hpp"
#include "output/report_html.hpp"
#include "output/svg_chart.hpp"

namespace calsim::detail {
namespace {

std::string esc(std::string_view s) { return xml_escape(s); }

std::string num(double v, const char* format = "%.1f") {
  char buf[48];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

// p_ok of every candidate (the unlimited pilot left out) with its interval as
// a bar, the line y = P, and the answer marked.
std::string candidate_chart(const size_request& req, const size_result& res) {
  std::vector<size_candidate> c;
  for (const auto& x : res.candidates)
    if (x.count != size_search_bound) c.push_back(x);
  if (c.empty()) return "<p>No candidate below the search bound was tried.</p>\n";
  const double w = 760, h = 300, left = 60, right = 20, top = 20, bottom = 40;
  const double lo = static_cast<double>(c.front().count), hi = static_cast<double>(c.back().count);
  const double span = hi > lo ? hi - lo : 1;
  auto x = [&](double v) { return left + (v - lo) / span * (w - left - right); };
  auto y = [&](double p) { return top + (1 - p) * (h - top - bottom); };
  std::string o = "<svg class=\"chart\" viewBox=\"0 0 760 300\" role=\"img\" aria-label=\"p_ok by candidate count\">\n";
  for (double p : {0.0, 0.25, 0.5, 0.75, 1.0})
    o += "<line x1=\"" + num(left) + "\" x2=\"" + num(w - right) + "\" y1=\"" + num(y(p)) + "\" y2=\"" + num(y(p)) +
         "\" stroke=\"#ddd\"/><text x=\"" + num(left - 6) + "\" y=\"" + num(y(p) + 4) +
         "\" text-anchor=\"end\" font-size=\"11\">" + num(p, "%.2f") + "</text>\n";
  o += "<line x1=\"" + num(left) + "\" x2=\"" + num(w - right) + "\" y1=\"" + num(y(req.probability)) + "\" y2=\"" +
       num(y(req.probability)) + "\" stroke=\"#c0392b\" stroke-dasharray=\"6 4\"/><text x=\"" + num(w - right) +
       "\" y=\"" + num(y(req.probability) - 5) + "\" text-anchor=\"end\" font-size=\"11\" fill=\"#c0392b\">P = " +
       esc(shortest_number(req.probability)) + "</text>\n";
  for (const auto& k : c) {
    const double cx = x(static_cast<double>(k.count));
    o += "<line class=\"ci\" x1=\"" + num(cx) + "\" x2=\"" + num(cx) + "\" y1=\"" + num(y(k.ci_low)) + "\" y2=\"" +
         num(y(k.ci_high)) + "\" stroke=\"#7f8c8d\"/>";
    o += "<circle class=\"candidate\" cx=\"" + num(cx) + "\" cy=\"" + num(y(k.p_ok)) + "\" r=\"4\" fill=\"" +
         (k.meets ? "#27ae60" : "#34495e") + "\"><title>" + std::to_string(k.count) + " CALs: p_ok " +
         num(k.p_ok, "%.3f") + ", interval " + num(k.ci_low, "%.3f") + "–" + num(k.ci_high, "%.3f") +
         "</title></circle>\n";
  }
  if (res.answer && *res.answer != size_search_bound) {
    const double ax = x(static_cast<double>(*res.answer));
    o += "<line x1=\"" + num(ax) + "\" x2=\"" + num(ax) + "\" y1=\"" + num(top) + "\" y2=\"" + num(h - bottom) +
         "\" stroke=\"#27ae60\"/><text x=\"" + num(ax + 4) + "\" y=\"" + num(top + 12) +
         "\" font-size=\"12\" fill=\"#27ae60\">answer " + std::to_string(*res.answer) + "</text>\n";
  }
  o += "<text x=\"" + num(left) + "\" y=\"" + num(h - 8) + "\" font-size=\"11\">" + std::to_string(c.front().count) +
       "</text><text x=\"" + num(w - right) + "\" y=\"" + num(h - 8) + "\" text-anchor=\"end\" font-size=\"11\">" +
       std::to_string(c.back().count) + " CALs</text>\n</svg>\n";
  return o;
}

std::string holders_table(const size_holders& b) {
  const double total = b.permanent_total();
  std::string o = "<h2>Who holds the CALs at " + std::to_string(b.count) + "</h2>\n<p>Mean over " +
                  std::to_string(b.replications) +
                  " replications, on each one's peak day of the pack.</p>\n<table class=\"by-group\">\n"
                  "<tr><th>group</th><th>permanent</th><th>share</th><th></th><th>temporary</th>"
                  "<th>superseded</th></tr>\n";
  for (const auto& g : b.groups) {
    const double share = size_holders::share(g, total);
    o += "<tr><td>" + esc(g.group) + "</td><td>" + num(g.permanent_held) + "</td><td>" + num(100 * share) +
         " %</td><td><svg width=\"200\" height=\"12\"><rect width=\"" + num(200 * share) +
         "\" height=\"12\" fill=\"#2980b9\"/></svg></td><td>" + num(g.temporary_valid) + "</td><td>" +
         num(g.superseded_held) + "</td></tr>\n";
  }
  return o + "</table>\n";
}

}  // namespace

std::string size_report_html(const size_request& req, const size_result& res, const size_origin& origin) {
  const char* goal = goal_name(req.goal.value_or(size_goal::no_refusal));
  std::string o = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
                  esc("calsim size — " + origin.scenario_name + " " + req.pack) + "</title>\n<style>" +
                  report_css() + "</style>\n</head>\n<body>\n<main>\n";
  o += "<h1>" + esc(origin.scenario_name) + " — sizing " + esc(req.pack) + "</h1>\n<p class=\"meta\">goal " +
       goal + " in " + esc(shortest_number(req.probability)) + " of " + std::to_string(req.replications) +
       " replications, interval level " + esc(shortest_number(req.confidence)) + " · seed " +
       std::to_string(origin.seed) + " · calsim " + esc(version_label(origin.calsim_version, origin.calsim_commit)) +
       "</p>\n";
  o += "<div class=\"figures\"><div class=\"figure\"><div class=\"value\" id=\"answer\">" +
       (res.answer ? std::to_string(*res.answer) : std::string("none")) +
       "</div><div class=\"label\">answer: the smallest count that meets the goal</div></div>"
       "<div class=\"figure\"><div class=\"value\">" +
       std::to_string(res.pilot_peak) + "</div><div class=\"label\">most issued at the end of a day, pack unlimited"
       "</div></div></div>\n";
  o += "<h2>Candidates</h2>\n<p>Each dot is a count tried: the fraction of replications meeting the goal, with its "
       "Clopper–Pearson interval; a count meets when the interval's lower bound reaches P (green).</p>\n";
  o += candidate_chart(req, res);
  if (res.by_group) o += holders_table(*res.by_group);
  return o + "</main>\n</body>\n</html>\n";
}

}  // namespace calsim::detail
