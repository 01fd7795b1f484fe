// Writes the files of a sweep, each complete or not there at all
// (atomic_file: a temporary name, then renamed).
#pragma once
#include <filesystem>
#include <vector>

#include "sweep/sweep_data.hpp"

namespace calsim::detail {

// sweep.csv and report.html into `dir`; returns their paths.
std::vector<std::filesystem::path> write_sweep_outputs(const sweep_results& r, const std::filesystem::path& dir);

// Default folder of sweep, size and merge: out/<scenario name>-sweep/ (or
// -size/), beside run's out/<scenario name>/ so neither overwrites the other's
// report.html.
std::filesystem::path default_sweep_dir(const std::string& scenario_name, const char* suffix = "-sweep");

}  // namespace calsim::detail
