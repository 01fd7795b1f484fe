// The whole model on generated estates (1k, 10k, 100k persistent workday
// clients over 365 days): events per second and bytes per client. No output
// files: this measures the engine and the licensing model (calsim run --stats
// measures the whole command).
#include <benchmark/benchmark.h>

#include <cstdint>

#include "calsim/load.hpp"
#include "calsim/run.hpp"
#include "estate.hpp"
#include "rss.hpp"

namespace {

void BM_ModelYear(benchmark::State& state) {
  const auto clients = state.range(0);
  const calsim::scenario s = calsim::load_scenario_text(calsim::bench::estate_json(clients, 365), "estate.json");
  calsim::run_observer silent;
  calsim::run_options opts;
  opts.keep_daily = false;
  opts.snapshots = false;
  opts.group_days = false;  // the model alone: groups.csv's daily scan belongs to `calsim run`'s outputs
  std::int64_t events = 0;
  std::int64_t before = calsim::bench::current_rss_bytes();
  std::int64_t grew = 0;
  calsim::run_result::memory_use mem;
  for (auto _ : state) {
    const calsim::run_result r = calsim::run_scenario(s, opts, silent);
    events += r.events_processed;
    mem = r.memory;
    benchmark::DoNotOptimize(r.connections_attempted);
    grew = std::max(grew, calsim::bench::peak_rss_bytes() - before);
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["events"] = static_cast<double>(events) / static_cast<double>(state.iterations());
  const auto per_client = [&](double bytes) { return bytes / static_cast<double>(clients); };
  // The target: bytes per client for the clients' state and the pending events,
  // plus the issued-license database (reported apart), plus the process's peak RSS growth.
  state.counters["bytes/client"] = per_client(static_cast<double>(mem.clients + mem.events));
  state.counters["db bytes/client"] = per_client(static_cast<double>(mem.databases));
  state.counters["rss/client"] = per_client(static_cast<double>(grew));
}
BENCHMARK(BM_ModelYear)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
