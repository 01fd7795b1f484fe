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
constexpr const char* replace_help =
    "Replace the output folder even if it holds files calsim did not write (they are deleted)";

// run/explain/sweep/size: a bundled scenario's name stands for its catalog path.
const CLI::Validator scenario_name(
    [](std::string& arg) {
      try {
        arg = resolve_scenario(arg);
        return std::string();
      } catch (const usage_error& e) {
        return std::string(e.what());
      }
    },
    "SCENARIO");

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
// Everything the subcommands bind to: it outlives parsing.
struct cli_state {
  int argc = 0;
  const char* const* argv = nullptr;
  int code = 0;
  run_command run;
  std::vector<std::string> validate_files, validate_sets;
  std::vector<std::string> test_paths, test_sets;
  corpus_command corpus;
  explain_command explain;
  import_command import;
  sweep_command sweep;
  std::optional<std::string> sweep_seed, size_seed;
  size_command size;
  merge_command merge;
  std::optional<std::string> rule_id;
};

// run, validate, test, corpus, explain, list, schema: one scenario at a time.
void add_single_run_commands(CLI::App& app, cli_state& st) {

  auto* run_cmd = app.add_subcommand("run", "Run one replication and write its files");
  run_cmd->add_option("scenario", st.run.scenario, "Scenario JSON file, or a bundled scenario's name")->required()->transform(scenario_name);
  run_cmd->add_option("-o,--out", st.run.out_dir, "Output folder (default out/<scenario name>/)");
  run_cmd->add_option("--seed", st.run.seed, "Override the scenario's seed");
  run_cmd->add_option("--set", st.run.sets, "Override a value: /json/pointer=value (repeatable)");
  run_cmd->add_flag("--no-expect", st.run.no_expect, "Do not judge the scenario's expect list (summary.json: expectations_skipped, exit 0)");
  run_cmd->add_flag("--trace", st.run.trace, "Also write trace.jsonl (message level)");
  run_cmd->add_flag("--quiet", st.run.quiet, "No progress or summary on the terminal");
  run_cmd->add_flag("--stats", st.run.stats, "Print events processed, events/s and peak memory");
  run_cmd->add_flag("--all-clients", st.run.all_clients,
                    "Write registry/ and tsctst/ files (and truth.json entries) for every client, not only the first "
                    "1,000 and those a failure mode touched");
  run_cmd->add_flag("--replace", st.run.replace, replace_help);
  run_cmd->callback([&st] {
    for (int i = 0; i < st.argc; ++i) st.run.argv.emplace_back(st.argv[i]);
    st.code = command_run(st.run);
  });

  auto* validate_cmd = app.add_subcommand("validate", "Check scenarios without running them");
  validate_cmd->add_option("scenarios", st.validate_files, "Scenario JSON files, or bundled scenarios' names")->required()->transform(scenario_name);
  validate_cmd->add_option("--set", st.validate_sets, "Override a value in every file: /json/pointer=value (repeatable)");
  validate_cmd->callback([&st] { st.code = command_validate(st.validate_files, st.validate_sets); });

  auto* test_cmd = app.add_subcommand("test", "Run the expectations of scenarios (files or folders)");
  test_cmd->add_option("paths", st.test_paths, "Scenario files or folders (default: the bundled catalog)");
  test_cmd->add_option("--set", st.test_sets, "Override a value in every scenario: /json/pointer=value (repeatable)");
  test_cmd->callback([&st] { st.code = command_test(st.test_paths, st.test_sets); });

  auto* corpus_cmd = app.add_subcommand(
      "corpus", "Run every scenario into DIR/<name>/ with every file: a labelled dataset for testing other tools");
  corpus_cmd->add_option("paths", st.corpus.paths, "Scenario files or folders")->required();
  corpus_cmd->add_option("-o,--out", st.corpus.out_dir, "Output folder")->required();
  corpus_cmd->add_option("--set", st.corpus.sets, "Override a value in every scenario: /json/pointer=value (repeatable)");
  corpus_cmd->add_flag("--quiet", st.corpus.quiet, "No summary on the terminal");
  corpus_cmd->add_flag("--replace", st.corpus.replace, replace_help);
  corpus_cmd->callback([&st] { st.code = command_corpus(st.corpus); });

  auto* explain_cmd = app.add_subcommand("explain", "Tell the story of one client in plain sentences (--client, --first-refused), or list the refused (--refused)");
  explain_cmd->add_option("scenario", st.explain.scenario, "Scenario JSON file, or a bundled scenario's name")->required()->transform(scenario_name);
  auto* client_opt = explain_cmd->add_option("--client", st.explain.client, "Client name");
  auto* refused_opt = explain_cmd->add_flag("--refused", st.explain.refused,
                                            "List the refused clients: how often, first refusal and why");
  auto* first_opt = explain_cmd->add_flag("--first-refused", st.explain.first_refused,
                                          "Tell the story of the first client refused");
  client_opt->excludes(refused_opt)->excludes(first_opt);
  refused_opt->excludes(first_opt);
  explain_cmd->add_option("--from", st.explain.from, "First date told (YYYY-MM-DD)");
  explain_cmd->add_option("--to", st.explain.to, "Last date told (YYYY-MM-DD)");
  explain_cmd->add_option("--set", st.explain.sets, "Override a value: /json/pointer=value (repeatable)");
  explain_cmd->callback([&st] { st.code = command_explain(st.explain); });

  auto* list_cmd = app.add_subcommand("list", "The bundled scenarios with their descriptions");
  list_cmd->callback([&st] { st.code = command_list(); });

  auto* import_cmd = app.add_subcommand(
      "import", "Write a scenario that starts from a license server's Win32_TSIssuedLicense export (today's pool)");
  import_cmd->add_option("issued", st.import.issued, "Win32_TSIssuedLicense Export-Csv file")->required();
  import_cmd->add_option("--key-packs", st.import.key_packs, "Win32_TSLicenseKeyPack Export-Csv file (pack sizes and versions)");
  import_cmd->add_option("-o,--out", st.import.out, "The scenario file to write (.json)")->required();
  import_cmd->add_option("--start", st.import.start, "The scenario's start (default: the day after the newest IssueDate)");
  import_cmd->add_option("--days", st.import.days, "The scenario's length in days (default 365)")->check(CLI::Range(1, 36500));
  import_cmd->add_flag("--replace", st.import.replace, "Overwrite the scenario file if it exists");
  import_cmd->callback([&st] { st.code = command_import(st.import); });

  auto* rules_cmd = app.add_subcommand("rules", "List the licensing rules, or print one with the scenarios and tests that show it");
  rules_cmd->add_option("id", st.rule_id, "A rule id, e.g. R-DEV-7");
  rules_cmd->callback([&st] { st.code = command_rules(st.rule_id); });

  auto* schema_cmd = app.add_subcommand("schema", "Print the scenario format as a JSON Schema (draft 2020-12)");
  schema_cmd->callback([&st] { st.code = command_schema(); });
}

