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
  std::int64_t events = 0;
  std::int64_t before = calsim::bench::current_rss_bytes();
  std::int64_t grew = 0;
  for (auto _ : state) {
    const calsim::run_result r = calsim::run_scenario(s, opts, silent);
    events += r.events_processed;
    benchmark::DoNotOptimize(r.connections_attempted);
    grew = std::max(grew, calsim::bench::peak_rss_bytes() - before);
  }
  state.counters["events/s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  state.counters["events"] = static_cast<double>(events) / static_cast<double>(state.iterations());
  state.counters["bytes/client"] = static_cast<double>(grew) / static_cast<double>(clients);
}
BENCHMARK(BM_ModelYear)->Arg(1000)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
