// The sizing search of `calsim size` (OUTPUTS.md):
//
//  * Common random numbers: every candidate count runs the same replication
//    indices 0..N-1 (so the same streams, derived from seed, replication and
//    name); only the pack's count differs, set in the typed scenario.
//  * A candidate meets the goal when the two-sided Clopper–Pearson interval
//    at level C for p_ok, the fraction of replications meeting the goal at
//    that count (size_goal: at most K refused, no event 21, no over-use), has
//    ci_low ≥ P (--probability, issue 14: kept apart from C).
//  * Each replication is sized on its own first (size_thresholds): a pilot
//    with the pack count at size_search_bound (in effect unlimited); if it
//    refuses more than K, no count serves it. Else the smallest count that
//    does, found from the pilot's peak (the largest end-of-day issued count;
//    doubled while it refuses too many, as CALs issued and returned within a
//    day are not in the daily peak) by bisection, taking "at most K refused"
//    as monotone in the count. A replication then meets K at count c exactly
//    when its threshold is ≤ c, so one pass gives every candidate's ok count,
//    and a shard (`size --shard I/N`) can size its share of the replications
//    alone; `merge` decides from all of them.
//  * The decision (decide_size), the same with or without shards: the pilot;
//    if it does not meet the target, no count does: the answer is null. Else
//    from hi = the largest pilot peak (doubling it until it meets), bracketing
//    downwards (hi/2, hi/4, … until one fails, or 0 meets), then bisection
//    between the largest failing and the smallest meeting count. This assumes
//    meeting the target is monotone in the count.
#include "sweep/sizing.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "calsim/errors.hpp"
#include "calsim/run.hpp"
#include "sweep/clopper_pearson.hpp"
#include "sweep/replication_pool.hpp"

namespace calsim::detail {
namespace {

// The search over candidate counts, each evaluated from the thresholds.
class size_search {
 public:
  size_search(const std::vector<size_threshold>& t, const size_request& r) : r_(r) {
    for (const auto& x : t)
      if (x.count) sorted_.push_back(*x.count);
    std::sort(sorted_.begin(), sorted_.end());
    total_ = static_cast<std::int64_t>(t.size());
  }

  const size_candidate& evaluate(std::int64_t count) {
    if (const auto it = tried_.find(count); it != tried_.end()) return it->second;
    size_candidate c;
    c.count = count;
    c.replications = total_;
    c.ok = std::upper_bound(sorted_.begin(), sorted_.end(), count) - sorted_.begin();
    c.p_ok = static_cast<double>(c.ok) / static_cast<double>(c.replications);
    const interval ci = clopper_pearson(c.ok, c.replications, r_.confidence);
    c.ci_low = ci.low;
    c.ci_high = ci.high;
    c.meets = ci.low >= r_.probability;
    return tried_.emplace(count, c).first->second;
  }

  std::vector<size_candidate> candidates() const {
    std::vector<size_candidate> out;
    for (const auto& [count, c] : tried_) out.push_back(c);  // std::map: by count
    return out;
  }

