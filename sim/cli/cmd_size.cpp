// `calsim size` (OUTPUTS.md): the smallest count of a pack that meets a
// refusal target with confidence C; the method is described in
// sim/sweep/sizing.cpp. Prints the candidates and the answer, writes size.json.
#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "cli/commands.hpp"
#include "output/atomic_file.hpp"
#include "sweep/progress_bar.hpp"
#include "sweep/sizing.hpp"
#include "sweep/sweep_output.hpp"

namespace calsim::detail {
namespace {

std::string fixed6(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", v);
  return buf;
}

// The confidence as given, shortest form ("0.95").
std::string shortest(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", v);
  return buf;
}

std::string size_json(const size_request& req, const size_result& res, std::uint64_t seed) {
  std::string o = "{\n  \"pack\": " + nlohmann::json(req.pack).dump() + ",\n  \"answer\": " +
                  (res.answer ? std::to_string(*res.answer) : "null") + ",\n  \"target\": {\"max_refused\": " +
                  std::to_string(req.max_refused) + ", \"confidence\": " + shortest(req.confidence) +
                  "},\n  \"confidence\": " + shortest(req.confidence) + ",\n  \"replications\": " +
                  std::to_string(req.replications) + ",\n  \"seed\": " + std::to_string(seed) +
                  ",\n  \"search_bound\": " + std::to_string(size_search_bound) +
                  ",\n  \"pilot_peak\": " + std::to_string(res.pilot_peak) + ",\n  \"candidates\": [";
  for (std::size_t i = 0; i < res.candidates.size(); ++i) {
    const auto& c = res.candidates[i];
    o += i ? ",\n    " : "\n    ";
    o += "{\"count\": " + std::to_string(c.count) + ", \"ok\": " + std::to_string(c.ok) + ", \"p_ok\": " +
         fixed6(c.p_ok) + ", \"ci_low\": " + fixed6(c.ci_low) + ", \"ci_high\": " + fixed6(c.ci_high) +
         ", \"meets\": " + (c.meets ? "true" : "false") + "}";
  }
  o += res.candidates.empty() ? "]\n}\n" : "\n  ]\n}\n";
  return o;
}

}  // namespace

int command_size(const size_command& cmd) {
  if (!(cmd.confidence > 0) || !(cmd.confidence < 1))
    throw usage_error("--confidence must be between 0 and 1 (exclusive), got " + shortest(cmd.confidence));
  if (cmd.max_refused < 0) throw usage_error("--max-refused must be 0 or more");
  const std::uint64_t need = min_size_replications(cmd.confidence);
  const std::uint64_t replications = cmd.replications.value_or(std::max<std::uint64_t>(100, need));
  if (replications < 1 || replications > max_sweep_replications)
    throw usage_error("--replications must be from 1 to " + std::to_string(max_sweep_replications));
  if (replications < need)
    throw usage_error("--replications " + std::to_string(replications) + " is too few for --confidence " +
                      shortest(cmd.confidence) + ": even if every replication met the target, the lower bound of "
                      "the interval would stay below " + shortest(cmd.confidence) + "; use at least " +
                      std::to_string(need));

  std::vector<std::string> sets = cmd.sets;
  if (cmd.seed) sets.push_back("/seed=" + std::to_string(*cmd.seed));
  const scenario s = load_scenario_file(cmd.scenario, sets);

  size_request req;
  req.pack = cmd.pack;
  req.max_refused = cmd.max_refused;
  req.confidence = cmd.confidence;
  req.replications = replications;
  req.threads = cmd.threads;
  req.progress = progress_bar::wanted(cmd.quiet);
  const size_result res = find_size(s, req);  // usage_error for an unknown --pack

  const std::filesystem::path dir =
      cmd.out_dir.empty() ? default_sweep_dir(s.name, "-size") : std::filesystem::path(cmd.out_dir);
  atomic_file f(dir / "size.json");
  f.write(size_json(req, res, s.seed));
  f.commit();

  if (!cmd.quiet) {
    std::cout << s.name << ": sizing " << req.pack << " for at most " << req.max_refused
              << " refused per replication with confidence " << shortest(req.confidence) << " (" << replications
              << " replications per count)\n";
    std::printf("%12s %6s %10s %10s %10s\n", "count", "ok", "p_ok", "ci_low", "ci_high");
    for (const auto& c : res.candidates)
      std::printf("%12lld %6lld %10s %10s %10s%s\n", static_cast<long long>(c.count), static_cast<long long>(c.ok),
                  fixed6(c.p_ok).c_str(), fixed6(c.ci_low).c_str(), fixed6(c.ci_high).c_str(),
                  c.count == size_search_bound ? "  (pilot: unlimited)" : c.meets ? "  meets" : "");
    std::fflush(stdout);
    std::cout << "pilot (unlimited): at most " << res.pilot_peak << " issued at the end of a day\n";
    if (res.answer)
      std::cout << "answer: " << *res.answer << "\n";
    else
      std::cout << "answer: none (not even " << size_search_bound << " meets the target)\n";
    std::cout << "wrote " << f.target().string() << "\n";
  }
  return res.answer ? 0 : static_cast<int>(exit_code::expectation_failed);
}

}  // namespace calsim::detail
