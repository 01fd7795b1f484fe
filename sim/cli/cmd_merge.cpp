// `calsim merge`: the shard files of a sweep (`calsim sweep --shard I/N`)
// into the sweep.csv and report.html a single run would have written.
#include <iostream>

#include "cli/commands.hpp"
#include "sweep/shard_file.hpp"
#include "sweep/sweep_output.hpp"

namespace calsim::detail {

int command_merge(const merge_command& cmd) {
  std::vector<std::filesystem::path> files(cmd.shards.begin(), cmd.shards.end());
  const sweep_results r = merge_shards(files);  // usage_error (exit 2) unless they make one whole sweep
  const std::filesystem::path dir =
      cmd.out_dir.empty() ? default_sweep_dir(r.header.scenario_name) : std::filesystem::path(cmd.out_dir);
  const auto written = write_sweep_outputs(r, dir);
  if (!cmd.quiet) {
    std::cout << r.header.scenario_name << ": merged " << files.size() << (files.size() == 1 ? " shard" : " shards")
              << ", " << r.header.replications << " replications\n";
    for (const auto& f : written) std::cout << "wrote " << f.string() << "\n";
  }
  return 0;
}

}  // namespace calsim::detail
