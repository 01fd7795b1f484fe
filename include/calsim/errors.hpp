// Error types and the exit codes they map to (OUTPUTS.md, "Exit codes").
// The mapping lives in one place: exit_code_for() in sim/cli/exit_codes.cpp.
#pragma once
#include <stdexcept>
#include <string>

#include "calsim/diagnostic.hpp"

namespace calsim {

enum class exit_code : int {
  success = 0,
  expectation_failed = 1,  // an expectation or a size target was not met
  usage = 2,               // usage error or a bad scenario: nothing run, nothing written
  internal = 3,            // a bug: an invariant broke
};

// Bad command line (exit 2).
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A bad value of a named parameter of a library call (e.g. "confidence"): the
// library says what is wrong in its own terms; the command line names the
// option that carried it (`--confidence`), in one place (cli/exit_codes.cpp).
struct option_error : usage_error {
  option_error(std::string parameter_name, const std::string& message)
      : usage_error(message), parameter(std::move(parameter_name)) {}
  std::string parameter;  // snake_case, e.g. "max_refused"
};

// Bad scenario: every problem found (exit 2).
struct scenario_error : std::runtime_error {
  explicit scenario_error(diagnostics d);
  diagnostics problems;
};

// A run-time invariant or rule broke: a bug in calsim (exit 3).
struct invariant_error : std::logic_error {
  invariant_error(std::string rule, const std::string& what);
  std::string rule;  // the rule id or invariant name that broke
};

// Memory ran out (exit 3): `phase` says what calsim was doing ("loading the
// scenario", "simulating", "writing the outputs").
struct out_of_memory : std::runtime_error {
  explicit out_of_memory(const std::string& phase_name)
      : std::runtime_error("out of memory while " + phase_name), phase(phase_name) {}
  std::string phase;
};

}  // namespace calsim