// sweep, size, merge: many replications, possibly in shards.
void add_replication_commands(CLI::App& app, cli_state& st) {
  auto* sweep_cmd = app.add_subcommand("sweep", "Run N replications and write percentile bands per day and pack");
  sweep_cmd->add_option("scenario", st.sweep.scenario, "Scenario JSON file, or a bundled scenario's name")->required()->transform(scenario_name);
  sweep_cmd->add_option("--replications", st.sweep.replications, "Number of replications N")->required();
  sweep_cmd->add_option("--threads", st.sweep.threads, "Worker threads (default: all hardware threads)")
      ->check(CLI::Validator(check_threads, "N"));
  sweep_cmd->add_option("-o,--out", st.sweep.out_dir, "Output folder (default out/<scenario name>-sweep/)");
  sweep_cmd->add_option("--seed", st.sweep_seed, "Override the scenario's seed");
  sweep_cmd->add_option("--set", st.sweep.sets, "Override a value: /json/pointer=value (repeatable)");
  sweep_cmd->add_option("--shard", st.sweep.shard,
                        "Run only shard I of N (1-based) and write sweep-<scenario>-seed<S>-shard-I-of-N.json for "
                        "calsim merge");
  sweep_cmd->add_flag("--quiet", st.sweep.quiet, "No progress or summary on the terminal");
  sweep_cmd->add_flag("--replace", st.sweep.replace, replace_help);
  sweep_cmd->callback([&st] {
    st.sweep.seed = checked_seed(st.sweep_seed, st.sweep.scenario, st.sweep.sets);
    st.code = command_sweep(st.sweep);
  });

  auto* size_cmd = app.add_subcommand("size", "Find the smallest pack count that meets a goal (no-refusal, no-shortage, compliance)");
  size_cmd->add_option("scenario", st.size.scenario, "Scenario JSON file, or a bundled scenario's name")->required()->transform(scenario_name);
  size_cmd->add_option("--pack", st.size.pack, "The key pack to size, as SERVER/PACK")->required();
  size_cmd->add_option("--goal", st.size.goal,
                       "no-refusal (at most K refused), no-shortage (no event 21) or compliance (no over-used "
                       "per-user CAL); default: compliance for a per-user pack, no-refusal otherwise");
  size_cmd->add_option("--max-refused", st.size.max_refused, "Refused connections allowed per replication (default 0)");
  size_cmd->add_option("--probability", st.size.probability,
                       "Fraction P of replications that must meet the goal (default 0.95)");
  size_cmd->add_option("--replications", st.size.replications,
                       "Replications per candidate count (default 100, or the fewest that can meet C)");
  size_cmd->add_option("--confidence", st.size.confidence,
                       "Level C of the interval around P (default 0.95): its lower bound must reach P");
  size_cmd->add_option("--threads", st.size.threads, "Worker threads (default: all hardware threads)")
      ->check(CLI::Validator(check_threads, "N"));
  size_cmd->add_option("-o,--out", st.size.out_dir, "Output folder (default out/<scenario name>-size/)");
  size_cmd->add_option("--seed", st.size_seed, "Override the scenario's seed");
  size_cmd->add_option("--set", st.size.sets, "Override a value: /json/pointer=value (repeatable)");
  size_cmd->add_option("--shard", st.size.shard,
                       "Size only shard I of N of the replications (1-based) and write "
                       "size-<scenario>-seed<S>-shard-I-of-N.json for calsim merge");
  size_cmd->add_flag("--quiet", st.size.quiet, "No progress or table on the terminal");
  size_cmd->add_flag("--replace", st.size.replace, replace_help);
  size_cmd->callback([&st] {
    st.size.seed = checked_seed(st.size_seed, st.size.scenario, st.size.sets);
    st.code = command_size(st.size);
  });

  auto* merge_cmd = app.add_subcommand("merge", "Merge the shard files of a sweep (or a size search) into sweep.csv and report.html (or size.json)");
  merge_cmd->add_option("shards", st.merge.shards, "The shard files (sweep-NAME-seedS-shard-I-of-N.json or size-NAME-seedS-shard-I-of-N.json)")->required();
  merge_cmd->add_flag("--check", st.merge.check,
                      "Only list the shards (by number) that are missing or damaged; exit 0 when all are sound");
  merge_cmd->add_option("-o,--out", st.merge.out_dir, "Output folder (default out/<scenario name>-sweep/ or -size/)");
  merge_cmd->add_flag("--quiet", st.merge.quiet, "No summary on the terminal");
  merge_cmd->add_flag("--replace", st.merge.replace, replace_help);
  merge_cmd->callback([&st] { st.code = command_merge(st.merge); });
}

}  // namespace

int run_cli(int argc, const char* const* argv) {
  CLI::App app{"calsim: a discrete-event simulator of Remote Desktop Services licensing"};
  app.set_version_flag("--version", "calsim " + build_label());
  app.require_subcommand(1);
  cli_state st;
  st.argc = argc;
  st.argv = argv;
  add_single_run_commands(app, st);
  add_replication_commands(app, st);

  try {
    try {
      app.parse(argc, argv);
    } catch (const std::bad_alloc&) {  // a command without phases of its own: name the command (issue 19)
      const auto used = app.get_subcommands();
      throw out_of_memory("running calsim " + (used.empty() ? std::string("") : used.front()->get_name()));
    }
    return st.code;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "calsim: " << e.what() << "\n(see calsim --help)\n";
    return static_cast<int>(exit_code::usage);
  } catch (...) {
    return report_error(std::current_exception(), std::cerr);
  }
}

}  // namespace calsim::detail
