// The pending-event set of the simulation kernel: typed events, total order by
// (time, sequence). No allocation per event in steady state, no std::function.
//
// Design: a calendar queue with exact (time, seq) order.
//  * time is cut into windows of 2^bucket_shift_ seconds (1024 s, ~17 min).
//  * the current window cur_ is `run_`, sorted ascending when the window opens
//    (stable counting sort on the 10-bit offset inside the window, then one
//    check pass; a rare (time, seq) inversion among equal times, e.g.
//    from push_with_seq, falls back to std::sort), popped from run_pos_; plus
//    `heap_`, a 4-ary heap for events pushed into the current window (or
//    slightly before it) after it opened. pop takes the smaller of both tops.
//  * the next ring_size_ - 1 windows (~97 days) are unsorted buckets in a ring
//    with a bitmap of non-empty buckets: a push there is an append. A bucket
//    is a chain of 16-event chunks from one pool with a LIFO free list, so
//    memory follows the pending count (not ring size x largest window) and a
//    push usually writes into a chunk freed moments ago (warm in cache).
//  * later events wait in `far_`, a 4-ary heap, and move into the ring when
//    the horizon reaches them.
//  * a push before the current window goes to heap_ while it is small; with
//    many such pushes (e.g. initial events pushed in random order) the window
//    moves back instead (retreat), so heap_ stays small.
//  Windows open lazily (on top/pop), so pushes into the second just popped
//  stay cheap. Equal times always share a window, hence the exact order.
//  Vectors and chunks are reused: no allocation per event in steady state.
//  top() is const but may open a window (internal caches are mutable), so
//  concurrent use of one queue needs external locking even for top().
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "calsim/time.hpp"
#include "core/huge_pages.hpp"

namespace calsim::detail {

struct event {
  sim_time time = 0;
  std::uint64_t seq = 0;      // insertion order; ties on time pop in seq order
  std::uint32_t kind = 0;     // what happens (the model's enum)
  std::uint32_t target = 0;   // dense id of the entity it happens to
  std::uint64_t payload = 0;  // kind-specific (e.g. a license id and generation)
};

// Events are popped in (time, seq) order; seq is assigned by push() from a
// counter, or given explicitly with push_with_seq() (e.g. a high range to run
// after every ordinary event of the same second). Equal (time, seq) pairs pop
// in (kind, target, payload) order.
class event_queue {
 public:
  void push(sim_time time, std::uint32_t kind, std::uint32_t target, std::uint64_t payload) {
    const std::uint64_t seq = next_seq_++;
    const std::int64_t w = time >> bucket_shift_;
    if (size_ != 0 && w > cur_ && w - cur_ < ring_size_ && !ring_.empty()) {  // usual: a later window of the ring
      ++size_;
      // Field by field into its slot: an event built on the stack and copied
      // in 16-byte moves stalls on store forwarding (measured: ~10 % of a run).
      event& d = append_slot(static_cast<std::size_t>(w & (ring_size_ - 1)));
      d.time = time;
      d.seq = seq;
      d.kind = kind;
      d.target = target;
      d.payload = payload;
      return;
    }
    insert(event{time, seq, kind, target, payload});
  }
  void push_with_seq(sim_time time, std::uint64_t seq, std::uint32_t kind, std::uint32_t target,
                     std::uint64_t payload);
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  const event& top() const;  // precondition: !empty()
  event pop() {              // precondition: !empty()
    if (run_pos_ < run_end_ && heap_.empty()) {  // usual: the next event of the open window
      --size_;
      return run_[run_pos_++];
    }
    return pop_slow();
  }
  // The k-th event after the next one of the current window, or nullptr: a
  // hint for prefetching (events pushed meanwhile may come first).
  const event* peek(std::size_t k) const {
    const std::size_t i = run_pos_ + k;
    return i < run_end_ ? &run_[i] : nullptr;
  }
  void reserve(std::size_t n);
  std::size_t memory_bytes() const;  // what its buffers hold (capacities)
  void clear();  // also restarts the push() sequence counter at 0

