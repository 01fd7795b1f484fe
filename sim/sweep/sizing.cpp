// The sizing search of `calsim size` (OUTPUTS.md):
//
//  * Common random numbers: every candidate count runs the same replication
//    indices 0..N-1 (so the same streams, derived from seed, replication and
//    name); only the pack's count differs, set in the typed scenario.
//  * A candidate meets the target when the two-sided Clopper–Pearson interval
//    at level C for p_ok, the fraction of replications with at most K refused
//    connections over the run, has ci_low ≥ C.
//  * Pilot: the pack count set to size_search_bound (in effect unlimited). If
//    the pilot does not meet the target, no count does: the answer is null.
//    Else hi = the largest end-of-day issued count of the pack over the
//    pilot's replications; with common random numbers the pool never binds at
//    hi, so hi behaves like the pilot. (Issued counts are sampled at the end
//    of each day: should hi fail after all, the search doubles it until a
//    count meets, up to the bound.)
//  * Bracketing downwards from hi (hi/2, hi/4, … until one fails, or 0 meets),
//    then bisection between the largest failing and the smallest meeting
//    count. This assumes meeting the target is monotone in the count.
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

struct replication_outcome {
  std::int64_t refused = 0;
  std::int64_t peak = 0;  // the pack's largest end-of-day issued count
};

class size_search {
 public:
  size_search(const scenario& s, const size_request& r) : s_(s), r_(r) {}

  // Runs the N replications at `count` (once per count).
  const size_candidate& evaluate(std::int64_t count) {
    if (const auto it = tried_.find(count); it != tried_.end()) return it->second;
    scenario s = s_;
    set_pack_count(s, r_.pack, count);
    outcomes_.assign(r_.replications, {});
    const std::string label = count == size_search_bound ? "pilot (unlimited)" : "count " + std::to_string(count);
    progress_bar bar(label, r_.replications, r_.progress);
    run_indexed(
        r_.replications, r_.threads,
        [&](std::size_t i) {
          run_options o;
          o.replication = i;  // common random numbers: the same indices for every count
          o.trace = false;
          o.keep_daily = false;
          o.snapshots = false;
          run_observer ignore;
          const run_result res = run_scenario(s, o, ignore);
          outcomes_[i].refused = res.connections_refused;
          const auto peak = res.peak_issued.find(r_.pack);
          outcomes_[i].peak = peak == res.peak_issued.end() ? 0 : peak->second;
        },
        r_.progress ? &bar : nullptr);

    size_candidate c;
    c.count = count;
    c.replications = static_cast<std::int64_t>(r_.replications);
    for (const auto& o : outcomes_) c.ok += o.refused <= r_.max_refused;
    c.p_ok = static_cast<double>(c.ok) / static_cast<double>(c.replications);
    const interval ci = clopper_pearson(c.ok, c.replications, r_.confidence);
    c.ci_low = ci.low;
    c.ci_high = ci.high;
    c.meets = ci.low >= r_.confidence;
    return tried_.emplace(count, c).first->second;
  }

  std::int64_t last_peak() const {
    std::int64_t m = 0;
    for (const auto& o : outcomes_) m = std::max(m, o.peak);
    return m;
  }

  std::vector<size_candidate> candidates() const {
    std::vector<size_candidate> out;
    for (const auto& [count, c] : tried_) out.push_back(c);  // std::map: by count
    return out;
  }

 private:
  const scenario& s_;
  const size_request& r_;
  std::vector<replication_outcome> outcomes_;
  std::map<std::int64_t, size_candidate> tried_;
};

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

std::uint64_t min_size_replications(double confidence) {
  return static_cast<std::uint64_t>(min_trials_for(confidence));
}

size_result find_size(const scenario& s, const size_request& r) {
  const auto known = pack_labels_of(s);
  if (std::find(known.begin(), known.end(), r.pack) == known.end()) {
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    throw usage_error("--pack: no key pack \"" + r.pack + "\" in " + s.name + " (known: " +
                      (list.empty() ? "none" : list) + ")");
  }
  if (!(r.confidence > 0) || !(r.confidence < 1)) throw usage_error("--confidence must be between 0 and 1 (exclusive)");
  if (r.max_refused < 0) throw usage_error("--max-refused must be 0 or more");
  const std::uint64_t need = min_size_replications(r.confidence);
  if (r.replications < need) {
    char c[32];
    std::snprintf(c, sizeof c, "%.15g", r.confidence);
    throw usage_error("--replications " + std::to_string(r.replications) + " is too few for --confidence " + c +
                      ": even if every replication met the target, the lower bound of the interval would stay "
                      "below " + c + "; use at least " + std::to_string(need));
  }

  size_search search(s, r);
  size_result out;
  const size_candidate pilot = search.evaluate(size_search_bound);
  out.pilot_peak = search.last_peak();
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

}  // namespace calsim::detail
