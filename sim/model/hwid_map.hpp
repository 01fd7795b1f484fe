// What a license server knows of each HardwareID (R-DEV-7), as a flat
// open-addressing table: one cache line touched per lookup, no node per
// entry. Keys are never 0 (0 = "no MSLicensing key", never looked up).
// Never iterated into outputs, so its order does not matter.
#pragma once
#include <cstdint>
#include <vector>

#include "core/huge_pages.hpp"

namespace calsim::detail {

// What a license server knows of one HardwareID.
struct hwid_record {
  std::uint32_t latest = 0xffffffffU;     // latest license issued to it
  std::uint32_t temporary = 0xffffffffU;  // its one temporary (R-DEV-1)
  bool upgradable = false;                // had a validated temporary or a permanent
};

class hwid_map {
 public:
  // The record of `key`, or nullptr.
  hwid_record* find(std::uint64_t key) {
    if (slots_.empty()) return nullptr;
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      slot& s = slots_[i];
      if (s.key == key) return &s.record;
      if (s.key == 0) return nullptr;
    }
  }
  // The record of `key`, created empty when new.
  hwid_record& operator[](std::uint64_t key) {
    if (2 * (size_ + 1) > slots_.size()) grow();
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      slot& s = slots_[i];
      if (s.key == key) return s.record;
      if (s.key == 0) {
        s.key = key;
        ++size_;
        return s.record;
      }
    }
  }
  // Room for n records without growing (a growth holds the old and the new slots at once).
  void reserve(std::size_t n) {
    std::size_t capacity = slots_.empty() ? 64 : slots_.size();
    while (2 * (n + 1) > capacity) capacity *= 2;
    if (capacity > slots_.size()) rehash(capacity);
  }
  void clear() {
    slots_.assign(slots_.size(), slot{});
    size_ = 0;
  }
  std::size_t size() const { return size_; }
  std::size_t memory_bytes() const { return resident_bytes(slots_); }  // every slot is written (rehash)

 private:
  struct slot {
    std::uint64_t key = 0;
    hwid_record record;
  };
  std::size_t home(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> shift_) & mask_;  // Fibonacci hashing
  }
  void grow() { rehash(slots_.empty() ? 64 : slots_.size() * 2); }
  void rehash(std::size_t capacity) {  // a power of two
    auto old = std::move(slots_);
    slots_.assign(capacity, slot{});
    mask_ = capacity - 1;
    shift_ = 64 - static_cast<unsigned>(__builtin_ctzll(capacity));
    size_ = 0;
    for (const slot& s : old)
      if (s.key != 0) (*this)[s.key] = s.record;
  }

  std::vector<slot, huge_page_allocator<slot>> slots_;
  std::size_t mask_ = 0;
  unsigned shift_ = 64;
  std::size_t size_ = 0;
};

}  // namespace calsim::detail