 private:
  static constexpr int bucket_shift_ = 10;  // window = 1024 s
  static constexpr std::size_t offsets = std::size_t{1} << bucket_shift_;  // seconds in a window
  static constexpr int ring_bits_ = 13;     // 8192 windows, ~97 days
  static constexpr std::int64_t ring_size_ = std::int64_t{1} << ring_bits_;
  static constexpr std::size_t past_heap_limit_ = 64;  // above: retreat instead
  static constexpr std::uint32_t chunk_size_ = 16;      // events per chunk (power of two)
  static constexpr std::uint32_t no_chunk_ = 0xffffffffU;
  static constexpr std::uint32_t chunks_per_block_ = 256;  // 4096 events, 128 KiB

  struct bucket {
    std::uint32_t head = no_chunk_;  // first chunk
    std::uint32_t tail = no_chunk_;  // last chunk, the only one not full
    std::uint32_t size = 0;
  };

  event pop_slow();
  void insert(const event& e);
  void retreat(std::int64_t window);  // make an earlier window current
  // The rest only touches the mutable cache (top() may open a window).
  void place(const event& e) const;   // by window, for the current cur_
  void settle() const;                // open the next window when the current one is empty
  void open_window(std::size_t slot) const;
  void migrate_far() const;           // far_ events inside the horizon -> ring
  void init_ring() const;
  // The next free event of bucket `slot`, counted in it: the caller fills it.
  event& append_slot(std::size_t slot) const {
    bucket& b = ring_[slot];
    if (b.size % chunk_size_ == 0) start_chunk(slot, b);
    event& d = chunk_data(b.tail)[b.size % chunk_size_];
    ++b.size;
    ++ring_count_;
    return d;
  }
  void append(std::size_t slot, const event& e) const { append_slot(slot) = e; }
  void start_chunk(std::size_t slot, bucket& b) const;  // b's tail is full (or b is empty)
  std::uint32_t new_chunk() const;
  void release(bucket& b) const;  // its chunks back to the free list

  mutable std::vector<event> run_;   // current window, ascending: [run_pos_, run_end_)
  mutable std::size_t run_pos_ = 0;
  mutable std::size_t run_end_ = 0;
  mutable std::vector<event> heap_;               // current window (and earlier), pushed after it opened
  mutable std::vector<bucket> ring_;              // window w at ring_[w & (ring_size_ - 1)]
  mutable std::vector<std::uint64_t> ring_used_;  // bitmap: bucket non-empty
  // Chunk c at blocks_[c / chunks_per_block_] + (c % chunks_per_block_) * chunk_size_:
  // fixed blocks, so the pool grows without copying or doubling its memory.
  mutable std::vector<event*> blocks_;
  mutable std::vector<std::unique_ptr<event[]>> small_blocks_;  // the first blocks
  struct arena_free {
    void operator()(event* p) const noexcept { huge_deallocate(p, huge_page_bytes, alignof(event)); }
  };
  mutable std::vector<std::unique_ptr<event, arena_free>> arenas_;  // the later blocks, 16 to an arena
  void add_block() const;
  event* chunk_data(std::uint32_t c) const {
    return blocks_[c / chunks_per_block_] + std::size_t{c % chunks_per_block_} * chunk_size_;
  }
  mutable std::vector<std::uint32_t> chunk_next_;  // next chunk in a bucket or in the free list
  mutable std::uint32_t free_chunk_ = no_chunk_;
  mutable std::vector<event> far_;                // windows >= cur_ + ring_size_ (4-ary heap)
  mutable std::vector<event> tmp_;                // retreat scratch
  mutable std::int64_t cur_ = 0;                  // current window
  mutable std::size_t ring_count_ = 0;            // events in the ring
  std::size_t size_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace calsim::detail
