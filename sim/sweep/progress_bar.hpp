// A one-line progress bar on stderr (OUTPUTS.md, `calsim sweep`): done/total,
// rate per second and time left. Draws only when enabled (stderr is a terminal
// and not --quiet); silent otherwise.
#pragma once
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace calsim::detail {

class progress_bar {
 public:
  progress_bar(std::string label, std::size_t total, bool enabled);
  ~progress_bar();
  progress_bar(const progress_bar&) = delete;
  progress_bar& operator=(const progress_bar&) = delete;

  void update(std::size_t done);  // redraws (at most ~10 times a second)
  void finish();                  // final redraw and a line end

  // True when stderr is a terminal and `quiet` is false.
  static bool wanted(bool quiet);

 private:
  void draw(std::size_t done);
  std::string label_;
  std::size_t total_;
  bool enabled_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace calsim::detail
