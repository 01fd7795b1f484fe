// report.html: self-contained, one chart per pack with one point per day.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>

#include "calsim/output.hpp"
#include "output/svg_chart.hpp"
#include "synthetic_run.hpp"
#include "temp_dir.hpp"

namespace calsim {
namespace {

using test::read_all;
using test::temp_dir;

std::string write_report(const std::filesystem::path& dir) {
  const scenario s = test::synthetic_scenario();
  output_set out(s, dir, {});
  test::feed_synthetic_run(s, out);
  out.finish(test::synthetic_result(s), test::synthetic_info(s));
  return read_all(dir / "report.html");
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + what.size())) ++n;
  return n;
}

TEST(Report, names_version_and_commit) {
  temp_dir t;
  const std::string html = write_report(t.path);
  const std::string label = version_label(version_string, build_commit);  // "0.1.0 (commit 28ba78e3f1a2)"
  EXPECT_NE(html.find("<meta name=\"generator\" content=\"calsim " + label + "\">"), std::string::npos);
  EXPECT_NE(html.find("<footer>Written by calsim " + label), std::string::npos);
}

TEST(Report, needs_no_network) {
  temp_dir t;
  const std::string html = write_report(t.path);
  std::string rest = html;
  const std::string svg_ns = "http://www.w3.org/2000/svg";
  for (auto p = rest.find(svg_ns); p != std::string::npos; p = rest.find(svg_ns)) rest.erase(p, svg_ns.size());
  EXPECT_EQ(rest.find("http://"), std::string::npos);
  EXPECT_EQ(rest.find("https://"), std::string::npos);
  // Scripts are inline (the day cursor and the stories, issue 15): none loads anything.
  const std::regex script_tag(R"(<script[^>]*>)");
  for (std::sregex_iterator it(rest.begin(), rest.end(), script_tag), end; it != end; ++it)
    EXPECT_TRUE(it->str() == "<script>" || it->str() == R"(<script type="application/json" id="day-data">)")
        << it->str();
  EXPECT_EQ(rest.find("fetch("), std::string::npos);
  EXPECT_EQ(rest.find("XMLHttpRequest"), std::string::npos);
  EXPECT_EQ(rest.find("<link"), std::string::npos);
  EXPECT_EQ(rest.find("<img"), std::string::npos);
  EXPECT_EQ(rest.find("@import"), std::string::npos);
  EXPECT_EQ(rest.find("url("), std::string::npos);
}

