// event_queue: (time, seq) order against std::priority_queue as the oracle.
#include <gtest/gtest.h>

#include <queue>
#include <tuple>
#include <vector>

#include "engine/event_queue.hpp"
#include "engine/rng.hpp"

namespace {

using calsim::sim_time;
using calsim::detail::event;
using calsim::detail::event_queue;
using calsim::detail::rng;

auto key(const event& e) { return std::tie(e.time, e.seq, e.kind, e.target, e.payload); }

struct later {
  bool operator()(const event& a, const event& b) const { return key(b) < key(a); }
};

using oracle = std::priority_queue<event, std::vector<event>, later>;

void expect_same(const event& got, const event& want) {
  ASSERT_EQ(got.time, want.time);
  ASSERT_EQ(got.seq, want.seq);
  ASSERT_EQ(got.kind, want.kind);
  ASSERT_EQ(got.target, want.target);
  ASSERT_EQ(got.payload, want.payload);
}

constexpr std::uint64_t high_seq = std::uint64_t{1} << 62;

// One random scenario: interleaved pushes (near, ties, far beyond the ring,
// into the past, explicit high seqs) and pops, checked step by step.
void run_against_oracle(event_queue& q, std::uint64_t seed, int steps) {
  rng r(seed);
  oracle o;
  if (seed % 3 == 0) q.reserve(static_cast<std::size_t>(steps));
  std::uint64_t seq = 0;
  std::uint64_t high = high_seq;
  sim_time now = static_cast<sim_time>(r.below(1u << 20)) - (1 << 19);  // also negative times
  const int push_bias = static_cast<int>(r.below(40)) + 40;            // 40..79 % pushes
  for (int step = 0; step < steps; ++step) {
    const bool do_push = o.empty() || static_cast<int>(r.below(100)) < push_bias;
    if (do_push) {
      sim_time t = now;
      switch (r.below(8)) {
        case 0: break;                                                    // same second
        case 1: t += static_cast<sim_time>(r.below(4)); break;            // ties
        case 2: t += static_cast<sim_time>(r.below(3600)); break;         // within the hour
        case 3: t += calsim::days(1) + static_cast<sim_time>(r.below(86400)); break;
        case 4: t += calsim::days(52) + static_cast<sim_time>(r.below(37 * 86400)); break;
        case 5: t += static_cast<sim_time>(r.below(400 * 86400)); break;  // beyond the ring
        case 6: t -= static_cast<sim_time>(r.below(5000)); break;         // the past
        default: t += static_cast<sim_time>(r.below(20 * 86400)); break;
      }
      const auto kind = static_cast<std::uint32_t>(r.below(5));
      const auto target = static_cast<std::uint32_t>(r.below(1000));
      const std::uint64_t payload = r.next();
      if (r.below(6) == 0) {
        q.push_with_seq(t, high, kind, target, payload);
        o.push(event{t, high++, kind, target, payload});
      } else {
        q.push(t, kind, target, payload);
        o.push(event{t, seq++, kind, target, payload});
      }
    } else {
      ASSERT_FALSE(q.empty());
      expect_same(q.top(), o.top());
      const event e = q.pop();
      expect_same(e, o.top());
      o.pop();
      now = e.time;
    }
    ASSERT_EQ(q.size(), o.size());
    ASSERT_EQ(q.empty(), o.empty());
    if (step == steps / 2 && seed % 5 == 0) q.reserve(static_cast<std::size_t>(steps) * 4);
  }
  while (!o.empty()) {
    expect_same(q.pop(), o.top());
    o.pop();
  }
  ASSERT_TRUE(q.empty());
}

}  // namespace

TEST(EventQueue, RandomAgainstPriorityQueue) {
  for (std::uint64_t seed = 1; seed <= 200; ++seed) {
    SCOPED_TRACE(seed);
    event_queue q;
    run_against_oracle(q, seed, 3000);
    if (HasFatalFailure()) return;
  }
}

TEST(EventQueue, LongRandomAgainstPriorityQueue) {
  for (std::uint64_t seed = 1000; seed < 1004; ++seed) {
    SCOPED_TRACE(seed);
    event_queue q;
    run_against_oracle(q, seed, 300000);
    if (HasFatalFailure()) return;
  }
}

