// `calsim merge`: the shard files of a sweep (`calsim sweep --shard I/N`)
// into the sweep.csv and report.html a single run would have written, or those
// of a size search (`calsim size --shard I/N`) into its size.json; with
// --check, only which shards (by number) are missing or damaged.
#include <iostream>

#include "calsim/errors.hpp"
#include "calsim/version.hpp"
#include "cli/commands.hpp"
#include "output/folder_transaction.hpp"
#include "sweep/shard_file.hpp"
#include "sweep/shard_set.hpp"
#include "sweep/size_shard.hpp"
#include "sweep/sweep_output.hpp"

namespace calsim::detail {
namespace {

int merge_size(const merge_command& cmd, const std::vector<std::filesystem::path>& files) {
  const merged_size m = merge_size_shards(files);  // usage_error (exit 2) unless they make one whole search
  const size_result res = decide_size(m.thresholds, m.request);
  const std::filesystem::path dir =
      cmd.out_dir.empty() ? default_sweep_dir(m.origin.scenario_name, "-size") : std::filesystem::path(cmd.out_dir);
  folder_transaction txn(dir, cmd.replace);
  const auto file = dir / write_size_json(m.request, res, m.origin, txn.staging()).filename();
  txn.commit({"merge", m.origin.scenario_name, m.origin.seed, version_string});
  if (!cmd.quiet) {
    std::cout << m.origin.scenario_name << ": merged " << files.size() << (files.size() == 1 ? " shard" : " shards")
              << ", " << m.request.replications << " replications\n";
    print_size_table(std::cout, m.request, res, m.origin);
    std::cout << "wrote " << file.string() << "\n";
  }
  return res.answer ? 0 : static_cast<int>(exit_code::expectation_failed);
}

}  // namespace

int merge_checked(const merge_command& cmd);

int command_merge(const merge_command& cmd) {
  try {
    return merge_checked(cmd);
  } catch (const shard_set_error& e) {
    throw usage_error(std::string(e.what()) + " (calsim merge --check lists the shards to run again)");
  }
}

int merge_checked(const merge_command& cmd) {
  std::vector<std::filesystem::path> files(cmd.shards.begin(), cmd.shards.end());
  const std::string kind = shard_kind_of(files);
  if (cmd.check) {
    const shard_set set = check_shards(files, kind);
    std::cout << describe_shard_set(set);
    return set.complete() ? 0 : static_cast<int>(exit_code::usage);
  }
  if (kind == "size") return merge_size(cmd, files);
  const sweep_results r = merge_shards(files);  // usage_error (exit 2) unless they make one whole sweep
  const std::filesystem::path dir =
      cmd.out_dir.empty() ? default_sweep_dir(r.header.scenario_name) : std::filesystem::path(cmd.out_dir);
  folder_transaction txn(dir, cmd.replace);
  std::vector<std::filesystem::path> written;
  for (const auto& f : write_sweep_outputs(r, txn.staging())) written.push_back(dir / f.filename());
  txn.commit({"merge", r.header.scenario_name, r.header.seed, version_string});
  if (!cmd.quiet) {
    std::cout << r.header.scenario_name << ": merged " << files.size() << (files.size() == 1 ? " shard" : " shards")
              << ", " << r.header.replications << " replications\n";
    for (const auto& f : written) std::cout << "wrote " << f.string() << "\n";
  }
  return 0;
}

}  // namespace calsim::detail
