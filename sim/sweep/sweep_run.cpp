#include "sweep/sweep_run.hpp"

#include "calsim/errors.hpp"
#include "calsim/run.hpp"
#include "calsim/version.hpp"
#include "sweep/replication_pool.hpp"

namespace calsim::detail {

sweep_header make_sweep_header(const scenario& s, std::string scenario_hash, std::uint64_t replications) {
  sweep_header h;
  h.calsim_version = version_string;
  h.calsim_commit = build_commit;
  h.scenario_name = s.name;
  h.description = s.description;
  h.scenario_hash = std::move(scenario_hash);
  h.seed = s.seed;
  h.replications = replications;
  h.start = day_floor(s.start);
  return h;
}

sweep_results run_sweep(const scenario& s, sweep_header header, std::uint64_t first, std::uint64_t count,
                        unsigned threads, bool progress) {
  sweep_results out;
  out.first = first;
  out.results.resize(count);
  std::vector<std::vector<std::string>> labels(count);

  progress_bar bar("replications", count, progress);
  run_indexed(
      count, threads,
      [&](std::size_t i) {
        run_options o;
        o.replication = first + i;
        o.trace = false;
        o.keep_daily = true;
        o.snapshots = false;
        run_observer ignore;
        run_result r = run_scenario(s, o, ignore);
        out.results[i].issued = std::move(r.daily.issued);
        out.results[i].refused = std::move(r.daily.refused);
        labels[i] = std::move(r.daily.pack_labels);
      },
      progress ? &bar : nullptr);

  if (count > 0) {
    header.pack_labels = labels[0];
    header.days = out.results[0].refused.size();
  }
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto& r = out.results[i];
    bool same = labels[i] == header.pack_labels && r.refused.size() == header.days &&
                r.issued.size() == header.pack_labels.size();
    for (const auto& p : r.issued) same = same && p.size() == header.days;
    if (!same)
      throw invariant_error("sweep-shape", "replication " + std::to_string(first + i) +
                                               " has other days or packs than replication " + std::to_string(first));
  }
  out.header = std::move(header);
  return out;
}

replication_range shard_range(std::uint64_t replications, std::uint64_t index, std::uint64_t shards) {
  if (shards == 0 || index < 1 || index > shards) throw option_error("shard", "I/N needs 1 <= I <= N");
  const auto lo = replications * (index - 1) / shards, hi = replications * index / shards;
  return {lo, hi - lo};
}

}  // namespace calsim::detail
