// The pending-event set: a calendar queue with counting-sorted windows (see event_queue.hpp).
#include "engine/event_queue.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <utility>

namespace calsim::detail {

namespace {

// (time, seq) order; equal (time, seq) pairs (possible with push_with_seq)
// fall back to the content so the order stays total and deterministic.
inline bool before(const event& a, const event& b) {
  if (a.time != b.time) return a.time < b.time;
  if (a.seq != b.seq) return a.seq < b.seq;
  if (a.kind != b.kind) return a.kind < b.kind;
  if (a.target != b.target) return a.target < b.target;
  return a.payload < b.payload;
}

// 4-ary min-heap on a vector, root at 0, children of i at 4i+1..4i+4.
void sift_up(std::vector<event>& h, std::size_t i) {
  const event e = h[i];
  while (i > 0) {
    const std::size_t parent = (i - 1) / 4;
    if (!before(e, h[parent])) break;
    h[i] = h[parent];
    i = parent;
  }
  h[i] = e;
}

void sift_down(std::vector<event>& h, std::size_t i) {
  const std::size_t n = h.size();
  const event e = h[i];
  for (;;) {
    const std::size_t first = 4 * i + 1;
    if (first >= n) break;
    std::size_t best = first;
    const std::size_t last = std::min(first + 4, n);
    for (std::size_t c = first + 1; c < last; ++c)
      if (before(h[c], h[best])) best = c;
    if (!before(h[best], e)) break;
    h[i] = h[best];
    i = best;
  }
  h[i] = e;
}

void heap_push(std::vector<event>& h, const event& e) {
  h.push_back(e);
  sift_up(h, h.size() - 1);
}

void heap_pop(std::vector<event>& h) {
  h.front() = h.back();
  h.pop_back();
  if (!h.empty()) sift_down(h, 0);
}

constexpr std::size_t small_window = 32;  // insertion sort up to this many events

void insertion_sort(event* v, std::size_t n) {
  for (std::size_t i = 1; i < n; ++i) {
    const event e = v[i];
    std::size_t j = i;
    for (; j > 0 && before(e, v[j - 1]); --j) v[j] = v[j - 1];
    v[j] = e;
  }
}

}  // namespace


void event_queue::init_ring() const {
  ring_.resize(static_cast<std::size_t>(ring_size_));
  ring_used_.assign(static_cast<std::size_t>(ring_size_ / 64), 0);
}

// The first blocks on their own (a small run stays small), the later ones
// carved from 2 MiB arenas on huge pages (huge_pages.hpp): at a million
// clients the chunks of one window are spread over ~90 MB (issue 18).
void event_queue::add_block() const {
  constexpr std::size_t block_events = std::size_t{chunks_per_block_} * chunk_size_;
  constexpr std::size_t per_arena = huge_page_bytes / (block_events * sizeof(event));
  if (blocks_.size() < per_arena) {
    small_blocks_.push_back(std::make_unique_for_overwrite<event[]>(block_events));
    blocks_.push_back(small_blocks_.back().get());
    return;
  }
  const std::size_t k = (blocks_.size() - per_arena) % per_arena;
  if (k == 0) arenas_.emplace_back(static_cast<event*>(huge_allocate(huge_page_bytes, alignof(event))));
  blocks_.push_back(arenas_.back().get() + k * block_events);
}

std::uint32_t event_queue::new_chunk() const {
  std::uint32_t c = free_chunk_;
  if (c != no_chunk_) {
    free_chunk_ = chunk_next_[c];
  } else {
    c = static_cast<std::uint32_t>(chunk_next_.size());
    chunk_next_.push_back(no_chunk_);
    if (c / chunks_per_block_ >= blocks_.size()) add_block();
  }
  chunk_next_[c] = no_chunk_;
  return c;
}

void event_queue::start_chunk(std::size_t slot, bucket& b) const {
  const std::uint32_t c = new_chunk();
  if (b.size == 0) {
    b.head = c;
    ring_used_[slot >> 6] |= std::uint64_t{1} << (slot & 63);
  } else {
    chunk_next_[b.tail] = c;
  }
  b.tail = c;
}

void event_queue::release(bucket& b) const {
  if (b.size != 0) {
    chunk_next_[b.tail] = free_chunk_;
    free_chunk_ = b.head;
  }
  b = bucket{};
}

namespace {

// Calls f(event&) for each event of a bucket, in append order.
template <class Data, class F>
void for_each_in(const Data& data, const std::vector<std::uint32_t>& next, std::uint32_t head,
                 std::uint32_t size, std::uint32_t chunk, F f) {
  std::uint32_t c = head;
  while (size > 0) {
    const std::uint32_t n = size < chunk ? size : chunk;
    const event* p = data(c);
    // The next chunk is anywhere in the pool (a free list): ask for it now
    // (issue 18: at a million clients a window's ~9 MB came in cache misses).
    if (size > n) {
      const char* q = reinterpret_cast<const char*>(data(next[c]));
      for (std::size_t off = 0; off < chunk * sizeof(event); off += 64) __builtin_prefetch(q + off);
    }
    for (std::uint32_t i = 0; i < n; ++i) f(p[i]);
    size -= n;
    c = next[c];
  }
}

}  // namespace

void event_queue::place(const event& e) const {
  const std::int64_t w = e.time >> bucket_shift_;  // floor, also for negative times
  if (w <= cur_) {
    heap_push(heap_, e);
  } else if (w - cur_ < ring_size_) {
    if (ring_.empty()) init_ring();
    append(static_cast<std::size_t>(w & (ring_size_ - 1)), e);
  } else {
    heap_push(far_, e);
  }
}

void event_queue::insert(const event& e) {
  const std::int64_t w = e.time >> bucket_shift_;
  if (size_ == 0) {
    cur_ = w;  // empty: the window may move anywhere
  } else if (w < cur_ && heap_.size() >= past_heap_limit_) {
    retreat(w);
  }
  ++size_;
  place(e);
}

void event_queue::retreat(std::int64_t window) {
  // Take out the current window's events.
  tmp_.assign(run_.begin() + static_cast<std::ptrdiff_t>(run_pos_),
              run_.begin() + static_cast<std::ptrdiff_t>(run_end_));
  tmp_.insert(tmp_.end(), heap_.begin(), heap_.end());
  run_pos_ = run_end_ = 0;
  heap_.clear();
  // Ring windows beyond the new horizon go to far_; their slots serve the windows
  // between the new and the old current window.
  if (ring_count_ > 0) {
    for (std::int64_t v = std::max(window + ring_size_, cur_ + 1); v < cur_ + ring_size_; ++v) {
      const auto slot = static_cast<std::size_t>(v & (ring_size_ - 1));
      if ((ring_used_[slot >> 6] >> (slot & 63) & 1) == 0) continue;
      bucket& b = ring_[slot];
      for_each_in([this](std::uint32_t c) { return chunk_data(c); },
                  chunk_next_, b.head, b.size, chunk_size_, [&](const event& e) { heap_push(far_, e); });
      ring_count_ -= b.size;
      release(b);
      ring_used_[slot >> 6] &= ~(std::uint64_t{1} << (slot & 63));
    }
  }
  cur_ = window;
  for (const event& e : tmp_) place(e);
  tmp_.clear();
}

void event_queue::migrate_far() const {
  while (!far_.empty()) {
    const std::int64_t w = far_.front().time >> bucket_shift_;
    if (w - cur_ >= ring_size_) break;
    const event e = far_.front();
    heap_pop(far_);
    place(e);
  }
}

void event_queue::open_window(std::size_t slot) const {
  bucket& b = ring_[slot];
  ring_used_[slot >> 6] &= ~(std::uint64_t{1} << (slot & 63));
  ring_count_ -= b.size;
  const std::size_t n = b.size;
  if (run_.size() < n) run_.resize(n);  // a buffer: only [run_pos_, run_end_) is live
  run_pos_ = 0;
  run_end_ = n;
  const auto chunk = [this](std::uint32_t c) { return chunk_data(c); };
  if (n <= small_window) {
    std::size_t i = 0;
    for_each_in(chunk, chunk_next_, b.head, b.size, chunk_size_, [&](const event& e) { run_[i++] = e; });
    release(b);
    insertion_sort(run_.data(), n);
    return;
  }
  // Stable counting sort on the offset inside the window (one digit covers
  // it): count, prefix sums, then one scatter from the chunks into run_.
  const sim_time base = cur_ << bucket_shift_;
  std::array<std::uint32_t, offsets> start{};
  for_each_in(chunk, chunk_next_, b.head, b.size, chunk_size_,
              [&](const event& e) { ++start[static_cast<std::size_t>(e.time - base)]; });
  std::uint32_t sum = 0;
  for (auto& c : start) sum += std::exchange(c, sum);
  for_each_in(chunk, chunk_next_, b.head, b.size, chunk_size_,
              [&](const event& e) { run_[start[static_cast<std::size_t>(e.time - base)]++] = e; });
  release(b);
  // Times now ascend; equal times keep their append order, which is seq order
  // unless seqs were given out of order. Check, and sort fully if needed.
  for (std::size_t i = 1; i < n; ++i) {
    if (before(run_[i], run_[i - 1])) {
      std::sort(run_.begin(), run_.begin() + static_cast<std::ptrdiff_t>(n), before);
      break;
    }
  }
}

void event_queue::settle() const {
  if (run_pos_ < run_end_ || !heap_.empty() || size_ == 0) return;
  if (ring_count_ == 0) {
    // Only far events: jump so the earliest one is in the next window.
    cur_ = (far_.front().time >> bucket_shift_) - 1;
    migrate_far();
  }
  // The next non-empty bucket after cur_; the ring holds windows cur_+1 .. cur_+ring_size_-1.
  constexpr std::int64_t mask = ring_size_ - 1;
  const auto start = static_cast<std::size_t>((cur_ + 1) & mask);
  const std::size_t words = ring_used_.size();
  std::size_t wi = start >> 6;
  std::uint64_t bits = ring_used_[wi] & (~std::uint64_t{0} << (start & 63));
  while (bits == 0) {
    wi = (wi + 1) % words;
    bits = ring_used_[wi];
  }
  const std::size_t slot = (wi << 6) + static_cast<std::size_t>(std::countr_zero(bits));
  cur_ += 1 + static_cast<std::int64_t>((slot - start) & static_cast<std::size_t>(mask));
  open_window(slot);
  migrate_far();  // the horizon moved
}

void event_queue::push_with_seq(sim_time time, std::uint64_t seq, std::uint32_t kind, std::uint32_t target,
                                std::uint64_t payload) {
  insert(event{time, seq, kind, target, payload});
}

const event& event_queue::top() const {
  settle();
  if (run_pos_ == run_end_) return heap_.front();
  if (heap_.empty() || before(run_[run_pos_], heap_.front())) return run_[run_pos_];
  return heap_.front();
}

event event_queue::pop_slow() {
  settle();
  event e;
  if (run_pos_ < run_end_ && (heap_.empty() || before(run_[run_pos_], heap_.front()))) {
    e = run_[run_pos_++];
  } else {
    e = heap_.front();
    heap_pop(heap_);
  }
  --size_;
  return e;
}

void event_queue::reserve(std::size_t n) {
  if (ring_.empty()) init_ring();
  // Chunks for n events spread over the ring, put on the free list.
  const std::size_t want = n / chunk_size_ + static_cast<std::size_t>(ring_size_);
  while (chunk_next_.size() < want) {
    const auto c = static_cast<std::uint32_t>(chunk_next_.size());
    chunk_next_.push_back(free_chunk_);
    free_chunk_ = c;
  }
  while (blocks_.size() * chunks_per_block_ < chunk_next_.size()) add_block();
  heap_.reserve(past_heap_limit_ + 64);
}

std::size_t event_queue::memory_bytes() const {
  return (run_.capacity() + heap_.capacity() + blocks_.size() * chunks_per_block_ * chunk_size_ + far_.capacity() +
          tmp_.capacity()) * sizeof(event) +
         ring_.capacity() * sizeof(bucket) + ring_used_.capacity() * sizeof(std::uint64_t) +
         chunk_next_.capacity() * sizeof(std::uint32_t);
}

void event_queue::clear() {
  run_pos_ = run_end_ = 0;
  heap_.clear();
  for (auto& b : ring_) release(b);
  std::fill(ring_used_.begin(), ring_used_.end(), 0);
  far_.clear();
  tmp_.clear();
  cur_ = 0;
  ring_count_ = 0;
  size_ = 0;
  next_seq_ = 0;
}

}  // namespace calsim::detail
