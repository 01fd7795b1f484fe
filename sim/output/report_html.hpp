// report.html: one self-contained page a trainer can show (inline CSS, SVG and
// one small script for the day cursor and the stories; no network), readable
// at 1280×800 and printable.
#pragma once
#include <string>

#include "calsim/output.hpp"
#include "output/report_data.hpp"

namespace calsim::detail {

std::string report_html(const scenario& s, report_data& data, const run_result& r, const run_info& info);

// The style sheet of calsim's pages (report.html of run and of sweep).
const char* report_css();

// What a Windows event id means (RULES.md EVT); "" when unknown.
const char* event_meaning(int id);

}  // namespace calsim::detail
