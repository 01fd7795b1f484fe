// `calsim size`: known answers on small estates (the search method is in
// sim/sweep/sizing.cpp). Confidence 0.8 so 12 replications suffice (≥ 11).
#include <gtest/gtest.h>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "calsim/run.hpp"
#include "sweep/clopper_pearson.hpp"
#include "sweep/sizing.hpp"
#include "sweep_fixture.hpp"

namespace calsim::detail {
namespace {

size_request request(std::uint64_t replications = 12) {
  size_request r;
  r.pack = "LS1/DEV19";
  r.probability = 0.8;
  r.confidence = 0.8;
  r.replications = replications;
  r.threads = 2;
  return r;
}

// n PCs connecting daily need exactly n per-device CALs: with n − 1, one PC
// keeps its temporary (R-DEV-3 cannot upgrade it) and is refused when it
// expires after 90 days (R-DEV-8), inside the 130-day run.
TEST(Size, PersistentDailyClientsNeedOneCalEach) {
  for (int pcs : {3, 7}) {
    const scenario s = testing::load_text(testing::daily_pcs_json(pcs, 50));
    const size_result res = find_size(s, request());
    ASSERT_TRUE(res.answer.has_value());
    EXPECT_EQ(*res.answer, pcs);
    EXPECT_EQ(res.pilot_peak, pcs);
    // Candidates sorted by count; the answer meets, the count below fails.
    for (std::size_t i = 1; i < res.candidates.size(); ++i)
      EXPECT_LT(res.candidates[i - 1].count, res.candidates[i].count);
    bool below_fails = false;
    for (const auto& c : res.candidates) {
      if (c.count == pcs) {
        EXPECT_TRUE(c.meets);
        EXPECT_EQ(c.ok, 12);
      }
      if (c.count == pcs - 1) {
        below_fails = !c.meets && c.ok == 0;
        EXPECT_DOUBLE_EQ(c.p_ok, 0.0);
      }
    }
    EXPECT_TRUE(below_fails);
    EXPECT_EQ(res.candidates.back().count, size_search_bound);  // the pilot
  }
}

TEST(Size, AllowingRefusalsLowersTheAnswer) {
  // One PC short is refused every day from day 91 on (40 days in a 130-day
  // run): 40 refusals allowed make n − 1 enough.
  const scenario s = testing::load_text(testing::daily_pcs_json(4, 50));
  size_request r = request();
  r.max_refused = 1000;
  const size_result res = find_size(s, r);
  ASSERT_TRUE(res.answer.has_value());
  EXPECT_LT(*res.answer, 4);
}

// k clones sharing one HardwareID: each connection presenting a superseded
// license takes a new permanent CAL; in steady state about (k − 1/k)·70.5
// CALs are out (Little's law: ~k − 1/k new CALs a day, 70.5 days mean lease).
TEST(Size, ClonesNeedAboutLittlesLaw) {
  const int k = 4;
  const scenario s = testing::load_text(testing::clones_json(k));
  const size_result res = find_size(s, request());
  ASSERT_TRUE(res.answer.has_value());
  const double analytic = (k - 1.0 / k) * 70.5;  // 264.4
  EXPECT_GT(*res.answer, analytic * 0.85) << *res.answer;
  EXPECT_LT(*res.answer, analytic * 1.2) << *res.answer;
}

TEST(Size, UnmeetableTargetHasNoAnswer) {
  // An unactivated server issues temporaries only (R-DEV-9): every PC is
  // refused after 90 days, whatever the count.
  const scenario s = testing::load_text(testing::daily_pcs_json(2, 5, 130, false));
  const size_result res = find_size(s, request());
  EXPECT_FALSE(res.answer.has_value());
  ASSERT_EQ(res.candidates.size(), 1u);  // only the pilot was run
  EXPECT_EQ(res.candidates[0].count, size_search_bound);
  EXPECT_FALSE(res.candidates[0].meets);
}

TEST(Size, UsageErrors) {
  const scenario s = testing::load_text(testing::daily_pcs_json(2, 5));
  size_request r = request();
  r.pack = "LS1/NOPE";
  try {
    find_size(s, r);
    FAIL() << "no error";
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("known: LS1/DEV19"), std::string::npos) << e.what();
  }
  r = request(10);  // 0.8 needs 11
  try {
    find_size(s, r);
    FAIL() << "no error";
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("at least 11"), std::string::npos) << e.what();
  }
  r = request();
  r.confidence = 1.0;
  EXPECT_THROW(find_size(s, r), usage_error);
}

TEST(Size, PackLabelsIncludeAddedPacks) {
  const scenario s = testing::load_text(testing::small_office_json());
  EXPECT_EQ(pack_labels_of(s), (std::vector<std::string>{"LS1/DEV19", "LS1/DEV16"}));
  scenario copy = s;
  set_pack_count(copy, "LS1/DEV16", 77);
  EXPECT_EQ(copy.license_servers[0].key_packs[1].count, 77);
  EXPECT_EQ(copy.license_servers[0].key_packs[0].count, 10);
}


