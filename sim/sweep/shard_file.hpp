// Partial results of a sharded sweep (`calsim sweep --shard I/N`) and their
// merge (`calsim merge`). A shard file, sweep-shard-I-of-N.json, holds the
// sweep's identity (calsim version, scenario name and hash, seed, total
// replications, start, days, packs), its shard and replication range, and per
// replication the daily issued counts per pack and the daily refusals.
// Shard I of N (1-based) runs the contiguous replications
// [⌊R·(I−1)/N⌋, ⌊R·I/N⌋), so any N shards cover 0..R−1 exactly once:
//
//   # GNU parallel, 8 shards, 4 at a time
//   parallel -j4 calsim sweep office.json --replications 1000 --shard {}/8 --threads 1 -o shards --quiet ::: $(seq 1 8)
//   calsim merge shards/sweep-shard-*-of-8.json -o out/office-sweep
//
//   # Slurm: sbatch --array=1-8 sweep.sh, then merge once the array is done
//   #   (sweep.sh)  calsim sweep office.json --replications 1000 --shard "$SLURM_ARRAY_TASK_ID/8"
//   #               --threads "$SLURM_CPUS_PER_TASK" -o shards --quiet
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "sweep/sweep_data.hpp"

namespace calsim::detail {

inline constexpr const char* shard_format = "calsim-sweep-shard";
inline constexpr int shard_format_version = 1;

std::string shard_file_name(std::uint64_t index, std::uint64_t shards);

// Writes `r` as shard `index` of `shards` into `dir`; returns the file's path.
std::filesystem::path write_shard(const sweep_results& r, std::uint64_t index, std::uint64_t shards,
                                  const std::filesystem::path& dir);

// The shard's JSON text (what write_shard writes).
std::string shard_json(const sweep_results& r, std::uint64_t index, std::uint64_t shards);

// Reads a shard file (usage_error naming the file when it is not one).
sweep_results read_shard(const std::filesystem::path& file);

// Checks the shards come from one sweep (same calsim version, scenario, seed,
// replications, days and packs) and cover every replication exactly once, and
// returns all replications in index order. Throws usage_error otherwise.
sweep_results merge_shards(const std::vector<std::filesystem::path>& files);

}  // namespace calsim::detail
