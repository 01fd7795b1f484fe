// SIGINT, SIGTERM and SIGHUP: every temporary file and staging folder is
// removed, one line is printed, and calsim exits 128 + the signal (130, 143,
// 129). The output folder keeps its previous contents (issue 19).
#pragma once

namespace calsim::detail {

void install_signal_cleanup();

}  // namespace calsim::detail
