// Event queue benchmarks: the classic hold test (pop one, push one at
// now + increment) with model-shaped increments, against std::priority_queue.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <queue>
#include <vector>

#include "engine/event_queue.hpp"
#include "engine/rng.hpp"

namespace {

using calsim::sim_time;
using calsim::detail::event;

// 90 %: 1-2 days ahead (next day's connections); 10 %: uniform over 52-89 days
// (license expiries and renewals).
std::vector<sim_time> model_increments() {
  calsim::detail::rng r(calsim::detail::stream_seed(1, 0, "bench/increments"));
  std::vector<sim_time> inc(1 << 16);
  for (auto& d : inc) {
    d = r.below(10) == 0 ? calsim::days(52) + static_cast<sim_time>(r.below(37 * 86400 + 1))
                         : calsim::days(1) + static_cast<sim_time>(r.below(86400 + 1));
  }
  return inc;
}

struct later {
  bool operator()(const event& a, const event& b) const {
    return a.time != b.time ? a.time > b.time : a.seq > b.seq;
  }
};

// Baseline: std::priority_queue (binary heap) with the same event and order.
class std_queue {
 public:
  void push(sim_time t, std::uint32_t kind, std::uint32_t target, std::uint64_t payload) {
    q_.push(event{t, seq_++, kind, target, payload});
  }
  event pop() {
    const event e = q_.top();
    q_.pop();
    return e;
  }
  std::size_t size() const { return q_.size(); }

 private:
  std::priority_queue<event, std::vector<event>, later> q_;
  std::uint64_t seq_ = 0;
};

template <class Queue>
void hold(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const std::vector<sim_time> inc = model_increments();
  const std::size_t mask = inc.size() - 1;
  std::size_t i = 0;
  Queue q;
  for (std::size_t k = 0; k < n; ++k) q.push(inc[i++ & mask], 1, static_cast<std::uint32_t>(k), k);
  // Warm up into the steady-state distribution of pending times.
  for (std::size_t k = 0; k < 2 * n; ++k) {
    const event e = q.pop();
    q.push(e.time + inc[i++ & mask], e.kind, e.target, e.payload);
  }
  for (auto _ : state) {
    const event e = q.pop();
    q.push(e.time + inc[i++ & mask], e.kind, e.target, e.payload);
  }
  benchmark::DoNotOptimize(q.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
  state.counters["pending"] = static_cast<double>(q.size());
}

void hold_calsim(benchmark::State& state) { hold<calsim::detail::event_queue>(state); }
void hold_std_priority_queue(benchmark::State& state) { hold<std_queue>(state); }

}  // namespace

BENCHMARK(hold_calsim)->Arg(1000)->Arg(100000)->Arg(1000000);
BENCHMARK(hold_std_priority_queue)->Arg(1000)->Arg(100000)->Arg(1000000);

BENCHMARK_MAIN();
