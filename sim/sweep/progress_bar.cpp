#include "sweep/progress_bar.hpp"

#include <unistd.h>

namespace calsim::detail {

progress_bar::progress_bar(std::string label, std::size_t total, bool enabled)
    : label_(std::move(label)), total_(total), enabled_(enabled), start_(std::chrono::steady_clock::now()),
      last_draw_(start_ - std::chrono::seconds(1)) {}

progress_bar::~progress_bar() {
  if (enabled_ && !finished_) std::fputc('\n', stderr);  // interrupted (an error): leave the line as it was
}

bool progress_bar::wanted(bool quiet) { return !quiet && ::isatty(STDERR_FILENO) == 1; }

void progress_bar::update(std::size_t done) {
  if (!enabled_ || finished_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  draw(done);
}

void progress_bar::finish() {
  if (!enabled_ || finished_) return;
  draw(total_);
  std::fputc('\n', stderr);
  std::fflush(stderr);
  finished_ = true;
}

void progress_bar::draw(std::size_t done) {
  constexpr int width = 30;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0.0;
  const int filled = total_ == 0 ? width : static_cast<int>(width * done / total_);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(width, '.');
  char left[32] = "?";
  if (rate > 0) {
    const auto s = static_cast<long long>(static_cast<double>(total_ - done) / rate + 0.5);
    std::snprintf(left, sizeof left, "%lld:%02lld", s / 60, s % 60);
  }
  std::fprintf(stderr, "\r%s [%s] %zu/%zu  %.1f/s  %s left ", label_.c_str(), bar.c_str(), done, total_, rate, left);
  std::fflush(stderr);
}

}  // namespace calsim::detail
