// `calsim sweep` (OUTPUTS.md): N replications, sweep.csv and report.html with
// percentile bands; with --shard I/N only a slice, written for `calsim merge`.
#include <chrono>
#include <iostream>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "calsim/version.hpp"
#include "cli/commands.hpp"
#include "cli/phase.hpp"
#include "output/folder_transaction.hpp"
#include "sweep/progress_bar.hpp"
#include "sweep/replication_pool.hpp"
#include "sweep/scenario_hash.hpp"
#include "sweep/shard_file.hpp"
#include "sweep/sweep_output.hpp"
#include "sweep/sweep_run.hpp"

namespace calsim::detail {

int command_sweep(const sweep_command& cmd) {
  if (cmd.replications < 1 || cmd.replications > max_sweep_replications)
    throw usage_error("--replications must be from 1 to " + std::to_string(max_sweep_replications));
  const shard_spec shard = parse_shard(cmd.shard, cmd.replications);
  std::vector<std::string> sets = cmd.sets;
  if (cmd.seed) sets.push_back("/seed=" + std::to_string(*cmd.seed));  // validated like the file
  const auto started = std::chrono::steady_clock::now();
  const scenario s = in_phase("loading the scenario", [&] { return load_scenario_file(cmd.scenario, sets); });
  // The scenario as loaded: the file's JSON with --set and --seed applied.
  sweep_header header = make_sweep_header(s, scenario_hash(cmd.scenario, sets), cmd.replications);

  const std::filesystem::path dir = cmd.out_dir.empty() ? default_sweep_dir(s.name) : std::filesystem::path(cmd.out_dir);
  // The folder is checked before the replications run (a foreign folder is refused at once).
  std::optional<folder_transaction> txn;
  if (!shard.shards) txn.emplace(dir, cmd.replace);

  const replication_range range =
      shard.shards ? shard_range(cmd.replications, shard.index, shard.shards) : replication_range{0, cmd.replications};
  const unsigned threads = effective_threads(cmd.threads, range.count);
  const sweep_results r = in_phase("running the replications", [&] {
    return run_sweep(s, std::move(header), range.first, range.count, threads, progress_bar::wanted(cmd.quiet));
  });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  std::vector<std::filesystem::path> written;
  if (shard.shards) {
    written.push_back(in_phase("writing the shard", [&] { return write_shard(r, shard.index, shard.shards, dir); }));
  } else {
    const auto files = in_phase("writing the outputs", [&] { return write_sweep_outputs(r, txn->staging()); });
    for (const auto& f : files) written.push_back(dir / f.filename());
    txn->commit({"sweep", s.name, s.seed, version_string});
    written.push_back(dir / "manifest.json");
  }

  if (!cmd.quiet) {
    std::cout << s.name << ": " << range.count << " replications";
    if (shard.shards)
      std::cout << " (" << range.first << " to " << range.first + range.count - 1 << " of " << cmd.replications
                << ", shard " << shard.index << "/" << shard.shards << ")";
    std::cout << " on " << threads << (threads == 1 ? " thread" : " threads") << " in " << seconds << " s\n";
    for (const auto& f : written) std::cout << "wrote " << f.string() << "\n";
  }
  return 0;
}

}  // namespace calsim::detail