TEST(EventQueue, ReusedAfterClear) {
  // Clear with events pending at every level (current window, ring, far), then reuse.
  event_queue q;
  rng r(8);
  for (int i = 0; i < 5000; ++i) q.push(static_cast<sim_time>(r.below(500 * 86400)), 0, 0, 0);
  for (int i = 0; i < 100; ++i) q.pop();
  q.clear();
  EXPECT_TRUE(q.empty());
  for (std::uint64_t seed = 300; seed < 320; ++seed) {
    SCOPED_TRACE(seed);
    run_against_oracle(q, seed, 3000);
    if (HasFatalFailure()) return;
    q.clear();
  }
}

TEST(EventQueue, TiesPopInSeqOrder) {
  event_queue q;
  for (std::uint32_t i = 0; i < 100; ++i) q.push(500, 0, i, 0);
  for (std::uint32_t i = 0; i < 100; ++i) {
    const event e = q.pop();
    EXPECT_EQ(e.time, 500);
    EXPECT_EQ(e.target, i);
    EXPECT_EQ(e.seq, i);
  }
}

TEST(EventQueue, HighSeqRunsAfterOrdinaryEventsOfTheSameSecond) {
  event_queue q;
  q.push_with_seq(100, high_seq + 1, 9, 1, 0);
  q.push_with_seq(100, high_seq, 9, 0, 0);
  q.push(100, 1, 0, 0);
  q.push(99, 1, 1, 0);
  q.push(100, 1, 2, 0);
  q.push(101, 1, 3, 0);
  std::vector<std::pair<sim_time, std::uint32_t>> got;
  while (!q.empty()) {
    const event e = q.pop();
    got.emplace_back(e.time, e.kind * 10 + e.target);
  }
  const std::vector<std::pair<sim_time, std::uint32_t>> want = {{99, 11},  {100, 10}, {100, 12},
                                                                {100, 90}, {100, 91}, {101, 13}};
  EXPECT_EQ(got, want);
}

TEST(EventQueue, PushEarlierThanLastPopped) {
  event_queue q;
  q.push(calsim::days(3), 0, 0, 0);
  q.push(calsim::days(80), 0, 1, 0);
  q.push(calsim::days(500), 0, 2, 0);
  EXPECT_EQ(q.pop().target, 0u);
  // The clock is at day 3; the model pushes into the same second and earlier.
  q.push(calsim::days(3), 0, 3, 0);
  q.push(calsim::days(3) - 10, 0, 4, 0);
  q.push(calsim::days(1), 0, 5, 0);
  EXPECT_EQ(q.pop().target, 5u);
  EXPECT_EQ(q.pop().target, 4u);
  EXPECT_EQ(q.pop().target, 3u);
  EXPECT_EQ(q.pop().target, 1u);
  // Now at day 80: push before it, and far past the ring horizon.
  q.push(calsim::days(70), 0, 6, 0);
  q.push(calsim::days(1000), 0, 7, 0);
  EXPECT_EQ(q.pop().target, 6u);
  EXPECT_EQ(q.pop().target, 2u);
  EXPECT_EQ(q.pop().target, 7u);
  EXPECT_TRUE(q.empty());
}

TEST(EventQueue, SizeEmptyClear) {
  event_queue q;
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.size(), 0u);
  q.reserve(1000);
  for (int i = 0; i < 1000; ++i) q.push(calsim::days(i % 200) + i, 1, static_cast<std::uint32_t>(i), 0);
  EXPECT_EQ(q.size(), 1000u);
  EXPECT_FALSE(q.empty());
  q.pop();
  EXPECT_EQ(q.size(), 999u);
  q.clear();
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.size(), 0u);
  // After clear the queue works as new, sequence counter included.
  q.push(5, 2, 3, 4);
  q.push(-7, 2, 3, 4);
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.top().time, -7);
  EXPECT_EQ(q.top().seq, 1u);
  EXPECT_EQ(q.pop().time, -7);
  const event e = q.pop();
  EXPECT_EQ(e.time, 5);
  EXPECT_EQ(e.seq, 0u);
  EXPECT_EQ(e.kind, 2u);
  EXPECT_EQ(e.target, 3u);
  EXPECT_EQ(e.payload, 4u);
  EXPECT_TRUE(q.empty());
}

