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
  int passed = 0, failed = 0, skipped = 0;
  for (const auto& f : files) {
    try {
      if (!looks_like_scenario(f)) {
        ++skipped;
        std::cout << "SKIP " << f << ": not a scenario (no \"calsim\" member)\n";
        continue;
      }
      const scenario s = load_scenario_file(f, sets);
      if (s.expect.empty()) {
        ++skipped;
        std::cout << "SKIP " << s.name << ": no expectations\n";
        continue;
      }
      run_options options;
      options.keep_daily = false;
      options.snapshots = false;
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
      ++failed;
      std::cout << "FAIL " << f << ": could not run (see below)\n";
      report_error(std::current_exception(), std::cout);
    }
  }
  std::cout << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
  return failed == 0 ? 0 : static_cast<int>(exit_code::expectation_failed);
}

}  // namespace calsim::detail
