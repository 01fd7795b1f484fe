// `calsim corpus SCENARIO_OR_DIR... -o DIR`: every scenario run into
// DIR/<name>/ with every file `calsim run --trace` writes (the same output
// code), plus DIR/index.json listing them: a labelled dataset for testing
// another tool against known answers (README, "A labelled corpus").
#include <filesystem>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "calsim/output.hpp"
#include "calsim/run.hpp"
#include "cli/commands.hpp"
#include "calsim/version.hpp"
#include "output/atomic_file.hpp"
#include "output/folder_transaction.hpp"

namespace calsim::detail {

int command_corpus(const corpus_command& cmd) {
  // Load everything first: a bad scenario or two scenarios with one name stop
  // the command before anything is written (exit 2).
  std::vector<std::pair<std::string, scenario>> loaded;
  std::map<std::string, std::string> file_of_name;
  int skipped = 0;
  for (const auto& f : scenario_files(cmd.paths)) {
    if (!looks_like_scenario(f)) {
      ++skipped;
      continue;
    }
    scenario s = load_scenario_file(f, cmd.sets);
    if (const auto [it, fresh] = file_of_name.emplace(s.name, f); !fresh)
      throw usage_error("two scenarios are named \"" + s.name + "\" (" + it->second + " and " + f +
                        "): each needs its own folder; set \"name\" in one of them");
    loaded.emplace_back(f, std::move(s));
  }
  if (loaded.empty()) throw usage_error("no scenario found in the paths given");

  // One transaction for the whole corpus: every scenario's folder, then index.json.
  folder_transaction txn(cmd.out_dir, cmd.replace);
  const std::filesystem::path target(cmd.out_dir);
  const std::filesystem::path& dir = txn.staging();
  nlohmann::ordered_json index = nlohmann::ordered_json::array();
  for (const auto& [file, s] : loaded) {
    output_options out_options;
    out_options.trace = true;
    out_options.own_folder = false;
    output_set out(s, dir / s.name, out_options);
    run_options options;
    options.trace = true;
    options.keep_daily = false;
    options.keep_issued_licenses = false;  // streamed to issued_licenses.csv
    const run_result r = run_scenario(s, options, out);
    run_info info;
    info.seed = s.seed;
    info.sets = cmd.sets;
    info.argv = {"calsim", "corpus", file, "-o", cmd.out_dir};
    info.scenario_file = file;
    out.finish(r, info);
    nlohmann::ordered_json files = nlohmann::ordered_json::array();
    std::size_t n = 0;
    for (const auto& p : out.files()) {
      ++n;
      const std::string rel = p.lexically_relative(dir / s.name).generic_string();
      if (rel.rfind("registry/", 0) != 0 && rel.rfind("tsctst/", 0) != 0) files.push_back(rel);
    }
    index.push_back({{"name", s.name},
                     {"scenario", file},
                     {"seed", s.seed},
                     {"folder", s.name},
                     {"files", files},
                     {"file_count", n}});
    if (!cmd.quiet) std::cout << s.name << ": " << n << " files in " << (target / s.name).string() << "\n";
  }
  atomic_file f(dir / "index.json");
  f.write(index.dump(2) + "\n");
  f.commit();
  txn.commit({"corpus", "", std::nullopt, version_string});
  if (!cmd.quiet)
    std::cout << "corpus: " << loaded.size() << " scenarios into " << target.string() << " (" << skipped
              << " JSON files that are not scenarios skipped)\n";
  return 0;
}

}  // namespace calsim::detail
