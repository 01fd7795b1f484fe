#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "calsim/version.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

namespace calsim::detail {
namespace {

// --threads: a whole number from 1 (CLI11 alone would take "" as 0, and an
// unset $SLURM_CPUS_PER_TASK gives ""); leaving it out means every hardware thread.
std::string check_threads(std::string& text) {
  const bool digits = !text.empty() && text.size() <= 6 && text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoul(text) == 0)
    return "must be a whole number of threads from 1 (leave it out for every hardware thread), got \"" + text + "\"";
  return {};
}

}  // namespace

namespace {
// --seed of sweep and size: a value that is not an integer from 0 to 2^64-1 is
// reported exactly as `--set /seed=VALUE` (the loader's message, exit 2).
std::optional<std::uint64_t> checked_seed(const std::optional<std::string>& text, const std::string& scenario,
                                          std::vector<std::string> sets) {
  if (!text) return std::nullopt;
  if (const auto v = parse_seed(*text)) return v;
  sets.push_back("/seed=" + *text);
  (void)load_scenario_file(scenario, sets);  // throws scenario_error naming /seed
  throw usage_error("--seed must be an integer from 0 to 18446744073709551615, got " + *text);
}
}  // namespace

int run_cli(int argc, const char* const* argv) {
  CLI::App app{"calsim: a discrete-event simulator of Remote Desktop Services licensing"};
  app.set_version_flag("--version", "calsim " + build_label());
  app.require_subcommand(1);
  int code = 0;

  run_command run;
  auto* run_cmd = app.add_subcommand("run", "Run one replication and write its files");
  run_cmd->add_option("scenario", run.scenario, "Scenario JSON file")->required();
  run_cmd->add_option("-o,--out", run.out_dir, "Output folder (default out/<scenario name>/)");
  run_cmd->add_option("--seed", run.seed, "Override the scenario's seed");
  run_cmd->add_option("--set", run.sets, "Override a value: /json/pointer=value (repeatable)");
  run_cmd->add_flag("--trace", run.trace, "Also write trace.jsonl (message level)");
  run_cmd->add_flag("--quiet", run.quiet, "No progress or summary on the terminal");
  run_cmd->add_flag("--stats", run.stats, "Print events processed, events/s and peak memory");
  run_cmd->callback([&] {
    for (int i = 0; i < argc; ++i) run.argv.emplace_back(argv[i]);
    code = command_run(run);
  });

  std::vector<std::string> validate_files, validate_sets;
  auto* validate_cmd = app.add_subcommand("validate", "Check scenarios without running them");
  validate_cmd->add_option("scenarios", validate_files, "Scenario JSON files")->required();
  validate_cmd->add_option("--set", validate_sets, "Override a value in every file: /json/pointer=value (repeatable)");
  validate_cmd->callback([&] { code = command_validate(validate_files, validate_sets); });

  std::vector<std::string> test_paths, test_sets;
  auto* test_cmd = app.add_subcommand("test", "Run the expectations of scenarios (files or folders)");
  test_cmd->add_option("paths", test_paths, "Scenario files or folders (default: the bundled catalog)");
  test_cmd->add_option("--set", test_sets, "Override a value in every scenario: /json/pointer=value (repeatable)");
  test_cmd->callback([&] { code = command_test(test_paths, test_sets); });

  corpus_command corpus;
  auto* corpus_cmd = app.add_subcommand(
      "corpus", "Run every scenario into DIR/<name>/ with every file: a labelled dataset for testing other tools");
  corpus_cmd->add_option("paths", corpus.paths, "Scenario files or folders")->required();
  corpus_cmd->add_option("-o,--out", corpus.out_dir, "Output folder")->required();
  corpus_cmd->add_option("--set", corpus.sets, "Override a value in every scenario: /json/pointer=value (repeatable)");
  corpus_cmd->add_flag("--quiet", corpus.quiet, "No summary on the terminal");
  corpus_cmd->callback([&] { code = command_corpus(corpus); });

  explain_command explain;
  auto* explain_cmd = app.add_subcommand("explain", "Tell the story of one client in plain sentences");
  explain_cmd->add_option("scenario", explain.scenario, "Scenario JSON file")->required();
  explain_cmd->add_option("--client", explain.client, "Client name")->required();
  explain_cmd->add_option("--from", explain.from, "First date told (YYYY-MM-DD)");
  explain_cmd->add_option("--to", explain.to, "Last date told (YYYY-MM-DD)");
  explain_cmd->add_option("--set", explain.sets, "Override a value: /json/pointer=value (repeatable)");
  explain_cmd->callback([&] { code = command_explain(explain); });

  auto* list_cmd = app.add_subcommand("list", "The bundled scenarios with their descriptions");
  list_cmd->callback([&] { code = command_list(); });

  auto* schema_cmd = app.add_subcommand("schema", "Print the scenario format as a JSON Schema (draft 2020-12)");
  schema_cmd->callback([&] { code = command_schema(); });

  sweep_command sweep;
  auto* sweep_cmd = app.add_subcommand("sweep", "Run N replications and write percentile bands per day and pack");
  sweep_cmd->add_option("scenario", sweep.scenario, "Scenario JSON file")->required();
  sweep_cmd->add_option("--replications", sweep.replications, "Number of replications N")->required();
  sweep_cmd->add_option("--threads", sweep.threads, "Worker threads (default: all hardware threads)")
      ->check(CLI::Validator(check_threads, "N"));
  sweep_cmd->add_option("-o,--out", sweep.out_dir, "Output folder (default out/<scenario name>-sweep/)");
  std::optional<std::string> sweep_seed, size_seed;
  sweep_cmd->add_option("--seed", sweep_seed, "Override the scenario's seed");
  sweep_cmd->add_option("--set", sweep.sets, "Override a value: /json/pointer=value (repeatable)");
  sweep_cmd->add_option("--shard", sweep.shard,
                        "Run only shard I of N (1-based) and write sweep-<scenario>-seed<S>-shard-I-of-N.json for "
                        "calsim merge");
  sweep_cmd->add_flag("--quiet", sweep.quiet, "No progress or summary on the terminal");
  sweep_cmd->callback([&] {
    sweep.seed = checked_seed(sweep_seed, sweep.scenario, sweep.sets);
    code = command_sweep(sweep);
  });

  size_command size;
  auto* size_cmd = app.add_subcommand("size", "Find the smallest pack count that meets a refusal target");
  size_cmd->add_option("scenario", size.scenario, "Scenario JSON file")->required();
  size_cmd->add_option("--pack", size.pack, "The key pack to size, as SERVER/PACK")->required();
  size_cmd->add_option("--max-refused", size.max_refused, "Refused connections allowed per replication (default 0)");
  size_cmd->add_option("--replications", size.replications,
                       "Replications per candidate count (default 100, or the fewest that can meet C)");
  size_cmd->add_option("--confidence", size.confidence, "Confidence C (default 0.95)");
  size_cmd->add_option("--threads", size.threads, "Worker threads (default: all hardware threads)")
      ->check(CLI::Validator(check_threads, "N"));
  size_cmd->add_option("-o,--out", size.out_dir, "Output folder (default out/<scenario name>-size/)");
  size_cmd->add_option("--seed", size_seed, "Override the scenario's seed");
  size_cmd->add_option("--set", size.sets, "Override a value: /json/pointer=value (repeatable)");
  size_cmd->add_option("--shard", size.shard,
                       "Size only shard I of N of the replications (1-based) and write "
                       "size-<scenario>-seed<S>-shard-I-of-N.json for calsim merge");
  size_cmd->add_flag("--quiet", size.quiet, "No progress or table on the terminal");
  size_cmd->callback([&] {
    size.seed = checked_seed(size_seed, size.scenario, size.sets);
    code = command_size(size);
  });

  merge_command merge;
  auto* merge_cmd = app.add_subcommand("merge", "Merge the shard files of a sweep (or a size search) into sweep.csv and report.html (or size.json)");
  merge_cmd->add_option("shards", merge.shards, "The shard files (sweep-NAME-seedS-shard-I-of-N.json or size-NAME-seedS-shard-I-of-N.json)")->required();
  merge_cmd->add_flag("--check", merge.check,
                      "Only list the shards (by number) that are missing or damaged; exit 0 when all are sound");
  merge_cmd->add_option("-o,--out", merge.out_dir, "Output folder (default out/<scenario name>-sweep/ or -size/)");
  merge_cmd->add_flag("--quiet", merge.quiet, "No summary on the terminal");
  merge_cmd->callback([&] { code = command_merge(merge); });

  try {
    app.parse(argc, argv);
    return code;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "calsim: " << e.what() << "\n(see calsim --help)\n";
    return static_cast<int>(exit_code::usage);
  } catch (...) {
    return report_error(std::current_exception(), std::cerr);
  }
}

}  // namespace calsim::detail
