// The subcommands, one file each. Each returns its exit code; errors are
// thrown and mapped by report_error().
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calsim/run.hpp"
#include "calsim/scenario.hpp"

namespace calsim::detail {

struct run_command {
  std::string scenario;
  std::string out_dir;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> sets;
  bool trace = false;
  bool quiet = false;
  bool stats = false;
  std::vector<std::string> argv;  // the command line, recorded in summary.json
};
int command_run(const run_command& cmd);

int command_validate(const std::vector<std::string>& files);
int command_test(const std::vector<std::string>& paths);
int command_list();

struct explain_command {
  std::string scenario;
  std::string client;
  std::optional<std::string> from, to;
  std::vector<std::string> sets;
};
int command_explain(const explain_command& cmd);

// Shared helpers (scenario_files.cpp).
std::string bundled_scenario_dir();
// Every *.json under each path (files as given, folders searched recursively), sorted.
std::vector<std::string> scenario_files(const std::vector<std::string>& paths);
// "metric op value, got x at t" for a failed expectation.
std::string describe_failure(const run_result::expectation_outcome& o);
bool all_passed(const run_result& r);

}  // namespace calsim::detail
