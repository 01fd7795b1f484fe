#include "output/pending_output.hpp"

#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>

namespace calsim::detail {
namespace {

enum slot_state : int { slot_free = 0, slot_filling = 1, slot_ready = 2 };

struct slot {
  std::atomic<int> state{slot_free};
  char path[PATH_MAX] = {};
};

// The one process-wide table (see the header: a signal handler reaches nothing else).
std::array<slot, 32>& slots() {
  static std::array<slot, 32> table;
  return table;
}

struct linux_dirent64 {
  ino64_t d_ino;
  off64_t d_off;
  unsigned short d_reclen;
  unsigned char d_type;
  char d_name[1];
};

std::atomic<bool>& committed_flag() {
  static std::atomic<bool> flag{false};
  return flag;
}

bool dot_or_dot_dot(const char* n) { return n[0] == '.' && (n[1] == 0 || (n[1] == '.' && n[2] == 0)); }

void remove_at(int dir_fd, const char* name, int depth) noexcept {
  if (::unlinkat(dir_fd, name, 0) == 0 || errno == ENOENT) return;
  if (depth > 32) return;  // calsim's folders are a few levels deep
  const int fd = ::openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return;
  alignas(8) char buf[4096];
  // Entries removed while reading can hide others: read again until empty.
  for (int pass = 0; pass < 1000; ++pass) {
    bool any = false;
    ::lseek(fd, 0, SEEK_SET);
    long n = 0;
    while ((n = ::syscall(SYS_getdents64, fd, buf, sizeof buf)) > 0) {
      for (long off = 0; off < n;) {
        const auto* d = reinterpret_cast<const linux_dirent64*>(buf + off);
        off += d->d_reclen;
        if (dot_or_dot_dot(d->d_name)) continue;
        any = true;
        remove_at(fd, d->d_name, depth + 1);
      }
    }
    if (!any) break;
  }
  ::close(fd);
  ::unlinkat(dir_fd, name, AT_REMOVEDIR);
}

}  // namespace

pending_output::pending_output(const std::filesystem::path& path) {
  std::error_code ec;
  const std::string text = std::filesystem::absolute(path, ec).string();
  if (ec || text.size() >= PATH_MAX) return;  // not registered: only a signal would leave it behind
  auto& table = slots();
  for (std::size_t i = 0; i < table.size(); ++i) {
    int expected = slot_free;
    if (!table[i].state.compare_exchange_strong(expected, slot_filling)) continue;
    std::memcpy(table[i].path, text.c_str(), text.size() + 1);
    table[i].state.store(slot_ready);
    slot_ = static_cast<int>(i);
    return;
  }
}

pending_output::~pending_output() { release(); }

void pending_output::release() noexcept {
  if (slot_ < 0) return;
  slots()[static_cast<std::size_t>(slot_)].state.store(slot_free);
  slot_ = -1;
}

sigset_t stop_signal_set() {
  sigset_t set;
  sigemptyset(&set);
  for (int sig : stop_signals) sigaddset(&set, sig);
  return set;
}

stop_signals_blocked::stop_signals_blocked() {
  const sigset_t set = stop_signal_set();
  pthread_sigmask(SIG_BLOCK, &set, &old);
}
stop_signals_blocked::~stop_signals_blocked() { pthread_sigmask(SIG_SETMASK, &old, nullptr); }

void note_output_committed() noexcept { committed_flag().store(true); }
bool output_committed() noexcept { return committed_flag().load(); }

void remove_tree_signal_safe(const char* path) noexcept {
  const int saved = errno;
  remove_at(AT_FDCWD, path, 0);
  errno = saved;
}

void remove_pending_outputs() noexcept {
  for (auto& s : slots())
    if (s.state.load() == slot_ready) remove_tree_signal_safe(s.path);
}

}  // namespace calsim::detail
