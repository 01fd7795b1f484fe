#include "output/client_files.hpp"

#include <string>
#include <system_error>

#include "calsim/output.hpp"
#include "output/tsctst.hpp"

namespace calsim::detail {

client_files_writer::client_files_writer(const std::filesystem::path& dir, const run_result& result, bool staged)
    : dir_(dir), result_(result), staged_(staged) {
  quiet_.emplace();
  try {
    thread_ = std::thread([this] { write(); });
  } catch (const std::system_error&) {  // no thread to be had (resource limits): the files are written now
    write();
  }
}

client_files_writer::~client_files_writer() { wait(); }

void client_files_writer::wait() {
  if (thread_.joinable()) thread_.join();
  quiet_.reset();  // a signal that came meanwhile is handled now, with no second thread
}

std::vector<std::unique_ptr<atomic_file>> client_files_writer::take() {
  wait();
  if (error_) std::rethrow_exception(error_);
  return std::move(files_);
}

void client_files_writer::write() noexcept {
  try {
    auto add = [&](const std::filesystem::path& p, const std::string& bytes) {
      files_.push_back(std::make_unique<atomic_file>(p, staged_));
      files_.back()->write(bytes);
      files_.back()->close(false);  // never all open at once
    };
    for (const auto& node : result_.registry) {
      if (node.node.empty() || node.node.find_first_of("/\\") != std::string::npos || node.node == "." ||
          node.node == "..")
        throw output_error("registry node name not usable as a file name: '" + node.node + "'");
      add(dir_ / "registry" / (node.node + ".reg"), format_reg_file(node));
    }
    for (const auto& store : result_.client_stores)  // names checked above: the same clients as registry/
      add(dir_ / "tsctst" / (store.client + ".txt"), tsctst_text(store));
  } catch (...) {
    error_ = std::current_exception();
  }
}

}  // namespace calsim::detail
