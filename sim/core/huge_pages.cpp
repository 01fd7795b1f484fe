// Large arrays on transparent huge pages (see huge_pages.hpp).
#include "core/huge_pages.hpp"

#include <sys/mman.h>

#include <cstdlib>
#include <new>

namespace calsim::detail {

void* huge_allocate(std::size_t bytes, std::size_t align) {
  if (bytes < huge_page_min_bytes) return ::operator new(bytes, std::align_val_t(align));
  const std::size_t rounded = (bytes + huge_page_bytes - 1) / huge_page_bytes * huge_page_bytes;
  void* p = std::aligned_alloc(huge_page_bytes, rounded);
  if (p == nullptr) throw std::bad_alloc();
  ::madvise(p, rounded, MADV_HUGEPAGE);  // best effort: untouched yet, so faults take huge pages
  return p;
}

void huge_deallocate(void* p, std::size_t bytes, std::size_t align) noexcept {
  if (bytes < huge_page_min_bytes) {
    ::operator delete(p, std::align_val_t(align));
    return;
  }
  std::free(p);
}

}  // namespace calsim::detail