 private:
  const size_request& r_;
  std::vector<std::int64_t> sorted_;  // the thresholds of the replications that have one
  std::int64_t total_ = 0;
  std::map<std::int64_t, size_candidate> tried_;
};

// One replication of the scenario with the pack's count set: what each goal looks at.
struct one_run {
  std::int64_t refused = 0, peak = 0, shortages = 0, overused = 0;
  std::int64_t at_once = 0;  // most issued at any instant: the same run with any count from there up
};
one_run run_at(const scenario& base, const std::string& pack, std::int64_t count, std::uint64_t replication,
               std::int64_t stop_after_refused = -1) {
  scenario s = base;
  set_pack_count(s, pack, count);
  run_options o;
  o.stop_after_refused = stop_after_refused;  // no-refusal probes: a failing count stops at its K+1-th refusal
  o.replication = replication;  // common random numbers: the same index for every count
  o.trace = false;
  o.keep_daily = false;
  o.snapshots = false;
  o.group_days = false;
  run_observer ignore;
  const run_result res = run_scenario(s, o, ignore);
  one_run out;
  out.refused = res.connections_refused;
  const auto e21 = res.events_by_id.find(21);  // license server: no permanent licenses left (RULES.md, EVT)
  out.shortages = e21 == res.events_by_id.end() ? 0 : e21->second;
  out.overused = res.per_user_overused;
  const auto peak = res.peak_issued.find(pack);
  out.peak = peak == res.peak_issued.end() ? 0 : peak->second;
  const auto at_once = res.most_issued_at_once.find(pack);
  out.at_once = at_once == res.most_issued_at_once.end() ? 0 : at_once->second;
  return out;
}

// Whether one replication at some count meets the goal. no_shortage and
// compliance compare with the pilot (the pack unlimited): another product's
// event 21 or over-use is not this pack's doing.
bool meets_goal(const one_run& run, const one_run& pilot, const size_request& r) {
  switch (r.goal.value_or(size_goal::no_refusal)) {
    case size_goal::no_refusal: return run.refused <= r.max_refused;
    case size_goal::no_shortage: return run.shortages <= pilot.shortages;
    case size_goal::compliance: return run.overused <= pilot.overused;
  }
  return false;
}

size_threshold threshold_of(const scenario& s, const size_request& r, std::uint64_t replication) {
  size_threshold t;
  const one_run pilot = run_at(s, r.pack, size_search_bound, replication);
  t.peak = pilot.peak;
  if (!meets_goal(pilot, pilot, r)) return t;
  const bool by_refusals = r.goal.value_or(size_goal::no_refusal) == size_goal::no_refusal;
  auto meets = [&](std::int64_t count) {
    return meets_goal(run_at(s, r.pack, count, replication, by_refusals ? r.max_refused : -1), pilot, r);
  };
  std::int64_t ok = size_search_bound;  // smallest count known to meet
  std::int64_t fail = -1;               // largest count known to fail (-1: none yet)
  if (pilot.at_once < size_search_bound) ok = pilot.at_once;  // the pilot's own run: it meets, no need to run it again
  for (std::int64_t c = pilot.peak; c < ok; c = std::max<std::int64_t>(c, 1) * 2) {
    if (meets(c)) {
      ok = c;
      break;
    }
    fail = c;
  }
  // no-refusal: the threshold is usually at or just below the peak (a
  // temporary bridges a short shortage for up to 90 days, R-DEV-8): gallop
  // down from it (ok − 1, ok − 2, ok − 4, …) until a count fails, then bisect.
  if (by_refusals && fail < 0) {
    for (std::int64_t step = 1; ok > 0; step *= 2) {
      const std::int64_t c = std::max<std::int64_t>(0, ok - step);
      if (!meets(c)) {
        fail = c;
        break;
      }
      ok = c;
    }
  }
  // no_shortage and compliance: fewer CALs than were held at once at the
  // pilot's peak must run short, so the threshold is nearly always the peak
  // itself: one run below it confirms (two runs per replication, like a sweep).
  const bool peak_goal = r.goal.value_or(size_goal::no_refusal) != size_goal::no_refusal;
  if (peak_goal && fail < 0 && ok == pilot.peak && ok > 0 && !meets(ok - 1)) {
    t.count = ok;
    return t;
  }
  if (fail < 0 && ok > 0) {
    if (meets(0))
      ok = 0;
    else
      fail = 0;
  }
  while (fail >= 0 && ok - fail > 1) {
    const std::int64_t mid = fail + (ok - fail) / 2;
    if (meets(mid))
      ok = mid;
    else
      fail = mid;
  }
  t.count = ok;
  return t;
}

}  // namespace

std::vector<std::string> pack_labels_of(const scenario& s) {
  std::vector<std::string> out;
  auto add = [&](std::string label) {
    if (std::find(out.begin(), out.end(), label) == out.end()) out.push_back(std::move(label));
  };
  for (const auto& sv : s.license_servers)
    for (const auto& p : sv.key_packs) add(sv.name + "/" + p.id);
  for (const auto& a : s.actions)
    if (a.verb == action_verb::add_key_pack && a.pack) add(s.license_servers[a.server].name + "/" + a.pack->id);
  return out;
}

void set_pack_count(scenario& s, const std::string& label, std::int64_t count) {
  for (auto& sv : s.license_servers)
    for (auto& p : sv.key_packs)
      if (sv.name + "/" + p.id == label) p.count = count;
  for (auto& a : s.actions)
    if (a.verb == action_verb::add_key_pack && a.pack && s.license_servers[a.server].name + "/" + a.pack->id == label)
      a.pack->count = count;
}

std::uint64_t min_size_replications(double probability, double confidence) {
  return static_cast<std::uint64_t>(min_trials_for(probability, confidence));
}

const char* goal_name(size_goal g) {
  switch (g) {
    case size_goal::no_refusal: return "no-refusal";
    case size_goal::no_shortage: return "no-shortage";
    case size_goal::compliance: return "compliance";
  }
  return "?";
}

std::optional<size_goal> parse_goal(const std::string& text) {
  for (size_goal g : {size_goal::no_refusal, size_goal::no_shortage, size_goal::compliance})
    if (text == goal_name(g)) return g;
  return std::nullopt;
}

namespace {

std::optional<pack_type> type_of_pack(const scenario& s, const std::string& label) {
  for (const auto& sv : s.license_servers)
    for (const auto& p : sv.key_packs)
      if (sv.name + "/" + p.id == label) return p.type;
  for (const auto& a : s.actions)
    if (a.verb == action_verb::add_key_pack && a.pack && s.license_servers[a.server].name + "/" + a.pack->id == label)
      return a.pack->type;
  return std::nullopt;
}

// A goal that cannot mean anything for the pack's type is a usage error (R-USER-1).
void check_goal_fits(size_goal goal, pack_type type, const std::string& pack) {
  const bool per_user = type == pack_type::per_user;
  if (per_user && goal != size_goal::compliance)
    throw option_error("goal", std::string(goal_name(goal)) + " does not fit the per-user pack " + pack +
                                   ": per-user CALs are never refused nor run short (R-USER-1: issues beyond "
                                   "the pool are over-used), so any count would do; use --goal compliance");
  if (!per_user && goal == size_goal::compliance)
    throw option_error("goal", "compliance is for per-user packs (no over-used CAL); " + pack +
                                   " is per device: use --goal no-refusal or no-shortage");
}

}  // namespace

void check_size_request(const scenario& s, size_request& r) {
  const auto known = pack_labels_of(s);
  if (std::find(known.begin(), known.end(), r.pack) == known.end()) {
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    throw option_error("pack", "no key pack \"" + r.pack + "\" in " + s.name + " (known: " +
                      (list.empty() ? "none" : list) + ")");
  }
  const pack_type type = type_of_pack(s, r.pack).value_or(pack_type::per_device);
  if (!r.goal) r.goal = type == pack_type::per_user ? size_goal::compliance : size_goal::no_refusal;
  check_goal_fits(*r.goal, type, r.pack);
  if (!(r.confidence > 0) || !(r.confidence < 1)) throw option_error("confidence", "must be between 0 and 1 (exclusive)");
  if (!(r.probability > 0) || !(r.probability < 1))
    throw option_error("probability", "must be between 0 and 1 (exclusive)");
  if (r.max_refused < 0) throw option_error("max_refused", "must be 0 or more");
  const std::uint64_t need = min_size_replications(r.probability, r.confidence);
  if (r.replications < need) {
    char p[32], c[32];
    std::snprintf(p, sizeof p, "%.15g", r.probability);
    std::snprintf(c, sizeof c, "%.15g", r.confidence);
    throw option_error("replications", std::to_string(r.replications) + " is too few for a probability of " + p +
                      " at confidence " + c + ": even if every replication met the goal, the lower bound of the "
                      "interval would stay below " + p + "; use at least " + std::to_string(need));
  }
}

std::vector<size_threshold> size_thresholds(const scenario& s, const size_request& r, std::uint64_t first,
                                            std::uint64_t count) {
  std::vector<size_threshold> out(count);
  progress_bar bar("sizing replications", count, r.progress);  // each one's whole search: the bar's time left is the search's
  run_indexed(
      count, r.threads, [&](std::size_t i) { out[i] = threshold_of(s, r, first + i); }, r.progress ? &bar : nullptr);
  return out;
}

size_result decide_size(const std::vector<size_threshold>& thresholds, const size_request& r) {
  size_search search(thresholds, r);
  size_result out;
  for (const auto& t : thresholds) out.pilot_peak = std::max(out.pilot_peak, t.peak);
  const size_candidate pilot = search.evaluate(size_search_bound);
  if (!pilot.meets) {
    out.candidates = search.candidates();
    return out;
  }

  std::int64_t ok = size_search_bound;  // smallest count known to meet
  std::optional<std::int64_t> fail;      // largest count known to fail
  const std::int64_t hi = out.pilot_peak;
  if (hi < size_search_bound) {
    if (search.evaluate(hi).meets) {
      ok = hi;
    } else {
      fail = hi;  // the end-of-day peak missed an intra-day one: double upwards
      for (std::int64_t c = std::max<std::int64_t>(hi, 1) * 2; c < size_search_bound; c *= 2) {
        if (search.evaluate(c).meets) {
          ok = c;
          break;
        }
        fail = c;
      }
    }
  }
  // Bracket downwards from the smallest meeting count, halving until one fails.
  while (!fail && ok > 0) {
    const std::int64_t c = ok / 2;
    if (search.evaluate(c).meets)
      ok = c;
    else
      fail = c;
  }
  // Bisect (fail, ok]: the target is taken as monotone in the count.
  while (fail && ok - *fail > 1) {
    const std::int64_t mid = *fail + (ok - *fail) / 2;
    if (search.evaluate(mid).meets)
      ok = mid;
    else
      fail = mid;
  }
  out.answer = ok;
  out.candidates = search.candidates();
  return out;
}

size_result find_size(const scenario& s, size_request r) {
  check_size_request(s, r);
  return decide_size(size_thresholds(s, r, 0, r.replications), r);
}

}  // namespace calsim::detail
