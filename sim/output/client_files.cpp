#include "output/client_files.hpp"

#include <string>
#include <system_error>

#include "calsim/output.hpp"
#include "output/tsctst.hpp"

namespace calsim::detail {

client_files_writer::client_files_writer(const std::filesystem::path& dir, const run_result& result, bool staged)
    : dir_(dir), result_(result), staged_(staged) {
  for (const auto& node : result_.registry)
    if (node.node.empty() || node.node.find_first_of("/\\") != std::string::npos || node.node == "." ||
        node.node == "..")
      throw output_error("registry node name not usable as a file name: '" + node.node + "'");
  if (!result_.registry.empty()) make_directories(dir_ / "registry");  // here, not once a file
  if (!result_.client_stores.empty()) make_directories(dir_ / "tsctst");
  files_.resize(result_.registry.size() + result_.client_stores.size());
  back_ = files_.size();
  quiet_.emplace();
  try {
    thread_ = std::thread([this] { work(false); });
  } catch (const std::system_error&) {  // no thread to be had (resource limits): take() writes them all
  }
}

client_files_writer::~client_files_writer() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    back_ = front_;  // an error elsewhere: no new file
  }
  wait();
}

void client_files_writer::wait() {
  if (thread_.joinable()) thread_.join();
  quiet_.reset();  // a signal that came meanwhile is handled now, with no second thread
}

std::vector<std::unique_ptr<atomic_file>> client_files_writer::take() {
  work(true);
  wait();
  if (error_) std::rethrow_exception(error_);
  return std::move(files_);
}

bool client_files_writer::claim(bool from_back, std::size_t& i) {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (front_ >= back_) return false;
  i = from_back ? --back_ : front_++;
  return true;
}

void client_files_writer::work(bool from_back) noexcept {
  for (std::size_t i = 0; claim(from_back, i);) {
    try {
      write_file(i);
    } catch (...) {
      const std::lock_guard<std::mutex> lock(mutex_);
      back_ = front_;  // the other thread stops too
      if (!error_) error_ = std::current_exception();
      return;
    }
  }
}

void client_files_writer::write_file(std::size_t i) {
  const std::size_t nodes = result_.registry.size();
  std::string bytes;
  if (i < nodes) {
    const auto& node = result_.registry[i];
    files_[i] = std::make_unique<atomic_file>(dir_ / "registry" / (node.node + ".reg"), staged_, false);
    bytes = format_reg_file(node);
  } else {  // the same clients as registry/: names checked above
    const auto& store = result_.client_stores[i - nodes];
    files_[i] = std::make_unique<atomic_file>(dir_ / "tsctst" / (store.client + ".txt"), staged_, false);
    bytes = tsctst_text(store);
  }
  files_[i]->write(bytes);
  files_[i]->close(false);  // never all open at once
}

}  // namespace calsim::detail
