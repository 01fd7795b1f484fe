#include "sweep/sweep_run.hpp"

#include <sys/resource.h>

#include <fstream>
#include <mutex>
#include <string>

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

std::uint64_t available_memory_bytes() {
  std::uint64_t available = UINT64_MAX;
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::uint64_t kib = 0;
  while (meminfo >> key >> kib) {
    if (key == "MemAvailable:") available = kib * 1024;
    meminfo.ignore(64, '\n');
  }
  rlimit lim{};
  if (::getrlimit(RLIMIT_AS, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY)
    available = std::min<std::uint64_t>(available, lim.rlim_cur);
  return available;
}

std::uint64_t sweep_memory_estimate(const scenario& s, std::uint64_t count) {
  std::uint64_t packs = 1;  // the temporary pack's row is not kept; one spare
  for (const auto& ls : s.license_servers) packs += ls.key_packs.size();
  const auto days = static_cast<std::uint64_t>((s.end - s.start) / 86400 + 2);
  // Per replication: issued [pack][day] and refused [day] as 8-byte integers, and the vectors' headers.
  const std::uint64_t per = (packs + 1) * days * 8 + (packs + 2) * 32;
  return count > UINT64_MAX / per ? UINT64_MAX : count * per;
}

void check_sweep_memory(const scenario& s, std::uint64_t count) {
  const std::uint64_t need = sweep_memory_estimate(s, count), have = available_memory_bytes();
  if (need <= have / 10 * 9) return;
  const auto mib = [](std::uint64_t b) { return std::to_string(b / (1024 * 1024)) + " MiB"; };
  throw usage_error("this sweep would keep about " + mib(need) + " of daily figures (" + std::to_string(count) +
                    " replications), more than the " + mib(have) +
                    " this machine has available; run it in shards (--shard I/N, then calsim merge on a larger "
                    "machine) or with fewer --replications");
}

sweep_results run_sweep(const scenario& s, sweep_header header, std::uint64_t first, std::uint64_t count,
                        unsigned threads, bool progress) {
  check_sweep_memory(s, count);
  sweep_results out;
  out.first = first;
  out.results.resize(count);
  // Every replication's pack labels are compared with the first one's as they
  // arrive (a sweep keeps only its daily figures per replication).
  std::mutex labels_mutex;
  std::vector<std::string> labels;
  std::uint64_t labels_from = 0;
  bool labels_set = false, labels_differ = false;

  progress_bar bar("replications", count, progress);
  run_indexed(
      count, threads,
      [&](std::size_t i) {
        run_options o;
        o.replication = first + i;
        o.trace = false;
        o.keep_daily = true;
        o.snapshots = false;
        o.group_days = false;
        run_observer ignore;
        run_result r = run_scenario(s, o, ignore);
        out.results[i].issued = std::move(r.daily.issued);
        out.results[i].refused = std::move(r.daily.refused);
        std::lock_guard lock(labels_mutex);
        if (!labels_set) {
          labels = std::move(r.daily.pack_labels);
          labels_from = first + i;
          labels_set = true;
        } else if (labels != r.daily.pack_labels) {
          labels_differ = true;
        }
      },
      progress ? &bar : nullptr);

  if (count > 0) {
    header.pack_labels = std::move(labels);
    header.days = out.results[0].refused.size();
  }
  for (std::uint64_t i = 0; i < count; ++i) {
    const auto& r = out.results[i];
    bool same = !labels_differ && r.refused.size() == header.days && r.issued.size() == header.pack_labels.size();
    for (const auto& p : r.issued) same = same && p.size() == header.days;
    if (!same)
      throw invariant_error("sweep-shape", "replication " + std::to_string(first + i) +
                                               " has other days or packs than replication " + std::to_string(labels_from));
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
