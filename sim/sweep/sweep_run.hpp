// Runs the replications of a sweep (OUTPUTS.md, `calsim sweep`): replication
// r runs with run_options{.replication = r, .trace = false, .keep_daily = true,
// .snapshots = false}, so its streams derive from (seed, r) alone and the
// results do not depend on the thread count.
#pragma once
#include <cstdint>

#include "calsim/scenario.hpp"
#include "sweep/sweep_data.hpp"

namespace calsim::detail {

// The header's identity (name, description, hash, seed, replications) from the
// scenario and its file; days and packs are filled by run_sweep.
sweep_header make_sweep_header(const scenario& s, std::string scenario_hash, std::uint64_t replications);

// Bounded memory (issue 19): the bytes a sweep of `count` replications keeps
// (its daily figures), and a refusal up front (usage_error, with the figure)
// when that is more than nine tenths of the memory available (MemAvailable,
// or the address-space limit if lower).
std::uint64_t sweep_memory_estimate(const scenario& s, std::uint64_t count);
std::uint64_t available_memory_bytes();
void check_sweep_memory(const scenario& s, std::uint64_t count);

// Runs replications [first, first + count) on `threads` threads (0 = all
// hardware threads). Throws invariant_error if replications disagree on the
// days or packs (they cannot, for one scenario).
sweep_results run_sweep(const scenario& s, sweep_header header, std::uint64_t first, std::uint64_t count,
                        unsigned threads, bool progress);

// The slice of shard `index` (1-based) of `shards` over `replications`:
// contiguous, disjoint, together covering every replication.
struct replication_range {
  std::uint64_t first = 0, count = 0;
};
replication_range shard_range(std::uint64_t replications, std::uint64_t index, std::uint64_t shards);

}  // namespace calsim::detail
