// registry/ and tsctst/ (OUTPUTS.md): a .reg export per node and a TSCTST
// listing per client, thousands of small files. output_set::finish() starts a
// second thread on them, writes truth.json, report.html and summary.json
// itself, then takes what is left of the list alongside the thread (issue 18:
// on a 10,000-client run they took 0.05 s and 0.03 s one after the other).
// The thread takes files from the front of the list (registry/), the caller
// from the back (tsctst/): two threads creating files in one folder wait for
// each other on the folder's lock.
#pragma once
#include <exception>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "calsim/run.hpp"
#include "output/atomic_file.hpp"
#include "output/pending_output.hpp"

namespace calsim::detail {

class client_files_writer {
 public:
  // Checks the node names (throws output_error), then starts the second thread
  // (none when it cannot be started: take() then writes every file). Until the
  // files are taken, stop signals wait: the handler would remove the staging
  // folder while the thread writes into it, and the thread make it again.
  client_files_writer(const std::filesystem::path& dir, const run_result& result, bool staged);
  ~client_files_writer();  // stops handing out files and waits for the thread
  client_files_writer(const client_files_writer&) = delete;
  client_files_writer& operator=(const client_files_writer&) = delete;

  // Writes what is left alongside the thread, waits for it, rethrows the first
  // error. The files, closed, in order: registry/, then tsctst/.
  std::vector<std::unique_ptr<atomic_file>> take();

 private:
  void work(bool from_back) noexcept;  // takes files until none is left (or one failed)
  bool claim(bool from_back, std::size_t& i);
  void write_file(std::size_t i);
  void wait();

  const std::filesystem::path dir_;
  const run_result& result_;
  const bool staged_;
  std::vector<std::unique_ptr<atomic_file>> files_;  // by index: registry nodes, then stores
  std::mutex mutex_;               // guards the rest
  std::size_t front_ = 0, back_ = 0;  // files [front_, back_) are not taken yet
  std::exception_ptr error_;
  std::optional<stop_signals_blocked> quiet_;  // from the start to take(), in this thread and the second
  std::thread thread_;                         // last: started once the rest is set
};

}  // namespace calsim::detail
