// The per-day statistics of a sweep (OUTPUTS.md, `calsim sweep`): for each
// day and pack the nearest-rank p50/p90/p99 and the maximum of issued CALs
// over the replications, and per day the mean and p99 of refused connections.
// They depend only on the set of replications, never on their order.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sweep/sweep_data.hpp"

namespace calsim::detail {

struct sweep_stats {
  std::vector<std::vector<std::int64_t>> p50, p90, p99, max;  // [pack][day]
  std::vector<std::int64_t> refused_sum;                      // [day], over replications
  std::vector<std::int64_t> refused_p99;                      // [day]
  std::int64_t replications = 0;
};

sweep_stats compute_sweep_stats(const sweep_results& r);

// sweep.csv: date,server,pack,issued_p50,issued_p90,issued_p99,issued_max,refused_mean,refused_p99
// one row per day and pack (refusals are of all hosts, repeated on each pack's
// row); a scenario without packs gets one row per day with empty server, pack
// and issued fields. refused_mean has three decimals.
std::string sweep_csv(const sweep_header& h, const sweep_stats& st);

}  // namespace calsim::detail
