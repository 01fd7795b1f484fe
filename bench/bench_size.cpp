// Issue 14: `calsim size` against one `calsim run` of the same scenario, side
// by side in one invocation: the README's worked example (estate-600-people,
// 365 days, --probability 0.95 --confidence 0.95, 2 threads). Both are the
// whole commands, as a user types them (files included), in-process.
#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "cli/cli.hpp"

namespace {

double seconds_of(const std::vector<std::string>& args) {
  std::vector<const char*> argv{"calsim"};
  for (const auto& a : args) argv.push_back(a.c_str());
  const auto t0 = std::chrono::steady_clock::now();
  const int code = calsim::detail::run_cli(static_cast<int>(argv.size()), argv.data());
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (code != 0) throw std::runtime_error("calsim " + args.front() + " failed with exit " + std::to_string(code));
  return s;
}

void BM_SizeVersusRun(benchmark::State& state) {
  const std::string scenario = CALSIM_SOURCE_DIR "/scenarios/estate-600-people.json";
  const auto dir = std::filesystem::temp_directory_path() / "calsim-bench-size";
  double run_s = 0, size_s = 0;
  for (auto _ : state) {
    run_s = seconds_of({"run", scenario, "-o", (dir / "run").string(), "--replace", "--quiet"});
    size_s = seconds_of({"size", scenario, "--pack", "LS1/DEV22", "--probability", "0.95", "--confidence", "0.95",
                         "--threads", "2", "-o", (dir / "size").string(), "--replace", "--quiet"});
  }
  std::filesystem::remove_all(dir);
  state.counters["run_s"] = run_s;
  state.counters["size_s"] = size_s;
  state.counters["size/run"] = size_s / run_s;
}
BENCHMARK(BM_SizeVersusRun)->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
