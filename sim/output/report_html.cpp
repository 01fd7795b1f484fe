#include "output/report_html.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/calendar.hpp"
#include "core/scenario_enums.hpp"
#include "output/action_label.hpp"
#include "output/report_interactive.hpp"
#include "output/summary_json.hpp"
#include "output/svg_chart.hpp"

namespace calsim::detail {
namespace {

const char* const style_sheet = R"css(
:root { --ink:#1d2330; --muted:#5b6474; --line:#d9dee7; --bg:#f6f7f9; --pass:#1a7f37; --fail:#c62828; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); background: var(--bg); }
main { max-width: 1240px; margin: 0 auto; padding: 20px 24px 40px; }
h1 { font-size: 24px; margin: 0 0 2px; }
h2 { font-size: 19px; margin: 12px 0 6px; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 0 0 6px; }
.meta { color: var(--muted); font-size: 13px; margin: 0 0 10px; }
.description { white-space: pre-line; background: #fff; border-left: 4px solid #3b6fd8; padding: 7px 12px;
               margin: 8px 0 0; font-size: 14.5px; }
code { font: 12.5px/1.4 ui-monospace, "Cascadia Mono", Consolas, "DejaVu Sans Mono", monospace;
       background: #eceff4; padding: 1px 4px; border-radius: 3px; word-break: break-all; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(126px, 1fr)); gap: 6px; }
.figure { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 4px 8px; }
.figure .value { font-size: 19px; font-weight: 600; line-height: 1.2; }
.figure .value.small { font-size: 14.5px; padding: 3px 0 2px; }
.figure .label { color: var(--muted); font-size: 11.5px; line-height: 1.25; }
.figure.alert .value { color: var(--fail); }
.chart-box { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px 4px;
             margin: 0 0 14px; break-inside: avoid; page-break-inside: avoid; }
.chart-box .sub { color: var(--muted); font-size: 13px; }
svg.chart { display: block; font-size: 12px; font-family: inherit; }
svg.chart text { fill: var(--ink); }
svg.chart .grid { stroke: #e6e9ef; }
svg.chart .axis-line, svg.chart .tick { stroke: #8a93a3; }
svg.chart .axis-label { fill: var(--muted); }
svg.chart .marker line, svg.chart .legend-marker { stroke: #7b5ea7; stroke-width: 1.2; stroke-dasharray: 3 3; }
svg.chart .marker.marker-event line { stroke: #b26a00; }
svg.chart .marker text { font-size: 11px; fill: #4a3a66; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg.chart .marker.marker-event text { fill: #7a4a00; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f6; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.time { white-space: nowrap; font-variant-numeric: tabular-nums; }
.pass { color: var(--pass); font-weight: 600; }
.fail { color: var(--fail); font-weight: 600; }
.note { color: var(--muted); font-size: 13px; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
footer { color: var(--muted); font-size: 12px; margin-top: 30px; }
@media (max-width: 900px) { .two { grid-template-columns: 1fr; } }
@media print {
  body { background: #fff; font-size: 10.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .figure, .chart-box { border-color: #bbb; }
  table { font-size: 8.5pt; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  @page { size: A4 landscape; margin: 12mm; }
}
)css";

std::string esc(std::string_view s) { return xml_escape(s); }
// 14400 → "14,400".
std::string str(std::int64_t v) {
  std::string digits = std::to_string(v < 0 ? -v : v), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return v < 0 ? "-" + out : out;
}

std::string when_or_never(const std::optional<sim_time>& t) {
  return t ? format_date(*t) + " " + format_datetime(*t).substr(11, 5) : "never";
}

struct marker_row {
  sim_time time = 0;
  std::string kind;  // "action" / "event"
  std::string label, detail;
};

std::vector<marker_row> marker_rows(const scenario& s, const report_data& data) {
  std::vector<marker_row> rows;
  for (const auto& a : s.actions) rows.push_back({a.at, "action", action_label(s, a), a.pointer});
  for (const auto& [id, e] : data.first_by_id()) {
    std::string detail = e.node + (e.client.empty() ? "" : " / " + e.client) + ": " + e.message;
    rows.push_back({e.time, "event", "first " + std::to_string(id), detail});
  }
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
  return rows;
}

std::string figure(const std::string& value, const std::string& label, bool alert = false) {
  const bool small = value.size() > 10;  // dates
  return "<div class=\"figure" + std::string(alert ? " alert" : "") + "\"><div class=\"value" +
         (small ? " small" : "") + "\">" + esc(value) +
         "</div><div class=\"label\">" + esc(label) + "</div></div>\n";
}

// "per device", "per user": the pack type's name in words.
std::string pack_type_text(pack_type t) {
  std::string text(name_of(pack_types, t));
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

std::vector<double> as_double(const std::vector<std::int64_t>& v) { return {v.begin(), v.end()}; }

// A chart over the run's days: what every chart of the page shares.
chart_spec day_chart(std::string id, std::string title, std::string y_label, int height, const report_data& data) {
  chart_spec c;
  c.id = std::move(id);
  c.title = std::move(title);
  c.y_label = std::move(y_label);
  c.days = data.day_times();
  c.height = height;
  return c;
}

std::string chart_for(const pack_days& p, const report_data& data, const std::vector<chart_marker>& markers,
                      std::size_t index) {
  // 300 high: with the key figures, above the fold at 1280x800 (issue 15).
  chart_spec c = day_chart("chart-" + std::to_string(index + 1),
                           p.label + ": CALs issued against the pack's total, per day", "CALs", 300, data);
  c.y2_label = "refused connections / day";
  c.series.push_back({"issued", "series-issued", "#2364c8", as_double(p.issued), chart_series::style::line, false});
  c.series.push_back({"total", "series-total", "#3a3f4b", as_double(p.total), chart_series::style::dashed, false});
  // Temporaries have their own panel (temporaries_panel): a VDI pool's
  // thousands of them would set this chart's scale (issues 14, 15).
  if (p.type == pack_type::per_user)
    c.series.push_back(
        {"over-used (per user)", "series-overused", "#8e44ad", as_double(p.overused), chart_series::style::line, false});
  c.series.push_back({"refused / day (all hosts)", "series-refused", "#d62728", as_double(data.refused()),
                      chart_series::style::bars, true});
  c.markers = markers;
  return render_chart(c);
}

}  // namespace

const char* report_css() { return style_sheet; }

const char* event_meaning(int id) {
  switch (id) {
    case 4: return "license server activated";
    case 18: return "license server not activated";
    case 21: return "no permanent licenses left for a product";
    case 1000: return "cannot acquire a license for a user";
    case 1003: return "invalid license presented";
    case 1004: return "cannot issue a client license";
    case 1011: return "temporary license expired";
    case 1028: return "license could not be renewed";
    case 1069: return "grace period over and licensing mode not configured";
    case 4105: return "cannot update a user's AD attributes";
    case 4141: return "host not in the license server security group";
    default: return "";
  }
}

namespace {

void title_section(std::string& o, const scenario& s, const report_data& data, const run_info& info) {
  // Title and description.
  o += "<h1>" + esc(s.name) + "</h1>\n";
  o += "<p class=\"meta\">" + esc(format_date(s.start)) + " to " + esc(format_date(s.end - 1)) + " (" +
       str(static_cast<std::int64_t>(data.day_count())) + " days) · rules " + std::string(name_of(rules_profiles, s.rules)) +
       " · seed " + std::to_string(info.seed) + " · calsim " +
       esc(version_label(info.calsim_version, info.calsim_commit)) + "</p>\n";
  if (!s.description.empty()) o += "<div class=\"description\">" + esc(s.description) + "</div>\n";

}

void key_figures(std::string& o, const run_result& r) {
  // Key figures.
  o += "<h2>Key figures</h2>\n<div class=\"figures\">\n";
  o += figure(str(r.connections_attempted), "connections attempted");
  o += figure(str(r.connections_allowed), "allowed");
  o += figure(str(r.connections_allowed_in_grace), "allowed in grace period");
  o += figure(str(r.connections_refused), "refused", r.connections_refused > 0);
  o += figure(when_or_never(r.first_refusal), "first refusal", r.first_refusal.has_value());
  o += figure(when_or_never(r.pool_exhausted), "pool exhausted (no CAL left)", r.pool_exhausted.has_value());
  o += figure(str(r.temporaries_issued), "temporary CALs issued");
  o += figure(str(r.permanents_issued), "permanent CALs issued");
  o += figure(str(r.permanents_renewed), "permanent CALs renewed");
  o += figure(str(r.permanents_returned), "permanent CALs returned");
  o += figure(str(r.revoked), "CALs revoked");
  o += figure(str(r.leaked), "leaked CALs (HardwareID gone)", r.leaked > 0);
  o += figure(str(r.superseded), "superseded CALs held (R-DEV-7)", r.superseded > 0);
  if (r.per_user_issued > 0 || r.per_user_overused > 0) {
    o += figure(str(r.per_user_issued), "per-user CALs issued");
    o += figure(str(r.per_user_overused), "per-user over-used", r.per_user_overused > 0);
  }
  for (const auto& [label, peak] : r.peak_issued) {
    const auto d = r.peak_issued_date.find(label);
    o += figure(str(peak), "peak issued " + label + (d != r.peak_issued_date.end() ? " on " + format_date(d->second) : ""));
  }
  o += "</div>\n";

}

// One marker per day: labels of the same day joined, so they never overprint.
std::vector<chart_marker> day_markers(const scenario& s, const std::vector<marker_row>& markers_all) {
  std::vector<chart_marker> markers;
  for (const auto& m : markers_all) {
    const sim_time d = day_floor(m.time) - day_floor(s.start);
    if (d < 0) continue;
    const auto day = static_cast<std::size_t>(d / seconds_per_day);
    const std::string detail = format_datetime(m.time) + " " + m.label + (m.detail.empty() ? "" : " — " + m.detail);
    if (!markers.empty() && markers.back().day == day) {
      markers.back().label += " · " + m.label;
      markers.back().detail += "\n" + detail;
      if (m.kind == "action") markers.back().css_class = "marker-action";
      continue;
    }
    markers.push_back({day, m.label, detail, m.kind == "action" ? "marker-action" : "marker-event"});
  }
  return markers;
}

void pack_charts(std::string& o, report_data& data, const std::vector<chart_marker>& markers) {
  o += "<h2>Key packs, day by day</h2>\n";
  if (data.packs().empty()) o += "<p class=\"note\">No key pack was sampled in this run.</p>\n";
  for (std::size_t i = 0; i < data.packs().size(); ++i) {
    const auto& p = data.packs()[i];
    const std::int64_t last_total = p.total.empty() ? 0 : p.total.back();
    o += "<section class=\"chart-box\" id=\"pack-" + std::to_string(i + 1) + "\">\n<h3>" + esc(p.server) + " / " +
         esc(p.pack) + "</h3>\n<div class=\"sub\">" + pack_type_text(p.type) + " · Windows Server " +
         std::to_string(p.version) + " · " + str(last_total) +
         " CALs at the end · the issued line against the dashed total; bars: refused connections per day "
         "(right scale)</div>\n";
    o += chart_for(p, data, markers, i);
    o += "</section>\n";
  }

}

// Valid temporary CALs per license server, on their own scale.
void temporaries_panel(std::string& o, const report_data& data, const std::vector<chart_marker>& markers) {
  std::vector<const pack_days*> first_of_server;  // temporaries are per server: one pack row carries them
  for (const auto& p : data.packs()) {
    bool seen = false;
    for (const auto* q : first_of_server) seen = seen || q->server == p.server;
    if (!seen) first_of_server.push_back(&p);
  }
  if (first_of_server.empty()) return;
  o += "<h2>Temporary CALs</h2>\n";
  for (std::size_t i = 0; i < first_of_server.size(); ++i) {
    const pack_days& p = *first_of_server[i];
    chart_spec c = day_chart("temporaries-" + std::to_string(i + 1), p.server + ": valid temporary CALs per day",
                             "temporary CALs", 220, data);
    c.series.push_back({"temporaries valid (" + p.server + ")", "series-temporary", "#e8861a",
                        as_double(p.temporary_valid), chart_series::style::line, false});
    c.markers = markers;
    o += "<section class=\"chart-box\">\n<h3>" + esc(p.server) +
         "</h3>\n<div class=\"sub\">temporary CALs issued and not yet expired (90 days), end of each day</div>\n" +
         render_chart(c) + "</section>\n";
  }
}

// Permanent CALs held per client group, stacked: each line is the sum of the
// groups up to it, so the top line is every CAL held by a client (groups.csv).
void groups_panel(std::string& o, const report_data& data) {
  if (data.groups().size() < 2) return;  // one group: the pack chart says it all
  static const char* const colors[] = {"#2364c8", "#e8861a", "#27ae60", "#8e44ad", "#c0392b", "#16a085", "#7f8c8d"};
  chart_spec c = day_chart("groups", "Permanent CALs held per client group, stacked", "CALs held", 260, data);
  std::vector<double> sum(data.day_count(), 0.0);
  for (std::size_t g = 0; g < data.groups().size() && g < 7; ++g) {
    const auto& held = data.groups()[g].permanent_held;
    for (std::size_t d = 0; d < sum.size() && d < held.size(); ++d) sum[d] += static_cast<double>(held[d]);
    c.series.push_back({data.groups()[g].group + (g ? " (and those above)" : ""), "series-group", colors[g], sum,
                        chart_series::style::line, false});
  }
  o += "<h2>Who holds the CALs</h2>\n<section class=\"chart-box\" id=\"groups-box\">\n<div class=\"sub\">"
       "permanent CALs held by each client group at the end of each day, stacked (groups.csv; the first seven "
       "groups)</div>\n" + render_chart(c) + "</section>\n";
}

// Grace days left per session host (R-GRACE-1…3), one line each: 0 once the
// grace period is over or ended early by a permanent CAL (connections.csv).
void grace_panel(std::string& o, const report_data& data, const std::vector<chart_marker>& markers) {
  if (data.hosts().empty()) return;
  static const char* const colors[] = {"#16a085", "#8e44ad", "#2364c8", "#e8861a", "#c0392b", "#7f8c8d"};
  chart_spec c = day_chart("grace", "Grace days left per session host", "days left", 220, data);
  for (std::size_t h = 0; h < data.hosts().size() && h < 6; ++h)
    c.series.push_back({data.hosts()[h].host, "series-grace", colors[h], as_double(data.hosts()[h].days_left),
                        chart_series::style::line, false});
  c.markers = markers;
  o += "<h2>Grace period</h2>\n<section class=\"chart-box\" id=\"grace-box\">\n<div class=\"sub\">days left of "
       "each host's licensing grace period at the end of each day (0: over, or ended by a permanent CAL; the first "
       "six hosts)</div>\n" + render_chart(c) + "</section>\n";
}

void expectations_table(std::string& o, const run_result& r) {
  if (!r.expectations.empty()) {
    o += "<h2>Expectations</h2>\n<table class=\"expectations\">\n<tr><th>result</th><th>metric</th><th>condition</th>"
         "<th class=\"num\">got</th><th>seen at</th></tr>\n";
    for (const auto& e : r.expectations) {
      std::string cond, metric;
      if (e.spec) {
        metric = e.spec->metric;
        char v[32];
        std::snprintf(v, sizeof v, "%g", e.spec->value);
        cond = std::string(name_of(compare_ops, e.spec->op)) + " " + v +
               (e.spec->at_instant ? " at " + format_datetime(e.spec->at)
                                   : std::string(e.spec->ever ? " ever" : " always") + " from " +
                                         format_datetime(e.spec->from) + " to " + format_datetime(e.spec->to));
      }
      char got[32];
      std::snprintf(got, sizeof got, "%g", e.got);
      o += std::string("<tr><td class=\"") + (e.passed ? "pass\">PASS" : "fail\">FAIL") + "</td><td><code>" +
           esc(metric) + "</code></td><td>" + esc(cond) + "</td><td class=\"num\">" + got + "</td><td class=\"time\">" +
           esc(format_datetime(e.when)) + "</td></tr>\n";
    }
    o += "</table>\n";
  }

}

void markers_table(std::string& o, const std::vector<marker_row>& markers_all) {
  // Actions and first events.
  o += "<h2>What happened when</h2>\n";
  if (markers_all.empty()) {
    o += "<p class=\"note\">No actions and no Windows events in this run.</p>\n";
  } else {
    o += "<table class=\"markers\">\n<tr><th>time</th><th>what</th><th>details</th></tr>\n";
    for (const auto& m : markers_all) {
      std::string detail = m.detail;
      if (m.kind == "event") {
        const int id = std::stoi(m.label.substr(6));
        if (*event_meaning(id)) detail = std::string(event_meaning(id)) + " — " + detail;
      }
      o += "<tr><td class=\"time\">" + esc(format_datetime(m.time)) + "</td><td>" +
           esc(m.kind == "action" ? m.label : "first event " + m.label.substr(6)) + "</td><td>" + esc(detail) +
           "</td></tr>\n";
    }
    o += "</table>\n";
  }

}

void events_section(std::string& o, const report_data& data, const run_result& r, const run_info& info) {
  // Events.
  o += "<h2>Events</h2>\n<div class=\"two\">\n<div>\n<h3>Windows events by id</h3>\n";
  if (r.events_by_id.empty()) {
    o += "<p class=\"note\">No Windows event was logged.</p>\n";
  } else {
    o += "<table class=\"event-counts\">\n<tr><th class=\"num\">id</th><th class=\"num\">count</th><th>meaning</th></tr>\n";
    for (const auto& [id, n] : r.events_by_id)
      o += "<tr><td class=\"num\">" + std::to_string(id) + "</td><td class=\"num\">" + str(n) + "</td><td>" +
           esc(event_meaning(id)) + "</td></tr>\n";
    o += "</table>\n";
  }
  o += "</div>\n<div>\n<h3>Reproduce</h3>\n<p><code>" + esc(reproduce_command(info)) + "</code></p>\n";
  o += "<p class=\"note\">All files of this run are in the same folder: summary.json, timeline.csv, connections.csv, "
       "events.jsonl, groups.csv, issued_licenses.csv, key_packs.csv, truth.json, registry/*.reg, tsctst/*.txt, "
       "manifest.json (and trace.jsonl with --trace).</p>\n"
       "</div>\n</div>\n";

  const auto& ev = data.events();
  o += "<h3>Event log</h3>\n";
  if (static_cast<std::int64_t>(ev.size()) < data.events_seen()) {
    o += "<p class=\"note\">The first " + std::to_string(ev.size()) + " of " + str(data.events_seen()) +
         " events are listed; the rest were cut. Every event is in events.jsonl.</p>\n";
  } else {
    o += "<p class=\"note\">" + str(data.events_seen()) + " events.</p>\n";
  }
  if (!ev.empty()) {
    o += "<table class=\"events\">\n<tr><th>time</th><th>node</th><th>client</th><th class=\"num\">event</th>"
         "<th>rule</th><th>message</th></tr>\n";
    for (const auto& e : ev)
      o += "<tr><td class=\"time\">" + esc(format_datetime(e.time)) + "</td><td>" + esc(e.node) + "</td><td>" +
           esc(e.client) + "</td><td class=\"num\">" + (e.event_id ? std::to_string(e.event_id) : "") + "</td><td>" +
           esc(e.rule) + "</td><td>" + esc(e.message) + "</td></tr>\n";
    o += "</table>\n";
  }
}

}  // namespace

std::string report_html(const scenario& s, report_data& data, const run_result& r, const run_info& info) {
  data.pad();
  const std::string title = "calsim — " + s.name;
  std::string o;
  o.reserve(1 << 20);
  o += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       "<meta name=\"generator\" content=\"calsim " + esc(version_label(info.calsim_version, info.calsim_commit)) + "\">\n";
  o += "<title>" + esc(title) + "</title>\n<style>" + style_sheet + interactive_css() + "</style>\n</head>\n<body>\n<main>\n";
  title_section(o, s, data, info);
  key_figures(o, r);
  const auto markers_all = marker_rows(s, data);
  const auto markers = day_markers(s, markers_all);
  pack_charts(o, data, markers);
  clients_section(o, s, data, r);
  groups_panel(o, data);
  temporaries_panel(o, data, markers);
  grace_panel(o, data, markers);
  expectations_table(o, r);
  markers_table(o, markers_all);
  events_section(o, data, r, info);
  o += "<footer>Written by calsim " + esc(version_label(info.calsim_version, info.calsim_commit)) +
       ", a simulation of Remote Desktop Services "
       "licensing. Simulated figures, not measurements.</footer>\n";
  day_cursor(o, data, markers);
  o += "</main>\n</body>\n</html>\n";
  return o;
}

}  // namespace calsim::detail
