#include "sweep/sweep_report.hpp"

#include <algorithm>

#include "calsim/version.hpp"
#include "core/calendar.hpp"
#include "output/report_html.hpp"
#include "output/svg_chart.hpp"
#include "sweep/percentile.hpp"

namespace calsim::detail {
namespace {

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
       "<meta name=\"generator\" content=\"calsim " + esc(version_label(h.calsim_version, h.calsim_commit)) + "\">\n";
  o += "<title>" + esc("calsim sweep — " + h.scenario_name) + "</title>\n<style>" + report_css() +
       "</style>\n</head>\n<body>\n<main>\n";
  o += "<h1>" + esc(h.scenario_name) + " — " + n + " replications</h1>\n";
  o += "<p class=\"meta\">";
  if (h.days > 0) o += esc(format_date(day_times.front())) + " to " + esc(format_date(day_times.back())) + " (" +
                       std::to_string(h.days) + " days) · ";
  o += "seed " + std::to_string(h.seed) + " · scenario " + esc(h.scenario_hash) + " · calsim " +
       esc(version_label(h.calsim_version, h.calsim_commit)) + "</p>\n";
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

  o += "<footer>calsim " + esc(version_label(h.calsim_version, h.calsim_commit)) + " · calsim sweep · sweep.csv holds the figures</footer>\n";
  o += "</main>\n</body>\n</html>\n";
  return o;
}

}  // namespace calsim::detail
