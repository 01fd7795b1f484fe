// summary.json: what was run, how to reproduce it, and the key figures.
#pragma once
#include <string>

#include "calsim/output.hpp"

namespace calsim::detail {

struct stream_counts {
  std::int64_t events = 0;        // lines of events.jsonl
  std::int64_t trace_messages = 0;  // lines of trace.jsonl
};

// The file's text: keys sorted, two-space indent, final newline; the same
// bytes for the same inputs (no wall-clock time, no paths made absolute).
std::string summary_json(const scenario& s, const run_result& r, const run_info& info, const stream_counts& counts);

// "calsim run FILE --seed N --set A=B ..." with shell quoting where needed.
std::string reproduce_command(const run_info& info);

}  // namespace calsim::detail
