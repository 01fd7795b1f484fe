// A file that is complete or not there at all: written under a temporary name
// in the target folder (".name.tmp-<pid>"), renamed into place by commit().
// In a staging folder (a folder_transaction's, swapped in whole) the file is
// written under its own name: the folder's swap makes it appear, no rename of
// its own is needed (issue 18: 2,000 renames for the registry and TSCTST files).
#pragma once
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace calsim::detail {

class atomic_file {
 public:
  // Creates the folder if needed (unless the caller made it: one stat less a
  // file, for thousands of them) and opens the temporary file (throws output_error).
  explicit atomic_file(std::filesystem::path target, bool in_staging_folder = false, bool make_folder = true);
  ~atomic_file();  // without commit(): closes and removes the temporary file
  atomic_file(const atomic_file&) = delete;
  atomic_file& operator=(const atomic_file&) = delete;

  void write(std::string_view bytes);
  void put(char c) {
    buffer_.push_back(c);
    if (buffer_.size() >= flush_at) flush_buffer();
  }
  // Flushes, syncs, closes and renames over the target (throws output_error).
  void commit();
  // Flushes and closes the temporary file (optionally fsync'ed); no more
  // writes. The file is renamed by commit() or commit_all().
  void close(bool sync);
  void rename_into_place();  // after close(); in a staging folder, nothing to rename

  bool committed() const { return committed_; }
  const std::filesystem::path& target() const { return target_; }
  const std::filesystem::path& temp_path() const { return temp_; }
  bool in_place() const { return temp_ == target_; }  // in a staging folder: nothing to rename

 private:
  static constexpr std::size_t flush_at = 1 << 16;
  void flush_buffer();
  void discard() noexcept;

  std::filesystem::path target_;
  std::filesystem::path temp_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  bool committed_ = false;
};

// Closes every file, syncs their file system once, then renames them into
// place in order (throws output_error).
void commit_all(const std::vector<atomic_file*>& files);

// Creates a folder and its parents (throws output_error).
void make_directories(const std::filesystem::path& dir);

}  // namespace calsim::detail