// Issue 14, goals. R-USER-1: a per-user pack is never refused, so "no refusal"
// would size it to 0; its default goal is compliance: the smallest count at
// which no per-user CAL is over-used. Checked by running the answer and the
// count below it.
TEST(SizeGoals, R_USER_1_PerUserPackDefaultsToCompliance) {
  const scenario s = load_scenario_file(CALSIM_SOURCE_DIR "/scenarios/per-user-overuse.json");
  size_request r = request();
  r.pack = "LS1/USR19";
  const size_result res = find_size(s, r);
  ASSERT_TRUE(res.answer.has_value());
  EXPECT_GT(*res.answer, 0);
  auto overused_at = [&](std::int64_t count, std::uint64_t replication) {
    scenario t = s;
    set_pack_count(t, "LS1/USR19", count);
    run_options o;
    o.replication = replication;
    o.keep_daily = false;
    o.snapshots = false;
    run_observer quiet;
    return run_scenario(t, o, quiet).per_user_overused;
  };
  std::int64_t over_at_answer = 0, over_below = 0;
  for (std::uint64_t rep = 0; rep < 12; ++rep) {
    over_at_answer += overused_at(*res.answer, rep);
    over_below += overused_at(*res.answer - 1, rep);
  }
  EXPECT_EQ(over_at_answer, 0);
  EXPECT_GT(over_below, 0);
}

TEST(SizeGoals, R_USER_1_GoalThatDoesNotFitThePackIsAUsageError) {
  const scenario users = load_scenario_file(CALSIM_SOURCE_DIR "/scenarios/per-user-overuse.json");
  size_request r = request();
  r.pack = "LS1/USR19";
  r.goal = size_goal::no_refusal;
  EXPECT_THROW(find_size(users, r), usage_error);
  const scenario devices = testing::load_text(testing::daily_pcs_json(3, 50));
  r = request();
  r.goal = size_goal::compliance;
  EXPECT_THROW(find_size(devices, r), usage_error);
  r = request();
  r.probability = 1.0;
  EXPECT_THROW(find_size(devices, r), usage_error);
}

// no-shortage: at the answer no replication logs event 21 (no permanent CAL
// left); one below, daily PCs run short (R-DEV-3 keeps one on its temporary).
TEST(SizeGoals, NoShortageMeansNoEvent21) {
  const scenario s = testing::load_text(testing::daily_pcs_json(5, 50));
  size_request r = request();
  r.goal = size_goal::no_shortage;
  const size_result res = find_size(s, r);
  ASSERT_TRUE(res.answer.has_value());
  EXPECT_EQ(*res.answer, 5);
  auto event21_at = [&](std::int64_t count) {
    scenario t = s;
    set_pack_count(t, "LS1/DEV19", count);
    run_options o;
    o.keep_daily = false;
    run_observer quiet;
    const auto r21 = run_scenario(t, o, quiet).events_by_id;
    return r21.count(21) ? r21.at(21) : 0;
  };
  EXPECT_EQ(event21_at(5), 0);
  EXPECT_GT(event21_at(4), 0);
}

// --probability P is kept apart from --confidence C: on known thresholds the
// answer is the smallest count whose Clopper–Pearson lower bound at C reaches P.
TEST(SizeGoals, ProbabilityIsKeptApartFromConfidence) {
  std::vector<size_threshold> t;
  for (std::int64_t i = 1; i <= 200; ++i) t.push_back({i, i});
  for (double p : {0.5, 0.8, 0.9}) {
    size_request r = request(200);
    r.probability = p;
    r.confidence = 0.95;
    const size_result res = decide_size(t, r);
    ASSERT_TRUE(res.answer.has_value());
    const std::int64_t a = *res.answer;
    EXPECT_GE(clopper_pearson(a, 200, 0.95).low, p) << p;
    EXPECT_LT(clopper_pearson(a - 1, 200, 0.95).low, p) << p;
  }
  EXPECT_LT(min_size_replications(0.5, 0.95), min_size_replications(0.95, 0.95));
  EXPECT_EQ(min_size_replications(0.95, 0.95), 72u);
}

// by_group: who holds the CALs at the answer. In the cloned-image story the
// thirty healthy PCs hold one CAL each; the clones hold the rest, nearly all
// superseded (R-DEV-7); together no more than the answer.
TEST(SizeGoals, R_DEV_7_ByGroupSaysTheClonesHoldThePool) {
  const scenario s = load_scenario_file(CALSIM_SOURCE_DIR "/scenarios/cloned-image-ping-pong.json");
  size_request r = request();
  const size_result res = find_size(s, r);
  ASSERT_TRUE(res.answer.has_value());
  const size_holders h = holders_at(s, r, *res.answer);
  ASSERT_EQ(h.groups.size(), 2u);
  EXPECT_EQ(h.groups[0].group, "office");
  EXPECT_DOUBLE_EQ(h.groups[0].permanent_held, 30.0);
  EXPECT_EQ(h.groups[1].group, "clones");
  EXPECT_GT(h.groups[1].permanent_held, 10 * h.groups[0].permanent_held);
  EXPECT_GT(h.groups[1].superseded_held, 0.9 * h.groups[1].permanent_held);
  EXPECT_LE(h.groups[0].permanent_held + h.groups[1].permanent_held, static_cast<double>(*res.answer));
}

}  // namespace
}  // namespace calsim::detail
