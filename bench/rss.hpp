// Resident memory of this process: the benchmarks use calsim's own reader.
#pragma once
#include "core/process_memory.hpp"

namespace calsim::bench {
using detail::current_rss_bytes;
using detail::peak_rss_bytes;
}  // namespace calsim::bench
