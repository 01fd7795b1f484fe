// Shards of a size search (`calsim size --shard I/N`) and their merge
// (`calsim merge`): shard I of N sizes replications [⌊R·(I−1)/N⌋, ⌊R·I/N⌋)
// on their own (size_thresholds: per replication the smallest count with at
// most K refused, and the pilot's peak) and writes
// size-<scenario>-seed<seed>-shard-I-of-N.json (shard_envelope.hpp: build,
// scenario as loaded, checksum; the pack, K and C must agree too). Merge
// checks them like sweep shards and decides (decide_size) from all N
// replications: the same size.json as one `calsim size`.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "sweep/shard_envelope.hpp"
#include "sweep/size_output.hpp"
#include "sweep/sizing.hpp"

namespace calsim::detail {

shard_identity size_shard_identity(const size_origin& origin, const std::string& scenario_hash,
                                   const size_request& req, std::uint64_t index, std::uint64_t shards);

// The shard's JSON text; `thresholds` are those of replications [first, …).
std::string size_shard_json(const shard_identity& id, std::uint64_t first,
                            const std::vector<size_threshold>& thresholds);

std::filesystem::path write_size_shard(const shard_identity& id, std::uint64_t first,
                                       const std::vector<size_threshold>& thresholds,
                                       const std::filesystem::path& dir);

struct merged_size {
  size_request request;  // pack, K, C and N (threads and progress unset)
  size_origin origin;
  std::vector<size_threshold> thresholds;  // all N, by replication
};

// Throws usage_error naming every file that does not fit (as merge_shards).
merged_size merge_size_shards(const std::vector<std::filesystem::path>& files);

}  // namespace calsim::detail
