#include "sweep/sweep_output.hpp"

#include "output/atomic_file.hpp"
#include "sweep/sweep_report.hpp"
#include "sweep/sweep_stats.hpp"

namespace calsim::detail {

std::vector<std::filesystem::path> write_sweep_outputs(const sweep_results& r, const std::filesystem::path& dir) {
  const sweep_stats st = compute_sweep_stats(r);
  atomic_file csv(dir / "sweep.csv");
  csv.write(sweep_csv(r.header, st));
  atomic_file html(dir / "report.html");
  html.write(sweep_report_html(r.header, st));
  csv.commit();
  html.commit();
  return {csv.target(), html.target()};
}

std::filesystem::path default_sweep_dir(const std::string& scenario_name, const char* suffix) {
  return std::filesystem::path("out") / (scenario_name + suffix);
}

}  // namespace calsim::detail
