// `calsim size` (OUTPUTS.md): the smallest count of one key pack that meets a
// goal in a fraction P of the replications, shown with confidence C.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calsim/scenario.hpp"

namespace calsim::detail {

// The count that stands for "unlimited" in the pilot: the largest a scenario
// may hold. A pack's count is only a number in the model (no storage per CAL).
inline constexpr std::int64_t size_search_bound = 1'000'000'000;

// What a replication must achieve at a count (issue 14):
//  no_refusal   at most K refused connections over the run (per-device packs);
//  no_shortage  every device that asks for a permanent CAL gets one: no more
//               event 21 than with an unlimited pack (per-device packs);
//  compliance   no over-used per-user CAL (per-user packs, which never refuse:
//               R-USER-1; their default goal).
enum class size_goal { no_refusal, no_shortage, compliance };
const char* goal_name(size_goal g);
std::optional<size_goal> parse_goal(const std::string& text);

struct size_request {
  std::string pack;               // "SERVER/PACK"
  std::optional<size_goal> goal;  // nullopt: the pack type's default (check_size_request fills it)
  std::int64_t max_refused = 0;   // K (no_refusal)
  double probability = 0.95;      // P: the fraction of replications that must meet the goal
  double confidence = 0.95;       // C: the interval's level; its lower bound must reach P
  std::uint64_t replications = 100;
  unsigned threads = 0;           // 0 = all hardware threads
  bool progress = false;
};

struct size_candidate {
  std::int64_t count = 0;
  std::int64_t ok = 0;  // replications with refused ≤ K
  std::int64_t replications = 0;
  double p_ok = 0, ci_low = 0, ci_high = 1;
  bool meets = false;   // ci_low ≥ P
};

// Who holds the CALs at a count (issue 14, `by_group`): per client group, the
// mean over the replications of what it holds on the day of that
// replication's peak of the pack (groups.csv's figures; permanent CALs of every
// pack).
struct group_holding {
  std::string group;
  double permanent_held = 0, temporary_valid = 0, superseded_held = 0;
};
struct size_holders {
  std::int64_t count = 0;
  std::uint64_t replications = 0;
  std::vector<group_holding> groups;  // in the scenario's group order

  // The permanent CALs held by every group, and one group's share of them (0 when none).
  double permanent_total() const {
    double total = 0;
    for (const auto& g : groups) total += g.permanent_held;
    return total;
  }
  static double share(const group_holding& g, double total) { return total > 0 ? g.permanent_held / total : 0.0; }
};

struct size_result {
  std::optional<std::int64_t> answer;     // nullopt: not even the search bound meets the target
  std::vector<size_candidate> candidates;  // every count tried, by count
  std::int64_t pilot_peak = 0;            // largest end-of-day issued count of the pack in the pilot
  std::optional<size_holders> by_group;   // at the answer (not after a merge of shards: it needs the scenario)
};

// Every "SERVER/PACK" of the scenario (installed at the start or by
// add_key_pack), in file order, without repeats.
std::vector<std::string> pack_labels_of(const scenario& s);

// Sets the count of every pack with that label (also add_key_pack actions).
void set_pack_count(scenario& s, const std::string& label, std::int64_t count);

// The fewest replications that can ever show P with confidence C (min_trials_for).
std::uint64_t min_size_replications(double probability, double confidence);

// What one replication says about every candidate count at once (sizing.cpp):
// the smallest count at which it has at most K refused connections, taking
// that as monotone in the count (more CALs never refuse more), and the
// pilot's peak.
struct size_threshold {
  std::optional<std::int64_t> count;  // nullopt: not even the search bound (unlimited) meets K
  std::int64_t peak = 0;              // largest end-of-day issued count of the pack in the pilot
};

// Throws usage_error for an unknown pack, a goal that does not fit the pack's
// type, P or C outside (0, 1), a negative K, or too few replications for P and
// C. Fills request.goal with the pack type's default when unset.
void check_size_request(const scenario& s, size_request& request);

// The thresholds of replications [first, first + count) (a shard's share;
// request.replications is the whole search's N), on request.threads threads.
std::vector<size_threshold> size_thresholds(const scenario& s, const size_request& request, std::uint64_t first,
                                            std::uint64_t count);

// The search over candidate counts (sizing.cpp), each candidate's ok count
// taken from the thresholds of all N replications.
size_result decide_size(const std::vector<size_threshold>& thresholds, const size_request& request);

// Runs the N replications at `count` and averages who holds the CALs on each
// one's peak day of the pack (size_holders).
size_holders holders_at(const scenario& s, const size_request& request, std::int64_t count);

// check_size_request, size_thresholds of all N replications, decide_size.
size_result find_size(const scenario& s, size_request request);

}  // namespace calsim::detail
