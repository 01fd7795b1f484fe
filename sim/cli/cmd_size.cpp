// `calsim size` (OUTPUTS.md): the smallest count of a pack that meets a
// refusal target with confidence C; the method is described in
// sim/sweep/sizing.cpp. Prints the candidates and the answer, writes size.json;
// with --shard I/N sizes only that share of the replications and writes a
// shard file for `calsim merge` (size_shard.hpp).
#include <algorithm>
#include <iostream>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "calsim/version.hpp"
#include "cli/commands.hpp"
#include "cli/phase.hpp"
#include "output/folder_transaction.hpp"
#include "sweep/progress_bar.hpp"
#include "sweep/scenario_hash.hpp"
#include "sweep/size_output.hpp"
#include "sweep/size_shard.hpp"
#include "sweep/sizing.hpp"
#include "sweep/sweep_data.hpp"
#include "sweep/sweep_output.hpp"
#include "sweep/sweep_run.hpp"

namespace calsim::detail {

int command_size(const size_command& cmd) {
  if (!(cmd.confidence > 0) || !(cmd.confidence < 1))
    throw usage_error("--confidence must be between 0 and 1 (exclusive), got " + shortest_number(cmd.confidence));
  if (!(cmd.probability > 0) || !(cmd.probability < 1))
    throw usage_error("--probability must be between 0 and 1 (exclusive), got " + shortest_number(cmd.probability));
  if (cmd.max_refused < 0) throw usage_error("--max-refused must be 0 or more");
  std::optional<size_goal> goal;
  if (cmd.goal && !(goal = parse_goal(*cmd.goal)))
    throw usage_error("--goal must be no-refusal, no-shortage or compliance, got \"" + *cmd.goal + "\"");
  const std::uint64_t need = min_size_replications(cmd.probability, cmd.confidence);
  const std::uint64_t replications = cmd.replications.value_or(std::max<std::uint64_t>(100, need));
  if (replications < 1 || replications > max_sweep_replications)
    throw usage_error("--replications must be from 1 to " + std::to_string(max_sweep_replications));
  if (replications < need)
    throw usage_error("--replications " + std::to_string(replications) + " is too few for --probability " +
                      shortest_number(cmd.probability) + " at --confidence " + shortest_number(cmd.confidence) +
                      ": even if every replication met the goal, the lower bound of the interval would stay below " +
                      shortest_number(cmd.probability) + "; use at least " + std::to_string(need));
  const shard_spec shard = parse_shard(cmd.shard, replications);

  std::vector<std::string> sets = cmd.sets;
  if (cmd.seed) sets.push_back("/seed=" + std::to_string(*cmd.seed));
  const scenario s = in_phase("loading the scenario", [&] { return load_scenario_file(cmd.scenario, sets); });

  size_request req;
  req.pack = cmd.pack;
  req.goal = goal;
  req.max_refused = cmd.max_refused;
  req.probability = cmd.probability;
  req.confidence = cmd.confidence;
  req.replications = replications;
  req.threads = cmd.threads;
  req.progress = progress_bar::wanted(cmd.quiet);
  check_size_request(s, req);  // usage_error for an unknown --pack or a goal that does not fit it; fills the goal
  const size_origin origin{s.name, s.seed, version_string, build_commit};

  if (shard.shards) {
    const replication_range range = shard_range(replications, shard.index, shard.shards);
    const auto thresholds = size_thresholds(s, req, range.first, range.count);
    const shard_identity id = size_shard_identity(origin, scenario_hash(cmd.scenario, sets), req, shard.index,
                                                  shard.shards);
    const std::filesystem::path dir =
        cmd.out_dir.empty() ? default_sweep_dir(s.name, "-size") : std::filesystem::path(cmd.out_dir);
    const auto file = write_size_shard(id, range.first, thresholds, dir);
    if (!cmd.quiet)
      std::cout << s.name << ": sized replications " << range.first << " to " << range.first + range.count - 1
                << " of " << replications << " (shard " << shard.index << "/" << shard.shards << ")\nwrote "
                << file.string() << "\n";
    return 0;
  }

  const std::filesystem::path dir =
      cmd.out_dir.empty() ? default_sweep_dir(s.name, "-size") : std::filesystem::path(cmd.out_dir);
  folder_transaction txn(dir, cmd.replace);  // checked before the search runs
  size_result res =
      in_phase("running the replications", [&] { return decide_size(size_thresholds(s, req, 0, replications), req); });
  if (res.answer)  // who holds the CALs at the answer (by_group)
    res.by_group = in_phase("running the answer's replications", [&] { return holders_at(s, req, *res.answer); });
  const auto file = dir / write_size_json(req, res, origin, txn.staging()).filename();
  txn.commit({"size", s.name, s.seed, version_string});
  if (!cmd.quiet) {
    print_size_table(std::cout, req, res, origin);
    std::cout << "wrote " << file.string() << "\n";
  }
  return res.answer ? 0 : static_cast<int>(exit_code::expectation_failed);
}

}  // namespace calsim::detail
