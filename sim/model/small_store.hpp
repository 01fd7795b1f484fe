// A client's MSLicensing\Store: almost always one license copy (one license
// server), so the first entry lives inside the client's state and only a
// client served by several license servers allocates. Entries stay
// contiguous: one inline, or all of them on the heap.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

namespace calsim::detail {

template <class Entry>
class small_store {
 public:
  small_store() = default;
  small_store(const small_store& o) { *this = o; }
  small_store& operator=(const small_store& o) {
    if (this == &o) return *this;
    clear();
    for (const Entry& e : o) push_back(e);
    return *this;
  }
  small_store(small_store&&) noexcept = default;
  small_store& operator=(small_store&&) noexcept = default;

  std::size_t size() const { return size_; }
  // The entry when there is exactly one (then it is the inline one), else nullptr.
  const Entry* single() const { return size_ == 1 ? &first_ : nullptr; }
  bool empty() const { return size_ == 0; }
  Entry* begin() { return more_ ? more_->data() : &first_; }
  Entry* end() { return begin() + size_; }
  const Entry* begin() const { return more_ ? more_->data() : &first_; }
  const Entry* end() const { return begin() + size_; }
  Entry& operator[](std::size_t i) { return begin()[i]; }
  const Entry& operator[](std::size_t i) const { return begin()[i]; }

  void push_back(const Entry& e) {
    if (size_ == 0 && !more_) {
      first_ = e;
    } else {
      if (!more_) more_ = std::make_unique<std::vector<Entry>>(1, first_);
      more_->push_back(e);
    }
    ++size_;
  }
  void clear() {
    more_.reset();
    size_ = 0;
  }

 private:
  Entry first_{};
  std::uint32_t size_ = 0;
  std::unique_ptr<std::vector<Entry>> more_;
};

}  // namespace calsim::detail
