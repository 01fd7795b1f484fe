// registry/ and tsctst/ (OUTPUTS.md): a .reg export per node and a TSCTST
// listing per client, thousands of small files. output_set::finish() has them
// written on a second thread while it writes truth.json, report.html and
// summary.json itself (issue 18: on a 10,000-client run the two took 0.05 s
// and 0.03 s one after the other).
#pragma once
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include "calsim/run.hpp"
#include "output/atomic_file.hpp"
#include "output/pending_output.hpp"

namespace calsim::detail {

class client_files_writer {
 public:
  // Starts writing: on a second thread, or at once when no thread can be started.
  // Until the files are taken, stop signals wait (the handler would remove the
  // staging folder while the thread writes into it, and the thread make it again).
  client_files_writer(const std::filesystem::path& dir, const run_result& result, bool staged);
  ~client_files_writer();  // waits for the thread (its files are then discarded unless taken)
  client_files_writer(const client_files_writer&) = delete;
  client_files_writer& operator=(const client_files_writer&) = delete;

  // Waits for the writer; rethrows its error. The files, closed, registry/ first.
  std::vector<std::unique_ptr<atomic_file>> take();

 private:
  void write() noexcept;
  void wait();

  const std::filesystem::path dir_;
  const run_result& result_;
  const bool staged_;
  std::vector<std::unique_ptr<atomic_file>> files_;
  std::exception_ptr error_;
  std::optional<stop_signals_blocked> quiet_;  // from the start to take(), in this thread and the second
  std::thread thread_;  // last: started once the rest is set
};

}  // namespace calsim::detail
