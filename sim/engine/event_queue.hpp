// The pending-event set of the simulation kernel: typed events, total order by
// (time, sequence). No allocation per event in steady state, no std::function.
#pragma once
#include <cstdint>
#include <vector>

#include "calsim/time.hpp"

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
// after every ordinary event of the same second).
class event_queue {
 public:
  void push(sim_time time, std::uint32_t kind, std::uint32_t target, std::uint64_t payload);
  void push_with_seq(sim_time time, std::uint64_t seq, std::uint32_t kind, std::uint32_t target,
                     std::uint64_t payload);
  bool empty() const;
  std::size_t size() const;
  const event& top() const;  // precondition: !empty()
  event pop();               // precondition: !empty()
  void reserve(std::size_t n);
  void clear();

 private:
  std::vector<event> heap_;
  std::uint64_t next_seq_ = 0;
};

}  // namespace calsim::detail
