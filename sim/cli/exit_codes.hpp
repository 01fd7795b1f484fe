// The one place that turns an error into a message and an exit code
// (OUTPUTS.md, "Exit codes"), like CLI11's mapping of error types.
#pragma once
#include <exception>
#include <iosfwd>

namespace calsim::detail {

// Prints what went wrong to `err` and returns the exit code for it.
int report_error(std::exception_ptr error, std::ostream& err);

}  // namespace calsim::detail
