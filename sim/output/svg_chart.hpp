// An inline SVG line chart over days: named series (lines or bars, left or
// right scale), optional bands (low/high pairs, e.g. sweep percentiles), and
// labelled vertical markers. No script, no external reference.
#pragma once
#include <string>
#include <vector>

#include "calsim/time.hpp"

namespace calsim::detail {

struct chart_series {
  enum class style { line, dashed, bars };
  std::string name;       // legend text
  std::string css_class;  // e.g. "series-issued" (lines: one polyline with data-points="N")
  std::string color;      // CSS colour
  std::vector<double> values;  // one per day; NaN = no value (not drawn)
  style draw = style::line;
  bool right_axis = false;  // drawn against the right-hand scale
};

struct chart_band {
  std::string name;
  std::string css_class;  // e.g. "band-issued-p50-p99"
  std::string color;
  std::vector<double> low, high;  // one per day
};

struct chart_marker {
  std::size_t day = 0;     // index into chart_spec::days
  std::string label;       // drawn along the line
  std::string detail;      // tooltip
  std::string css_class;   // "marker-action", "marker-event"
};

struct chart_spec {
  std::string id;      // element id
  std::string title;   // accessible title
  std::string y_label, y2_label;
  std::vector<sim_time> days;  // midnights, one per point
  std::vector<chart_series> series;
  std::vector<chart_band> bands;
  std::vector<chart_marker> markers;
  int width = 1180, height = 360;
};

std::string render_chart(const chart_spec& spec);

// XML/HTML text escaping (& < > " ').
std::string xml_escape(std::string_view text);

}  // namespace calsim::detail
