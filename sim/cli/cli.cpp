#include "cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "calsim/errors.hpp"
#include "calsim/version.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

namespace calsim::detail {

int run_cli(int argc, const char* const* argv) {
  CLI::App app{"calsim: a discrete-event simulator of Remote Desktop Services licensing"};
  app.set_version_flag("--version", std::string("calsim ") + version_string);
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

  std::vector<std::string> validate_files;
  auto* validate_cmd = app.add_subcommand("validate", "Check scenarios without running them");
  validate_cmd->add_option("scenarios", validate_files, "Scenario JSON files")->required();
  validate_cmd->callback([&] { code = command_validate(validate_files); });

  std::vector<std::string> test_paths;
  auto* test_cmd = app.add_subcommand("test", "Run the expectations of scenarios (files or folders)");
  test_cmd->add_option("paths", test_paths, "Scenario files or folders (default: the bundled catalog)");
  test_cmd->callback([&] { code = command_test(test_paths); });

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

  for (const char* name : {"sweep", "size"}) {
    auto* later = app.add_subcommand(name, "Not yet implemented (Monte Carlo sizing)");
    later->allow_extras();
    later->callback([name] { throw usage_error(std::string(name) + " is not implemented yet"); });
  }

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
