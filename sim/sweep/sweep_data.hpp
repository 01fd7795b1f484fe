// What a sweep keeps of each replication (the compact daily figures, not the
// whole run_result), and what identifies the sweep: enough for `calsim merge`
// to check shards belong together and to write the same files a single run
// writes.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "calsim/time.hpp"

namespace calsim::detail {

// The most replications a sweep or a size search runs (a bound on memory).
inline constexpr std::uint64_t max_sweep_replications = 10'000'000;

struct sweep_header {
  std::string calsim_version;  // of the build that ran it (version_string)
  std::string calsim_commit;   // its git commit (build_commit)
  std::string scenario_name;
  std::string description;
  std::string scenario_hash;  // FNV-1a 64 of the scenario file and the --set arguments (hex)
  std::uint64_t seed = 0;
  std::uint64_t replications = 0;  // N of the whole sweep (all shards)
  sim_time start = 0;              // midnight of day 0
  std::size_t days = 0;
  std::vector<std::string> pack_labels;  // "SERVER/PACK", in the run's pack order
};

struct replication_daily {
  std::vector<std::vector<std::int64_t>> issued;  // [pack][day]
  std::vector<std::int64_t> refused;              // [day], all hosts
};

// Replications [first, first + results.size()) of a sweep, by index.
struct sweep_results {
  sweep_header header;
  std::uint64_t first = 0;
  std::vector<replication_daily> results;
};

}  // namespace calsim::detail
