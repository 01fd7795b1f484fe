// report.html of `calsim size` (issue 14): the candidate curve with its
// intervals against P, the answer, and who holds the CALs at the answer. One
// self-contained page (inline SVG, no script, no network).
#pragma once
#include <string>

#include "sweep/size_output.hpp"
#include "sweep/sizing.hpp"

namespace calsim::detail {

std::string size_report_html(const size_request& req, const size_result& res, const size_origin& origin);

}  // namespace calsim::detail
