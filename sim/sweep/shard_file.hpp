// Shards of a sweep (`calsim sweep --shard I/N`) and their merge (`calsim
// merge`). Shard I of N (1-based) runs the contiguous replications
// [⌊R·(I−1)/N⌋, ⌊R·I/N⌋), so the N shards cover 0..R−1 exactly once. Its file,
// sweep-<scenario>-seed<seed>-shard-I-of-N.json (shard_envelope.hpp: build,
// scenario as loaded, checksum), holds the sweep's description, start, days
// and packs, and per replication the daily issued counts per pack and the
// daily refusals. The README's "Several machines" shows the GNU parallel and
// Slurm recipes (tested by scripts/shard-engines-test.sh).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "sweep/shard_envelope.hpp"
#include "sweep/sweep_data.hpp"

namespace calsim::detail {

// The envelope identity of shard `index` of `shards` of this sweep.
shard_identity sweep_shard_identity(const sweep_header& h, std::uint64_t index, std::uint64_t shards);

// Writes `r` as shard `index` of `shards` into `dir`; returns the file's path.
std::filesystem::path write_shard(const sweep_results& r, std::uint64_t index, std::uint64_t shards,
                                  const std::filesystem::path& dir);

// The shard's JSON text (what write_shard writes).
std::string shard_json(const sweep_results& r, std::uint64_t index, std::uint64_t shards);

// Reads a sweep shard file (usage_error naming the file when it is not one or
// is damaged).
sweep_results read_shard(const std::filesystem::path& file);

// Checks the shards make one whole sweep (check_shards, require_complete:
// same build, scenario as loaded, seed, replications, shard count; every
// number once; each matching its checksum) and returns all replications in
// index order. Throws usage_error naming every file that does not fit.
sweep_results merge_shards(const std::vector<std::filesystem::path>& files);

}  // namespace calsim::detail
