// Resident memory of this process (Linux): current from /proc/self/statm,
// peak from getrusage (calsim run --stats, the benchmarks).
#pragma once
#include <sys/resource.h>
#include <unistd.h>

#include <cstdint>
#include <fstream>

namespace calsim::detail {

inline std::int64_t current_rss_bytes() {
  std::ifstream in("/proc/self/statm");
  std::int64_t size = 0, resident = 0;
  in >> size >> resident;
  return resident * static_cast<std::int64_t>(sysconf(_SC_PAGESIZE));
}

inline std::int64_t peak_rss_bytes() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::int64_t>(usage.ru_maxrss) * 1024;
}

}  // namespace calsim::detail
