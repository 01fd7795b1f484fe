// report.html's clients to look at and day cursor (report_interactive.hpp).
#include "output/report_interactive.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/calendar.hpp"
#include "output/look_at.hpp"

namespace calsim::detail {
namespace {

const char* const script = R"js(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('day-data').textContent);
  var panel = document.getElementById('day-panel');
  var current = -1;
  function line(text, cls) {
    var p = document.createElement('div');
    if (cls) p.className = cls;
    p.textContent = text;
    panel.appendChild(p);
  }
  function show(i) {
    if (i < 0 || i >= data.days.length) return;
    current = i;
    panel.textContent = '';
    var h = document.createElement('strong');
    h.textContent = data.days[i];
    panel.appendChild(h);
    data.packs.forEach(function (p) {
      line(p.label + ': ' + p.issued[i] + ' issued of ' + p.total[i] + ', ' + p.temporaries[i] + ' temporaries valid');
    });
    data.groups.forEach(function (g) { line('held by ' + g.group + ': ' + g.held[i]); });
    line('refused that day: ' + data.refused[i], data.refused[i] > 0 ? 'alert' : '');
    (data.events[i] || []).forEach(function (e) { line(e, 'event'); });
    panel.hidden = false;
    document.querySelectorAll('svg.chart[data-x0]').forEach(function (svg) {
      var c = svg.querySelector('line.day-cursor');
      var x = parseFloat(svg.dataset.x0) + parseFloat(svg.dataset.slot) * (i + 0.5);
      c.setAttribute('x1', x);
      c.setAttribute('x2', x);
      c.style.display = 'inline';
    });
  }
  document.querySelectorAll('svg.chart[data-x0]').forEach(function (svg) {
    var c = document.createElementNS('http://www.w3.org/2000/svg', 'line');
    c.setAttribute('class', 'day-cursor');
    c.setAttribute('y1', svg.dataset.top);
    c.setAttribute('y2', svg.dataset.bottom);
    c.style.display = 'none';
    svg.appendChild(c);
    svg.setAttribute('tabindex', '0');
    svg.addEventListener('mousemove', function (ev) {
      var pt = svg.createSVGPoint();
      pt.x = ev.clientX;
      pt.y = ev.clientY;
      var p = pt.matrixTransform(svg.getScreenCTM().inverse());
      show(Math.floor((p.x - parseFloat(svg.dataset.x0)) / parseFloat(svg.dataset.slot)));
    });
    svg.addEventListener('keydown', function (ev) {
      var step = ev.key === 'ArrowRight' ? 1 : ev.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      ev.preventDefault();
      show(Math.min(data.days.length - 1, Math.max(0, (current < 0 ? 0 : current + step))));
    });
  });
  document.querySelectorAll('button.story-open').forEach(function (b) {
    b.addEventListener('click', function () {
      var d = document.getElementById(b.dataset.story);
      d.open = !d.open;
      b.setAttribute('aria-expanded', String(d.open));
      if (d.open) d.scrollIntoView({block: 'start'});
    });
  });
})();
)js";

const char* const style = R"css(
button.story-open { font: inherit; color: #1f4fa8; background: none; border: 0; padding: 0; cursor: pointer;
                    text-decoration: underline; }
details.story { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 8px; padding: 6px 10px; }
details.story summary { cursor: pointer; font-weight: 600; }
details.story pre { white-space: pre-wrap; font: 12.5px/1.45 ui-monospace, Consolas, "DejaVu Sans Mono", monospace;
                    max-height: 520px; overflow: auto; margin: 6px 0 0; }
svg.chart line.day-cursor { stroke: #1d2330; stroke-width: 1; pointer-events: none; }
svg.chart:focus { outline: 2px solid #3b6fd8; }
#day-panel { position: fixed; right: 14px; bottom: 14px; max-width: 380px; background: #fff; border: 1px solid #8a93a3;
             border-radius: 6px; padding: 6px 10px; font-size: 12.5px; box-shadow: 0 2px 8px rgba(0,0,0,.15); }
#day-panel .alert { color: var(--fail); font-weight: 600; }
#day-panel .event { color: #7a4a00; }
@media print { #day-panel, button.story-open { display: none; } details.story:not([open]) { display: none; } }
)css";

std::string esc(std::string_view s) { return xml_escape(s); }

}  // namespace

const char* interactive_css() { return style; }

void clients_section(std::string& o, const scenario& s, const report_data& data, const run_result& r) {
  const auto rows = clients_to_look_at(r.truth);
  if (rows.empty()) return;
  o += "<h2>Clients to look at</h2>\n<p class=\"note\">The first clients each failure mode of truth.json touched. "
       "Click a name to read its story: what it presented, what the host decided, what it holds after.</p>\n"
       "<table class=\"look-at\">\n<tr><th>client</th><th>group</th><th>why</th><th>from</th></tr>\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = rows[i];
    std::string why;
    for (const auto& reason : row.reasons) why += (why.empty() ? "" : ", ") + reason;
    const bool told = data.stories().count(row.client) != 0;
    o += "<tr><td>";
    o += told ? "<button class=\"story-open\" data-story=\"story-" + std::to_string(i + 1) +
                    "\" aria-expanded=\"false\">" + esc(row.client) + "</button>"
              : esc(row.client);
    o += "</td><td>" + esc(row.group) + "</td><td>" + esc(why) + "</td><td class=\"time\">" +
         esc(format_datetime(row.first)) + "</td></tr>\n";
  }
  o += "</table>\n";
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto it = data.stories().find(rows[i].client);
    if (it == data.stories().end()) continue;
    o += "<details class=\"story\" id=\"story-" + std::to_string(i + 1) + "\"><summary>" + esc(rows[i].client) +
         ": its story (calsim explain " + esc(s.name) + " --client " + esc(rows[i].client) + ")</summary><pre>" +
         esc(it->second) + "</pre></details>\n";
  }
  if (data.stories().empty())
    o += "<p class=\"note\">Stories are told for estates up to 20,000 clients; here: <code>calsim explain " +
         esc(s.name) + " --client NAME</code>.</p>\n";
}

void day_cursor(std::string& o, const report_data& data, const std::vector<chart_marker>& markers) {
  nlohmann::json j;
  j["days"] = nlohmann::json::array();
  for (sim_time t : data.day_times()) j["days"].push_back(format_date(t));
  j["packs"] = nlohmann::json::array();
  for (const auto& p : data.packs())
    j["packs"].push_back({{"label", p.label}, {"issued", p.issued}, {"total", p.total},
                          {"temporaries", p.temporary_valid}});
  j["groups"] = nlohmann::json::array();
  for (const auto& g : data.groups()) j["groups"].push_back({{"group", g.group}, {"held", g.permanent_held}});
  j["refused"] = data.refused();
  nlohmann::json events = nlohmann::json::object();
  for (const auto& m : markers) {
    nlohmann::json lines = nlohmann::json::array();
    for (std::size_t a = 0, b; a <= m.detail.size(); a = b + 1) {
      b = std::min(m.detail.find('\n', a), m.detail.size());
      lines.push_back(m.detail.substr(a, b - a));
    }
    events[std::to_string(m.day)] = lines;
  }
  j["events"] = events;
  std::string text = j.dump();
  for (std::size_t at = 0; (at = text.find("</", at)) != std::string::npos; at += 3) text.replace(at, 2, "<\\/");
  o += "<div id=\"day-panel\" hidden aria-live=\"polite\"></div>\n<script type=\"application/json\" id=\"day-data\">" +
       text + "</script>\n<script>" + script + "</script>\n";
}

}  // namespace calsim::detail
