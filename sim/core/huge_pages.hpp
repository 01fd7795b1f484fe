// An allocator for the kernel's large arrays (clients, license databases,
// truth.json's open spans, the event queue's blocks): a request of 256 KiB or
// more is rounded up to whole 2 MiB, aligned to 2 MiB and advised for
// transparent huge pages before its first touch (madvise MADV_HUGEPAGE), so
// random accesses over hundreds of MB miss the TLB far less, and the memory
// is faulted in 2 MiB at a time (issue 18: on a VM where a 4 KiB page fault
// took 11 us against 0.14 us a 4 KiB share of a huge page, bench_page_faults.cpp,
// a 10,000-client year spent ~11 ms of its ~115 ms in ~1,000 such faults).
// Smaller requests go to operator new. A hint only: where the kernel has no
// THP, the memory is the same.
#pragma once
#include <cstddef>
#include <type_traits>

namespace calsim::detail {

inline constexpr std::size_t huge_page_bytes = std::size_t{2} << 20;
inline constexpr std::size_t huge_page_min_bytes = std::size_t{256} << 10;  // smaller: operator new

void* huge_allocate(std::size_t bytes, std::size_t align);
void huge_deallocate(void* p, std::size_t bytes, std::size_t align) noexcept;

template <class T>
struct huge_page_allocator {
  using value_type = T;
  huge_page_allocator() = default;
  template <class U>
  huge_page_allocator(const huge_page_allocator<U>&) noexcept {}
  T* allocate(std::size_t n) { return static_cast<T*>(huge_allocate(n * sizeof(T), alignof(T))); }
  void deallocate(T* p, std::size_t n) noexcept { huge_deallocate(p, n * sizeof(T), alignof(T)); }
  friend bool operator==(const huge_page_allocator&, const huge_page_allocator&) { return true; }
};

// What a vector of `size` elements out of `capacity` holds in memory: an
// array of `from` bytes or more is touched from its start, 2 MiB at a time
// (huge pages: reserved, untouched room is not resident); a smaller one, its
// whole capacity.
inline std::size_t resident_bytes(std::size_t size, std::size_t capacity, std::size_t element,
                                  std::size_t from = huge_page_bytes) {
  if (capacity * element < from) return capacity * element;
  return (size * element + huge_page_bytes - 1) / huge_page_bytes * huge_page_bytes;
}
template <class V>
std::size_t resident_bytes(const V& v) {
  using T = typename V::value_type;
  constexpr bool huge = std::is_same_v<typename V::allocator_type, huge_page_allocator<T>>;
  return resident_bytes(v.size(), v.capacity(), sizeof(T), huge ? huge_page_min_bytes : huge_page_bytes);
}

}  // namespace calsim::detail
