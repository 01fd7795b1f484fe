// Runs replications on a few threads (OUTPUTS.md, `calsim sweep`: results
// identical for any thread count). Each worker pulls the next index from an
// atomic counter and writes only that index's slot, so the results depend on
// the indices alone, never on which thread ran what or in which order.
#pragma once
#include <cstddef>
#include <functional>

#include "sweep/progress_bar.hpp"

namespace calsim::detail {

// 0 = one per hardware thread (at least 1); never more than `jobs`.
unsigned effective_threads(unsigned requested, std::size_t jobs);

// Calls job(i) once for each i in [0, jobs) on `threads` threads (the
// std::function is called once per replication, not per event). The first
// exception a job throws stops the others from starting new jobs and is
// rethrown here once every thread has joined. `progress` (may be null) is
// updated from the calling thread.
void run_indexed(std::size_t jobs, unsigned threads, const std::function<void(std::size_t)>& job,
                 progress_bar* progress);

}  // namespace calsim::detail