TEST(Report, one_issued_polyline_per_pack_with_a_point_per_day) {
  temp_dir t;
  const std::string html = write_report(t.path);
  const std::regex polyline(R"re(<polyline class="series series-issued" data-points="(\d+)"[^>]* points="([^"]*)")re");
  std::size_t charts = 0;
  for (std::sregex_iterator it(html.begin(), html.end(), polyline), end; it != end; ++it) {
    ++charts;
    EXPECT_EQ(std::stoul((*it)[1]), static_cast<unsigned long>(test::synthetic_days));
    const std::string pts = (*it)[2];
    EXPECT_EQ(count(pts, ",") , static_cast<std::size_t>(test::synthetic_days));
    EXPECT_EQ(count(pts, " ") + 1, static_cast<std::size_t>(test::synthetic_days));
  }
  EXPECT_EQ(charts, 3u);  // DEV19, USR19, and DEV22 added on day 80
  // and the one server's temporaries panel and the grace panel (one group: no groups chart)
  EXPECT_EQ(count(html, "<svg "), 3u + 1 + 1);
  EXPECT_EQ(count(html, "id=\"grace\""), 1u);
  EXPECT_EQ(count(html, "class=\"series series-grace\""), test::synthetic_scenario().session_hosts.size());
  EXPECT_EQ(count(html, "id=\"temporaries-1\""), 1u);
  EXPECT_EQ(count(html, "class=\"series series-temporary\""), 1u);
  EXPECT_EQ(count(html, "class=\"series series-total\""), 3u);
  EXPECT_EQ(count(html, "class=\"series series-refused\""), 3u);
}

TEST(Report, shows_description_figures_markers_and_events) {
  temp_dir t;
  const std::string html = write_report(t.path);
  EXPECT_NE(html.find("the pool runs dry in March"), std::string::npos);
  EXPECT_NE(html.find("<title>calsim — pool-runs-dry</title>"), std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("connections attempted"), std::string::npos);
  EXPECT_NE(html.find("add_key_pack LS1 DEV22 (25)"), std::string::npos);
  EXPECT_NE(html.find("set_licensing_mode RDSH2 = 2"), std::string::npos);
  EXPECT_NE(html.find("first 1004"), std::string::npos);
  EXPECT_NE(html.find("first 21"), std::string::npos);
  // Markers of one day are merged: days 20 (2 actions), 80 (1 action); days 0 (1069), 50 (21 and 1004).
  // On the 3 pack charts, the one server's temporaries panel and the grace panel.
  EXPECT_EQ(count(html, "<g class=\"marker marker-action\">"), 2u * (3 + 1 + 1));
  EXPECT_EQ(count(html, "<g class=\"marker marker-event\">"), 2u * (3 + 1 + 1));
  EXPECT_NE(html.find("set_licensing_mode RDSH2 = 2 · restart_host RDSH2"), std::string::npos);
  // 363 events: the table lists 500 at most, so all of them, and says nothing was cut.
  EXPECT_EQ(count(html, "<td class=\"time\">") >= 363u, true);
  EXPECT_NE(html.find("363 events."), std::string::npos);
  EXPECT_NE(html.find("FAIL"), std::string::npos);
}

TEST(Report, cuts_the_event_table_with_a_note) {
  temp_dir t;
  const scenario s = test::synthetic_scenario();
  output_set out(s, t.path, {.report_event_limit = 100});
  test::feed_synthetic_run(s, out);
  out.finish(test::synthetic_result(s), test::synthetic_info(s));
  const std::string html = read_all(t.path / "report.html");
  EXPECT_NE(html.find("The first 100 of 363 events are listed"), std::string::npos);
  const auto table = html.substr(html.find("<table class=\"events\">"));
  EXPECT_EQ(count(table, "<tr><td class=\"time\">"), 100u);
}

TEST(Chart, draws_bands_for_sweeps) {
  detail::chart_spec c;
  c.id = "sweep";
  c.title = "issued percentiles";
  for (int d = 0; d < 30; ++d) c.days.push_back(*detail::parse_iso("2026-01-01") + days(d));
  std::vector<double> p50(30), p99(30), lo(30);
  for (int d = 0; d < 30; ++d) {
    p50[d] = d;
    p99[d] = d + 5;
    lo[d] = std::max(0, d - 5);
  }
  c.series.push_back({"p50", "series-issued-p50", "#2364c8", p50, detail::chart_series::style::line, false});
  c.bands.push_back({"p1–p99", "band-issued", "#2364c8", lo, p99});
  std::vector<double> gap = p50;
  gap[3] = std::nan("");
  c.series.push_back({"gap", "series-gap", "#000", gap, detail::chart_series::style::dashed, false});
  const std::string svg = detail::render_chart(c);
  EXPECT_NE(svg.find("<polygon class=\"band band-issued\" data-points=\"30\""), std::string::npos);
  EXPECT_NE(svg.find("class=\"series series-issued-p50\" data-points=\"30\""), std::string::npos);
  EXPECT_NE(svg.find("class=\"series series-gap\" data-points=\"29\""), std::string::npos);
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
  EXPECT_NE(svg.find(">Jan 5<"), std::string::npos);  // weekly ticks on Mondays
}

TEST(Chart, escapes_text) {
  EXPECT_EQ(detail::xml_escape("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
}

}  // namespace
}  // namespace calsim
