#include "output/svg_chart.hpp"

#include <algorithm>
#include <tuple>
#include <cmath>
#include <cstdio>

#include "core/calendar.hpp"

namespace calsim::detail {
namespace {

const char* const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct ymd {
  int year = 0, month = 0, day = 0;
};
ymd split_date(sim_time t) {
  const std::string d = format_date(t);
  return {std::stoi(d.substr(0, 4)), std::stoi(d.substr(5, 2)), std::stoi(d.substr(8, 2))};
}

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

// A "nice" axis top and step (1, 2, 5 × 10^k) for about five ticks.
std::pair<double, double> nice_scale(double max) {
  if (!(max > 0)) max = 1;
  const double raw = max / 5;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  double step = mag;
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * mag;
    if (step >= raw) break;
  }
  step = std::max(step, 1.0);  // counts: whole-number ticks
  return {std::ceil(max / step) * step, step};
}

std::string count_label(double v) {
  char buf[32];
  if (v >= 1e6 && std::fmod(v, 1e5) == 0) {
    std::snprintf(buf, sizeof buf, "%gM", v / 1e6);
  } else if (v >= 1e4 && std::fmod(v, 1e3) == 0) {
    std::snprintf(buf, sizeof buf, "%gk", v / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%g", v);
  }
  return buf;
}

// Which days get a date tick, by run length: every day, Mondays, 1st of the
// month, 1st of the quarter, or 1 January.
bool is_tick(const ymd& d, sim_time t, std::size_t n) {
  if (n <= 16) return true;
  if (n <= 70) return weekday(t) == 0;
  if (n <= 450) return d.day == 1;
  if (n <= 1500) return d.day == 1 && (d.month - 1) % 3 == 0;
  return d.day == 1 && d.month == 1;
}

std::string tick_label(const ymd& d, std::size_t n, bool first) {
  if (n <= 70) return std::string(months[d.month - 1]) + " " + std::to_string(d.day);
  if (n > 1500) return std::to_string(d.year);
  if (first || d.month == 1) return std::string(months[d.month - 1]) + " " + std::to_string(d.year);
  return months[d.month - 1];
}

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

namespace {

// A chart's geometry: the plot area, its scales and where a day and a value go.
struct chart_frame {
  std::size_t n = 0;
  bool right = false;
  double top_px = 40, x0 = 0, y0 = 0, w = 0, h = 0, slot = 0;
  double top_left = 1, step_left = 1, top_right = 1, step_right = 1;
  double x_of(std::size_t i) const { return x0 + slot * (static_cast<double>(i) + 0.5); }
  double y_of(double v, bool r) const { return y0 - h * v / (r ? top_right : top_left); }
};

chart_frame frame_of(const chart_spec& spec) {
  chart_frame f;
  f.n = spec.days.size();
  f.right = std::any_of(spec.series.begin(), spec.series.end(), [](const auto& s) { return s.right_axis; });
  const double left_px = 64, right_px = f.right ? 64 : 24, bottom_px = 44;
  f.w = spec.width - left_px - right_px;
  f.h = spec.height - f.top_px - bottom_px;
  f.x0 = left_px;
  f.y0 = f.top_px + f.h;  // origin, bottom left
  double max_left = 0, max_right = 0;
  for (const auto& s : spec.series)
    for (double v : s.values)
      if (std::isfinite(v)) (s.right_axis ? max_right : max_left) = std::max(s.right_axis ? max_right : max_left, v);
  for (const auto& b : spec.bands)
    for (double v : b.high)
      if (std::isfinite(v)) max_left = std::max(max_left, v);
  std::tie(f.top_left, f.step_left) = nice_scale(max_left * 1.05);
  std::tie(f.top_right, f.step_right) = nice_scale(max_right * 1.05);
  f.slot = f.n > 0 ? f.w / static_cast<double>(f.n) : f.w;
  return f;
}

void grid_and_scales(std::string& o, const chart_spec& spec, const chart_frame& f) {
  // Grid and left scale.
  o += "<g class=\"axis axis-y\">\n";
  for (double v = 0; v <= f.top_left + 1e-9; v += f.step_left) {
    const double y = f.y_of(v, false);
    o += "<line class=\"grid\" x1=\"" + num(f.x0) + "\" x2=\"" + num(f.x0 + f.w) + "\" y1=\"" + num(y) + "\" y2=\"" +
         num(y) + "\"/>";
    o += "<text x=\"" + num(f.x0 - 6) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" + count_label(v) +
         "</text>\n";
  }
  if (!spec.y_label.empty())
    o += "<text class=\"axis-label\" transform=\"translate(14 " + num(f.top_px + f.h / 2) +
         ") rotate(-90)\" text-anchor=\"middle\">" + xml_escape(spec.y_label) + "</text>\n";
  o += "</g>\n";
  if (f.right) {
    o += "<g class=\"axis axis-y2\">\n";
    for (double v = 0; v <= f.top_right + 1e-9; v += f.step_right)
      o += "<text x=\"" + num(f.x0 + f.w + 6) + "\" y=\"" + num(f.y_of(v, true) + 4) + "\">" + count_label(v) +
           "</text>\n";
    if (!spec.y2_label.empty())
      o += "<text class=\"axis-label\" transform=\"translate(" + num(spec.width - 12.0) + " " +
           num(f.top_px + f.h / 2) + ") rotate(90)\" text-anchor=\"middle\">" + xml_escape(spec.y2_label) +
           "</text>\n";
    o += "</g>\n";
  }

}

void date_ticks(std::string& o, const chart_spec& spec, const chart_frame& f) {
  // Date ticks.
  o += "<g class=\"axis axis-x\">\n";
  o += "<line class=\"axis-line\" x1=\"" + num(f.x0) + "\" x2=\"" + num(f.x0 + f.w) + "\" y1=\"" + num(f.y0) + "\" y2=\"" +
       num(f.y0) + "\"/>\n";
  bool first = true;
  double last_label_x = -1e9;
  for (std::size_t i = 0; i < f.n; ++i) {
    const ymd d = split_date(spec.days[i]);
    if (!is_tick(d, spec.days[i], f.n)) continue;
    const double x = f.x_of(i);
    o += "<line class=\"tick\" x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + num(f.y0) + "\" y2=\"" +
         num(f.y0 + 5) + "\"/>";
    if (x - last_label_x >= 44) {
      o += "<text x=\"" + num(x) + "\" y=\"" + num(f.y0 + 18) + "\" text-anchor=\"middle\">" +
           tick_label(d, f.n, first) + "</text>";
      last_label_x = x;
      first = false;
    }
    o += "\n";
  }
  o += "</g>\n";

}

void bands_bars_lines(std::string& o, const chart_spec& spec, const chart_frame& f) {
  // Bands, then bars, then lines (lines on top).
  for (const auto& b : spec.bands) {
    std::string pts;
    std::size_t count = 0;
    for (std::size_t i = 0; i < f.n && i < b.high.size(); ++i, ++count)
      pts += num(f.x_of(i)) + "," + num(f.y_of(b.high[i], false)) + " ";
    for (std::size_t i = std::min(f.n, b.low.size()); i-- > 0;) pts += num(f.x_of(i)) + "," + num(f.y_of(b.low[i], false)) + " ";
    if (!pts.empty()) pts.pop_back();
    o += "<polygon class=\"band " + xml_escape(b.css_class) + "\" data-points=\"" + std::to_string(count) +
         "\" fill=\"" + xml_escape(b.color) + "\" fill-opacity=\"0.25\" stroke=\"none\" points=\"" + pts + "\"/>\n";
  }
  for (const auto& s : spec.series) {
    if (s.draw != chart_series::style::bars) continue;
    const double bw = std::max(1.0, f.slot * 0.8);
    std::size_t count = 0;
    std::string rects;
    for (std::size_t i = 0; i < f.n && i < s.values.size(); ++i) {
      const double v = s.values[i];
      if (!std::isfinite(v)) continue;
      ++count;
      if (v <= 0) continue;
      const double y = f.y_of(v, s.right_axis);
      rects += "<rect x=\"" + num(f.x_of(i) - bw / 2) + "\" y=\"" + num(y) + "\" width=\"" + num(bw) +
               "\" height=\"" + num(f.y0 - y) + "\"/>";
    }
    o += "<g class=\"series " + xml_escape(s.css_class) + "\" data-points=\"" + std::to_string(count) +
         "\" fill=\"" + xml_escape(s.color) + "\" fill-opacity=\"0.55\">" + rects + "</g>\n";
  }
  for (const auto& s : spec.series) {
    if (s.draw == chart_series::style::bars) continue;
    std::string pts;
    std::size_t count = 0;
    for (std::size_t i = 0; i < f.n && i < s.values.size(); ++i) {
      if (!std::isfinite(s.values[i])) continue;
      pts += num(f.x_of(i)) + "," + num(f.y_of(s.values[i], s.right_axis)) + " ";
      ++count;
    }
    if (!pts.empty()) pts.pop_back();
    o += "<polyline class=\"series " + xml_escape(s.css_class) + "\" data-points=\"" + std::to_string(count) +
         "\" fill=\"none\" stroke=\"" + xml_escape(s.color) + "\" stroke-width=\"2\" stroke-linejoin=\"round\"" +
         (s.draw == chart_series::style::dashed ? " stroke-dasharray=\"6 4\"" : "") + " points=\"" + pts +
         "\"/>\n";
  }

}

void chart_markers(std::string& o, const chart_spec& spec, const chart_frame& f) {
  // Markers: a vertical line and its label hanging from the top.
  for (const auto& m : spec.markers) {
    if (m.day >= f.n) continue;
    const double x = f.x_of(m.day);
    o += "<g class=\"marker " + xml_escape(m.css_class) + "\"><title>" + xml_escape(m.detail.empty() ? m.label : m.detail) +
         "</title><line x1=\"" + num(x) + "\" x2=\"" + num(x) + "\" y1=\"" + num(f.top_px) + "\" y2=\"" + num(f.y0) +
         "\"/><text transform=\"translate(" + num(x + 4) + " " + num(f.top_px + 4) +
         ") rotate(90)\">" + xml_escape(m.label) + "</text></g>\n";
  }

}

void chart_legend(std::string& o, const chart_spec& spec, const chart_frame& f) {
  // Legend, top left.
  double lx = f.x0;
  o += "<g class=\"legend\">\n";
  auto legend_item = [&](const std::string& name, const std::string& color, const char* kind) {
    o += "<g class=\"legend-item\" transform=\"translate(" + num(lx) + " 16)\">";
    if (std::string_view(kind) == "bars" || std::string_view(kind) == "band") {
      o += "<rect x=\"0\" y=\"-9\" width=\"18\" height=\"10\" fill=\"" + xml_escape(color) +
           "\" fill-opacity=\"" + (std::string_view(kind) == "band" ? "0.25" : "0.55") + "\"/>";
    } else {
      o += "<line x1=\"0\" x2=\"18\" y1=\"-4\" y2=\"-4\" stroke=\"" + xml_escape(color) + "\" stroke-width=\"2\"" +
           (std::string_view(kind) == "dashed" ? " stroke-dasharray=\"6 4\"" : "") + "/>";
    }
    o += "<text x=\"24\" y=\"0\">" + xml_escape(name) + "</text></g>\n";
    lx += 34 + 7.0 * static_cast<double>(name.size());
  };
  for (const auto& s : spec.series)
    legend_item(s.name, s.color,
                s.draw == chart_series::style::bars ? "bars" : s.draw == chart_series::style::dashed ? "dashed" : "line");
  for (const auto& b : spec.bands) legend_item(b.name, b.color, "band");
  if (!spec.markers.empty()) {
    o += "<g class=\"legend-item\" transform=\"translate(" + num(lx) + " 16)\"><line class=\"legend-marker\" x1=\"9\" x2=\"9\" y1=\"-11\" y2=\"3\"/><text x=\"18\" y=\"0\">action / first event</text></g>\n";
  }
  o += "</g>\n";
}

}  // namespace

std::string render_chart(const chart_spec& spec) {
  const chart_frame f = frame_of(spec);
  std::string o;
  o += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"" + xml_escape(spec.id) +
       "\" viewBox=\"0 0 " + std::to_string(spec.width) + " " + std::to_string(spec.height) +
       "\" width=\"100%\" role=\"img\" aria-label=\"" + xml_escape(spec.title) + "\" data-days=\"" +
       std::to_string(f.n) + "\" data-x0=\"" + num(f.x0) + "\" data-slot=\"" + num(f.slot) + "\" data-top=\"" +
       num(f.top_px) + "\" data-bottom=\"" + num(f.y0) + "\">\n";
  o += "<title>" + xml_escape(spec.title) + "</title>\n";
  grid_and_scales(o, spec, f);
  date_ticks(o, spec, f);
  bands_bars_lines(o, spec, f);
  chart_markers(o, spec, f);
  chart_legend(o, spec, f);
  o += "</svg>\n";
  return o;
}

}  // namespace calsim::detail