TEST(EventQueue, ManyPendingInRandomOrder) {
  // Initial events pushed in random time order (the window retreats), spread
  // over more than the ring's horizon, with many ties.
  event_queue q;
  oracle o;
  rng r(123);
  constexpr int n = 200000;
  for (int i = 0; i < n; ++i) {
    const auto t = static_cast<sim_time>(r.below(r.below(2) == 0 ? 300 * 86400 : 86400));
    const auto target = static_cast<std::uint32_t>(i);
    q.push(t, 0, target, 0);
    o.push(event{t, static_cast<std::uint64_t>(i), 0, target, 0});
  }
  ASSERT_EQ(q.size(), o.size());
  while (!o.empty()) {
    ASSERT_EQ(key(q.pop()), key(o.top()));
    o.pop();
  }
  EXPECT_TRUE(q.empty());
}

TEST(EventQueue, ExplicitSeqsOutOfOrderInALargeWindow) {
  // A window of many events where equal times were appended with falling seqs:
  // the radix pass alone would keep append order, the check must repair it.
  event_queue q;
  oracle o;
  rng r(5);
  q.push(0, 0, 0, 0);  // window 0 is current; the rest goes to the ring
  o.push(event{0, 0, 0, 0, 0});
  std::uint64_t seq = 1;
  for (int i = 0; i < 2000; ++i) {
    const sim_time t = 10000 + static_cast<sim_time>(r.below(20));
    if (i % 3 == 0) {
      const std::uint64_t s = high_seq - static_cast<std::uint64_t>(i);  // falling
      q.push_with_seq(t, s, 1, 0, 0);
      o.push(event{t, s, 1, 0, 0});
    } else {
      q.push(t, 2, 0, 0);
      o.push(event{t, seq++, 2, 0, 0});
    }
  }
  // Equal (time, seq): ordered by the rest of the event.
  q.push_with_seq(10005, 7, 9, 2, 1);
  q.push_with_seq(10005, 7, 9, 1, 5);
  q.push_with_seq(10005, 7, 9, 1, 4);
  o.push(event{10005, 7, 9, 2, 1});
  o.push(event{10005, 7, 9, 1, 5});
  o.push(event{10005, 7, 9, 1, 4});
  while (!o.empty()) {
    ASSERT_EQ(key(q.pop()), key(o.top()));
    o.pop();
  }
}

TEST(EventQueue, FarFutureOnly) {
  // Nothing in the ring: the window jumps straight to far events.
  event_queue q;
  q.push(0, 0, 0, 0);
  for (int i = 0; i < 100; ++i) q.push(calsim::days(1000 + (i % 7) * 300) + i, 0, static_cast<std::uint32_t>(i), 0);
  EXPECT_EQ(q.pop().time, 0);
  sim_time last = 0;
  for (int i = 0; i < 100; ++i) {
    const event e = q.pop();
    EXPECT_GT(e.time, last);
    last = e.time;
  }
  EXPECT_TRUE(q.empty());
}

TEST(EventQueue, HoldKeepsOrderAcrossHorizons) {
  // Model-shaped hold: pop one, push one 1-2 days or 52-89 days ahead.
  event_queue q;
  oracle o;
  rng r(77);
  std::uint64_t seq = 0;
  for (int i = 0; i < 20000; ++i) {
    const auto t = static_cast<sim_time>(r.below(2 * 86400));
    q.push(t, 0, 0, 0);
    o.push(event{t, seq++, 0, 0, 0});
  }
  for (int i = 0; i < 200000; ++i) {
    const event e = q.pop();
    ASSERT_EQ(key(e), key(o.top()));
    o.pop();
    const sim_time dt = r.below(10) == 0 ? calsim::days(52) + static_cast<sim_time>(r.below(37 * 86400))
                                         : calsim::days(1) + static_cast<sim_time>(r.below(86400));
    q.push(e.time + dt, 0, 0, 0);
    o.push(event{e.time + dt, seq++, 0, 0, 0});
  }
}
