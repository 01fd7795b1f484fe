// report.html of a sweep (OUTPUTS.md, `calsim sweep`): one self-contained page
// (inline CSS and SVG, no script, no network) with, per pack, the p50–p99 band
// of issued CALs, the p50 line and the max line, and the refusals per day.
// It depends only on the header and the statistics, so a merged sweep gives
// the same bytes as a single run.
#pragma once
#include <string>

#include "sweep/sweep_data.hpp"
#include "sweep/sweep_stats.hpp"

namespace calsim::detail {

std::string sweep_report_html(const sweep_header& h, const sweep_stats& st);

}  // namespace calsim::detail
