// A set of shard files checked as a whole (`calsim merge`, `calsim merge
// --check`): which shards, by number, are there and sound, missing, or
// damaged, and which files do not belong (another sweep, a duplicate).
#pragma once
#include "calsim/errors.hpp"
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sweep/shard_envelope.hpp"

namespace calsim::detail {

// The shards do not make one whole sweep or search: damaged, foreign or missing
// ones, named by file and number (exit 2; the command line adds how to list them).
struct shard_set_error : usage_error {
  using usage_error::usage_error;
};

struct shard_problem {
  std::uint64_t index = 0;  // the shard's number (from its contents or its file name), 0 when unknown
  std::string message;      // "FILE: what is wrong"
};

struct shard_set {
  std::optional<shard_identity> reference;  // the sweep most readable files belong to (the first's on a tie)
  std::vector<opened_shard> sound;          // sound shards of that sweep, by number
  std::vector<std::uint64_t> missing;       // numbers with no file at all (or a file name given that is not there)
  std::vector<shard_problem> damaged;       // unreadable, not matching their checksum, not of that sweep, duplicates
  // Numbers to run again: missing ones and those only present damaged, in order.
  std::vector<std::uint64_t> to_rerun() const;
  bool complete() const { return reference && missing.empty() && damaged.empty(); }
};

// Opens every file (open_shard) and sorts them out. Never throws for a bad
// file: each problem is recorded with the file's name.
shard_set check_shards(const std::vector<std::filesystem::path>& files, const std::string& kind);

// What --check prints: the sweep, missing and damaged shards by number, and
// the numbers to run again.
std::string describe_shard_set(const shard_set& set);

// "size" when the first readable file is a size shard (by its first line, or
// else its name), else "sweep".
std::string shard_kind_of(const std::vector<std::filesystem::path>& files);

// Throws usage_error listing every problem unless the set is complete.
void require_complete(const shard_set& set);

}  // namespace calsim::detail
