// What `calsim size` (and `calsim merge` of size shards) writes and prints:
// size.json and the candidate table.
#pragma once
#include <filesystem>
#include <ostream>
#include <string>

#include "sweep/sizing.hpp"

namespace calsim::detail {

// Who asked: the scenario's name and seed, and the build (version, commit).
struct size_origin {
  std::string scenario_name;
  std::uint64_t seed = 0;
  std::string calsim_version, calsim_commit;
};

std::string size_json(const size_request& req, const size_result& res, const size_origin& origin);

// Writes size.json into `dir` (atomic); returns its path.
std::filesystem::path write_size_json(const size_request& req, const size_result& res, const size_origin& origin,
                                      const std::filesystem::path& dir);

// The table, the pilot's peak and the answer, as `calsim size` prints them.
void print_size_table(std::ostream& out, const size_request& req, const size_result& res,
                      const size_origin& origin);

// The confidence as given, shortest form ("0.95").
std::string shortest_number(double v);

}  // namespace calsim::detail
