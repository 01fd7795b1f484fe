// An output folder as one transaction (issue 19; README, "Reliability").
//
// Every file of a command is written into a staging folder beside the target
// (".NAME.calsim-staging-PID"). commit() writes manifest.json last (the list of
// the run's files and how it was made), syncs, and swaps the staging folder in
// with one atomic rename (renameat2 RENAME_EXCHANGE), so after any failure,
// signal or kill the target holds either the complete previous output or the
// complete new one, and manifest.json tells which.
//
// A target that holds files calsim did not write (not named by its
// manifest.json) is refused, unless `replace` is set: calsim never deletes a
// file that is not its own without being told to.
//
//   folder_transaction t(dir, {.command = "run", .replace = false});
//   ... write files under t.staging() ...
//   t.commit(manifest);          // or destroy t: the staging folder goes, the target is untouched
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "output/pending_output.hpp"

namespace calsim::detail {

// What manifest.json says of the output, besides its files.
struct manifest_info {
  std::string command;                 // "run", "sweep", "size", "merge", "corpus"
  std::string scenario;                // the scenario's name (empty for a corpus)
  std::optional<std::uint64_t> seed;   // the seed used, where there is one
  std::string calsim_version;
};

class folder_transaction {
 public:
  // Checks the target (throws usage_error for a folder with foreign files or a
  // target that is not a folder, output_error when the staging folder cannot
  // be made) and creates the staging folder. Removes staging folders left by
  // earlier calsim processes that were killed.
  folder_transaction(std::filesystem::path target, bool replace);
  ~folder_transaction();  // without commit(): the staging folder is removed
  folder_transaction(const folder_transaction&) = delete;
  folder_transaction& operator=(const folder_transaction&) = delete;

  const std::filesystem::path& staging() const { return staging_; }
  const std::filesystem::path& target() const { return target_; }

  // Writes manifest.json naming every file under staging(), syncs, and swaps
  // the staging folder in place of the target. Returns the number of files
  // (manifest.json included). Throws output_error; the target is then unchanged.
  std::size_t commit(const manifest_info& info);

 private:
  std::filesystem::path target_;
  std::filesystem::path staging_;
  bool replace_ = false;
  bool committed_ = false;
  pending_output pending_;
};

// Files under `dir` (relative, '/'-separated, sorted), folders left out.
std::vector<std::string> files_under(const std::filesystem::path& dir);

// The files a calsim output folder's manifest.json names, or nullopt when the
// folder has no readable calsim manifest.
std::optional<std::vector<std::string>> manifest_files(const std::filesystem::path& dir);

}  // namespace calsim::detail
