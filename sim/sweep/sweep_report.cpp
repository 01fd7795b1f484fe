#include "sweep/sweep_report.hpp"

#include <algorithm>

#include "core/calendar.hpp"
#include "output/svg_chart.hpp"
#include "sweep/percentile.hpp"

namespace calsim::detail {
namespace {

const char* const css = R"css(
:root { --ink:#1d2330; --muted:#5b6474; --line:#d9dee7; --bg:#f6f7f9; --fail:#c62828; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: var(--bg); }
main { max-width: 1240px; margin: 0 auto; padding: 20px 24px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 22px 0 10px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 0 0 6px; }
.meta { color: var(--muted); font-size: 13px; margin: 0 0 10px; }
.description { white-space: pre-line; background: #fff; border-left: 4px solid #3b6fd8; padding: 10px 14px;
               margin: 10px 0 0; font-size: 16px; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 8px; }
.figure { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 6px 10px; }
.figure .value { font-size: 20px; font-weight: 600; line-height: 1.25; }
.figure .label { color: var(--muted); font-size: 12px; line-height: 1.3; }
.figure.alert .value { color: var(--fail); }
.chart-box { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px 4px;
             margin: 0 0 14px; break-inside: avoid; page-break-inside: avoid; }
.chart-box .sub { color: var(--muted); font-size: 13px; }
svg.chart { display: block; font-size: 12px; font-family: inherit; }
svg.chart text { fill: var(--ink); }
svg.chart .grid { stroke: #e6e9ef; }
svg.chart .axis-line, svg.chart .tick { stroke: #8a93a3; }
svg.chart .axis-label { fill: var(--muted); }
.note { color: var(--muted); font-size: 13px; }
footer { color: var(--muted); font-size: 12px; margin-top: 30px; }
@media print {
  body { background: #fff; font-size: 10.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  @page { size: A4 landscape; margin: 12mm; }
}
)css";

std::string esc(std::string_view s) { return xml_escape(s); }

std::vector<double> as_double(const std::vector<std::int64_t>& v) { return {v.begin(), v.end()}; }

std::int64_t max_of(const std::vector<std::int64_t>& v) {
  return v.empty() ? 0 : *std::max_element(v.begin(), v.end());
}

std::string figure(const std::string& value, const std::string& label, bool alert = false) {
  return "<div class=\"figure" + std::string(alert ? " alert" : "") + "\"><div class=\"value\">" + esc(value) +
         "</div><div class=\"label\">" + esc(label) + "</div></div>\n";
}

}  // namespace

std::string sweep_report_html(const sweep_header& h, const sweep_stats& st) {
  std::vector<sim_time> day_times(h.days);
  for (std::size_t d = 0; d < h.days; ++d) day_times[d] = h.start + days(static_cast<std::int64_t>(d));
  const std::string n = std::to_string(h.replications);

  std::string o;
  o.reserve(1 << 18);
  o += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       "<meta name=\"generator\" content=\"calsim " + esc(h.calsim_version) + "\">\n";
  o += "<title>" + esc("calsim sweep — " + h.scenario_name) + "</title>\n<style>" + css +
       "</style>\n</head>\n<body>\n<main>\n";
  o += "<h1>" + esc(h.scenario_name) + " — " + n + " replications</h1>\n";
  o += "<p class=\"meta\">";
  if (h.days > 0) o += esc(format_date(day_times.front())) + " to " + esc(format_date(day_times.back())) + " (" +
                       std::to_string(h.days) + " days) · ";
  o += "seed " + std::to_string(h.seed) + " · scenario " + esc(h.scenario_hash) + " · calsim " +
       esc(h.calsim_version) + "</p>\n";
  if (!h.description.empty()) o += "<div class=\"description\">" + esc(h.description) + "</div>\n";

  // Key figures: the worst day's percentiles over the run.
  o += "<h2>Key figures</h2>\n<div class=\"figures\">\n";
  for (std::size_t p = 0; p < h.pack_labels.size(); ++p) {
    o += figure(std::to_string(max_of(st.p50[p])), "peak of the daily median issued, " + h.pack_labels[p]);
    o += figure(std::to_string(max_of(st.p99[p])), "peak of the daily p99 issued, " + h.pack_labels[p]);
    o += figure(std::to_string(max_of(st.max[p])), "most issued in any replication, " + h.pack_labels[p]);
  }
  std::int64_t refused_total = 0;
  for (std::int64_t v : st.refused_sum) refused_total += v;
  if (st.replications > 0)
    o += figure(fixed_mean_3(refused_total, st.replications), "refused connections per replication (mean)",
                refused_total > 0);
  o += "</div>\n";

  o += "<h2>Key packs, day by day</h2>\n";
  o += "<p class=\"note\">Each day, over the " + n +
       " replications: the shaded band runs from the median (p50) to the 99th percentile (nearest rank) of the "
       "CALs issued at the end of the day, the solid line is the median and the dashed line the largest value "
       "any replication reached.</p>\n";
  if (h.pack_labels.empty() || st.replications == 0) o += "<p class=\"note\">No key pack was sampled.</p>\n";
  for (std::size_t p = 0; st.replications > 0 && p < h.pack_labels.size(); ++p) {
    chart_spec c;
    c.id = "chart-" + std::to_string(p + 1);
    c.title = h.pack_labels[p] + ": CALs issued per day over " + n + " replications";
    c.y_label = "CALs";
    c.days = day_times;
    c.bands.push_back({"p50–p99", "band-issued-p50-p99", "#2364c8", as_double(st.p50[p]), as_double(st.p99[p])});
    c.series.push_back({"median (p50)", "series-issued-p50", "#2364c8", as_double(st.p50[p]),
                        chart_series::style::line, false});
    c.series.push_back({"max", "series-issued-max", "#3a3f4b", as_double(st.max[p]), chart_series::style::dashed,
                        false});
    o += "<section class=\"chart-box\" id=\"pack-" + std::to_string(p + 1) + "\">\n<h3>" + esc(h.pack_labels[p]) +
         "</h3>\n<div class=\"sub\">p90 on the worst day: " + std::to_string(max_of(st.p90[p])) + "</div>\n" +
         render_chart(c) + "</section>\n";
  }

  if (st.replications > 0 && h.days > 0) {
    o += "<h2>Refused connections</h2>\n";
    chart_spec c;
    c.id = "chart-refused";
    c.title = "Refused connections per day (all hosts) over " + n + " replications";
    c.y_label = "refused / day";
    c.days = day_times;
    std::vector<double> mean(h.days);
    for (std::size_t d = 0; d < h.days; ++d)
      mean[d] = static_cast<double>(st.refused_sum[d]) / static_cast<double>(st.replications);
    c.series.push_back({"mean", "series-refused-mean", "#d62728", mean, chart_series::style::line, false});
    c.series.push_back({"p99", "series-refused-p99", "#8c1c13", as_double(st.refused_p99),
                        chart_series::style::dashed, false});
    o += "<section class=\"chart-box\" id=\"refused\">\n" + render_chart(c) + "</section>\n";
  }

  o += "<footer>calsim " + esc(h.calsim_version) + " · calsim sweep · sweep.csv holds the figures</footer>\n";
  o += "</main>\n</body>\n</html>\n";
  return o;
}

}  // namespace calsim::detail
