#include "output/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "calsim/output.hpp"

namespace calsim::detail {
namespace {

[[noreturn]] void fail(const std::string& what, const std::filesystem::path& p, int err) {
  throw output_error("cannot " + what + " " + p.string() + ": " + std::strerror(err));
}

}  // namespace

void make_directories(const std::filesystem::path& dir) {
  if (dir.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw output_error("cannot create folder " + dir.string() + ": " + ec.message());
}

atomic_file::atomic_file(std::filesystem::path target, bool in_staging_folder, bool make_folder)
    : target_(std::move(target)) {
  if (make_folder) make_directories(target_.parent_path());
  temp_ = in_staging_folder ? target_
                            : target_.parent_path() / ("." + target_.filename().string() + ".tmp-" +
                                                       std::to_string(static_cast<long>(::getpid())));
  file_ = std::fopen(temp_.c_str(), "wb");
  if (!file_) fail("create", temp_, errno);
  // The file's own buffer_ collects up to flush_at bytes: stdio's buffer would
  // copy them once more (and fstat the file to size itself).
  std::setvbuf(file_, nullptr, _IONBF, 0);
}

atomic_file::~atomic_file() {
  if (!committed_) discard();
}

void atomic_file::write(std::string_view bytes) {
  buffer_.append(bytes);
  if (buffer_.size() >= flush_at) flush_buffer();
}

void atomic_file::flush_buffer() {
  if (buffer_.empty()) return;
  if (!file_) throw output_error("write after close: " + target_.string());
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) fail("write", temp_, errno);
  buffer_.clear();
}

void atomic_file::close(bool sync) {
  if (!file_) return;
  flush_buffer();
  std::string().swap(buffer_);  // a closed file keeps no buffer
  if (std::fflush(file_) != 0) fail("write", temp_, errno);
  if (sync && ::fsync(::fileno(file_)) != 0) fail("sync", temp_, errno);  // on disk before the name appears
  const int rc = std::fclose(file_);
  file_ = nullptr;
  if (rc != 0) fail("write", temp_, errno);
}

void atomic_file::rename_into_place() {
  if (in_place()) {  // in a staging folder: its swap commits it
    committed_ = true;
    return;
  }
  std::error_code ec;
  std::filesystem::rename(temp_, target_, ec);
  if (ec) throw output_error("cannot rename " + temp_.string() + " to " + target_.string() + ": " + ec.message());
  committed_ = true;
}

void atomic_file::commit() {
  if (committed_) return;
  close(true);
  rename_into_place();
}

void commit_all(const std::vector<atomic_file*>& files) {
  // One sync of the file system instead of one fsync per file (thousands of
  // registry files), then the renames in order.
  int fd = -1;
  for (atomic_file* f : files) {
    if (f->committed()) continue;
    f->close(false);
    if (f->in_place()) continue;  // in a staging folder: the folder's commit syncs it
    if (fd < 0) fd = ::open(f->temp_path().parent_path().empty() ? "." : f->temp_path().parent_path().c_str(),
                            O_RDONLY | O_DIRECTORY);
  }
  if (fd >= 0) {
    ::syncfs(fd);  // best effort, like fsync above
    ::close(fd);
  }
  for (atomic_file* f : files)
    if (!f->committed()) f->rename_into_place();
}

void atomic_file::discard() noexcept {
  if (file_) std::fclose(file_);
  file_ = nullptr;
  std::error_code ec;
  std::filesystem::remove(temp_, ec);
}

}  // namespace calsim::detail
