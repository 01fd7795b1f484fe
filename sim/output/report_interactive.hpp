// The parts of report.html a trainer clicks through (issue 15): the "clients
// to look at" table whose rows open each client's story, embedded in the page,
// and the day cursor: moving the mouse (or the arrow keys) over any chart
// shows that day's pool, holders, refusals and events. One small inline
// script, no network; without script the page still reads (stories in
// <details>), and print hides the cursor.
#pragma once
#include <string>
#include <vector>

#include "calsim/output.hpp"
#include "output/report_data.hpp"
#include "output/svg_chart.hpp"

namespace calsim::detail {

void clients_section(std::string& o, const scenario& s, const report_data& data, const run_result& r);

// The per-day figures as JSON, the cursor's panel and the script; `markers`
// are the charts' (actions and first events, one per day).
void day_cursor(std::string& o, const report_data& data, const std::vector<chart_marker>& markers);

// The style rules of both.
const char* interactive_css();

}  // namespace calsim::detail
