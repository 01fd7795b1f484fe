#include <algorithm>
#include <iostream>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "calsim/run.hpp"
#include "cli/commands.hpp"
#include "cli/exit_codes.hpp"

namespace calsim::detail {

// OUTPUTS.md `calsim test`: one line per scenario with expectations, then
// "N passed, N failed, N skipped". Skipped: JSON files that are not scenarios
// (no "calsim" member at top level, e.g. a run's own summary.json) and
// scenarios without expectations.
int command_test(const std::vector<std::string>& paths, const std::vector<std::string>& sets) {
  const auto files = scenario_files(paths.empty() ? std::vector<std::string>{bundled_scenario_dir()} : paths);
  int passed = 0, failed = 0, skipped = 0, not_loaded = 0, worst = 0, scenarios = 0;
  for (const auto& f : files) {
    try {
      if (!looks_like_scenario(f)) {
        ++skipped;
        std::cout << "SKIP " << f << ": not a scenario (no \"calsim\" member)\n";
        continue;
      }
      ++scenarios;
      const scenario s = load_scenario_file(f, sets);
      if (s.expect.empty()) {
        ++skipped;
        std::cout << "SKIP " << s.name << ": no expectations\n";
        continue;
      }
      run_options options;
      options.keep_daily = false;
      options.snapshots = false;
      options.group_days = false;
      run_observer quiet;
      const run_result r = run_scenario(s, options, quiet);
      if (all_passed(r)) {
        ++passed;
        std::cout << "PASS " << s.name << '\n';
        continue;
      }
      ++failed;
      for (const auto& o : r.expectations)
        if (!o.passed) std::cout << "FAIL " << s.name << ": " << describe_failure(o) << '\n';
    } catch (...) {
      ++not_loaded;
      std::cout << "FAIL " << f << ": could not run (see below)\n";
      // A scenario that does not load is exit 2; an internal error, 3 (the worst one wins).
      worst = std::max(worst, report_error(std::current_exception(), std::cout));
    }
  }
  std::cout << passed << " passed, " << failed + not_loaded << " failed, " << skipped << " skipped";
  if (not_loaded > 0) std::cout << " (" << not_loaded << " could not be run)";
  std::cout << '\n';
  if (scenarios == 0) {
    std::cerr << "calsim: no scenario found in the paths given (files with a \"calsim\" member at top level)\n";
    return static_cast<int>(exit_code::usage);
  }
  if (worst != 0) return worst;
  return failed == 0 ? 0 : static_cast<int>(exit_code::expectation_failed);
}

}  // namespace calsim::detail
