#include "cli/signals.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstring>

#include "output/pending_output.hpp"

namespace calsim::detail {
namespace {

void write_line(const char* text) {
  const std::size_t n = std::strlen(text);
  [[maybe_unused]] const ssize_t w = ::write(STDERR_FILENO, text, n);
}

// Only async-signal-safe calls: unlinkat and friends, write, _exit.
extern "C" void on_stop_signal(int sig) {
  remove_pending_outputs();
  write_line(sig == SIGINT ? "\ncalsim: interrupted (SIGINT)" : sig == SIGTERM ? "calsim: terminated (SIGTERM)"
                                                                                : "calsim: hung up (SIGHUP)");
  // One line either way: the folder holds one complete output, the previous or (after the commit) the new one.
  write_line(output_committed() ? " after the outputs were written: the output folder holds the new output\n"
                                : ": temporary files removed, the output folder is unchanged\n");
  ::_exit(128 + sig);
}

}  // namespace

void install_signal_cleanup() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sa.sa_mask = stop_signal_set();  // one cleanup at a time
  sa.sa_flags = 0;
  for (int sig : stop_signals) {
    struct sigaction old {};
    // A signal the caller ignores (nohup, a shell's background job) stays ignored.
    if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler == SIG_IGN) continue;
    ::sigaction(sig, &sa, nullptr);
  }
}

}  // namespace calsim::detail
