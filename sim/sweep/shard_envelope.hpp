// What every shard file records, whatever it holds (a sweep's daily figures or
// a size search's outcomes): which build wrote it (version and commit), which
// scenario as loaded (name, canonical hash, seed), which part of how many
// replications, and a checksum of its own data. This file writes and opens
// that envelope; shard_file.hpp and size_shard.hpp fill it.
//
// A shard file is one JSON object; "checksum" is "fnv1a64:" and 16 hex digits
// of the canonical serialization (nlohmann::json::dump: keys sorted, no
// whitespace) of the object without "checksum". It finds damage (a changed
// figure, a cut file), not forgery.
#pragma once
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace calsim::detail {

inline constexpr const char* shard_format = "calsim-shard";
inline constexpr int shard_format_version = 2;

struct shard_identity {
  std::string kind;  // "sweep" or "size"
  std::string calsim_version, calsim_commit;
  std::string scenario_name, scenario_hash;
  std::uint64_t seed = 0;
  std::uint64_t replications = 0;  // of the whole sweep or search (all shards)
  nlohmann::json parameters = nlohmann::json::object();  // what else must agree (size: pack, goal, …)
  std::uint64_t index = 0, shards = 0;                   // shard I of N, 1-based
};

// "<kind>-<scenario>-seed<seed>-shard-<I>-of-<N>.json"; characters of the
// scenario name other than letters, digits, '.', '_' and '-' become '_'.
std::string shard_file_name(const shard_identity& id);

// The shard number I and count N in a file name written by shard_file_name
// (for damaged files whose contents say nothing).
struct shard_number {
  std::uint64_t index = 0, shards = 0;
};
std::optional<shard_number> shard_number_from_name(const std::filesystem::path& file);

// The file's text: the identity, then `members` (the kind's own JSON members,
// each as `"name":value` and separated by commas, inserted verbatim), then
// "checksum".
std::string seal_shard(const shard_identity& id, std::uint64_t first, std::uint64_t count, const std::string& members);

struct opened_shard {
  std::filesystem::path file;
  shard_identity id;
  std::uint64_t first = 0, count = 0;  // replications [first, first + count)
  nlohmann::json doc;                  // the whole object (the kind's members included)
};

// Reads, parses and verifies a shard of that kind: format, checksum, identity
// fields, and that it holds exactly the replications shard_range gives shard
// I of N. Throws usage_error "FILE: what is wrong".
opened_shard open_shard(const std::filesystem::path& file, const std::string& kind);

// Empty when `got` comes from the same sweep as `want` (every field but the
// shard number), else the first difference, "seed 99, expected 7".
std::string identity_mismatch(const shard_identity& got, const shard_identity& want);

}  // namespace calsim::detail
