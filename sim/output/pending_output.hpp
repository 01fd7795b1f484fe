// Paths being written (a staging folder, a shard's temporary file) that a
// signal must remove before calsim exits (issue 19: SIGINT and SIGTERM leave
// no temporary file behind).
//
// The registry is process-wide state by necessity: a signal handler can reach
// nothing else. It is a fixed array of slots, so registering allocates nothing
// the handler could see half-built, and remove_pending_outputs() only makes
// async-signal-safe system calls (openat, getdents64, unlinkat, close).
#pragma once
#include <signal.h>

#include <array>
#include <filesystem>

namespace calsim::detail {

// The signals that stop calsim after removing what is pending (cli/signals.hpp
// handles them; worker threads and the folder swap block them).
inline constexpr std::array<int, 3> stop_signals{SIGINT, SIGTERM, SIGHUP};
sigset_t stop_signal_set();

// Blocks the stop signals in this thread (and the threads it starts) while it
// lives: a signal waits, pending, until then (the folder swap; a second thread
// writing into a staging folder the handler would remove under it).
struct stop_signals_blocked {
  sigset_t old{};
  stop_signals_blocked();
  ~stop_signals_blocked();
  stop_signals_blocked(const stop_signals_blocked&) = delete;
  stop_signals_blocked& operator=(const stop_signals_blocked&) = delete;
};

// Registers a path for removal on a signal while the object lives.
class pending_output {
 public:
  explicit pending_output(const std::filesystem::path& path);
  ~pending_output();
  pending_output(const pending_output&) = delete;
  pending_output& operator=(const pending_output&) = delete;
  // The path is no longer temporary (committed, or removed by its owner).
  void release() noexcept;

 private:
  int slot_ = -1;
};

// An output folder was swapped in: a signal after this tells the user that the
// new output is in place (the handler reads the flag; async-signal-safe).
void note_output_committed() noexcept;
bool output_committed() noexcept;

// Removes every registered path, folders with their contents. Async-signal-safe.
void remove_pending_outputs() noexcept;

// Removes a file or a folder tree with system calls only (async-signal-safe).
void remove_tree_signal_safe(const char* path) noexcept;

}  // namespace calsim::detail
