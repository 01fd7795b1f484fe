// Out of memory is reported with what calsim was doing (issue 19): a command
// runs each phase through in_phase(), which turns std::bad_alloc into
// out_of_memory(phase) (exit 3, cli/exit_codes.cpp).
#pragma once
#include <new>
#include <utility>

#include "calsim/errors.hpp"

namespace calsim::detail {

template <class F>
decltype(auto) in_phase(const char* phase, F&& f) {
  try {
    return std::forward<F>(f)();
  } catch (const std::bad_alloc&) {
    throw out_of_memory(phase);
  }
}

}  // namespace calsim::detail
