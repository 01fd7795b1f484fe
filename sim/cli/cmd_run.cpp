// `calsim run`: one replication, its files, and a short summary on stdout.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <iostream>
#include <limits>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "calsim/output.hpp"
#include "calsim/run.hpp"
#include "cli/commands.hpp"
#include "cli/phase.hpp"
#include "core/calendar.hpp"
#include "core/process_memory.hpp"
#include "output/look_at.hpp"
#include "output/story.hpp"

namespace calsim::detail {
namespace {

// report.html's clients to look at, with their stories (issue 15): a second,
// traced pass of the same replication tells them. Estates over 20,000 clients
// skip it (the report then names the explain command instead).
void tell_stories(const scenario& s, const run_result& r, std::uint64_t replication, std::int64_t clients,
                  output_set& out) {
  const auto rows = clients_to_look_at(r.truth);
  if (rows.empty() || clients > 20000) return;
  std::vector<std::string> names;
  for (const auto& row : rows) names.push_back(row.client);
  story_book book(names, s.start, s.end);
  run_options o;
  o.replication = replication;
  o.trace = true;
  o.snapshots = false;
  o.keep_daily = false;
  o.group_days = false;
  in_phase("telling the stories of the clients to look at", [&] { run_scenario(s, o, book); });
  book.finish();
  std::map<std::string, std::string> stories;
  for (const auto& n : names) stories[n] = book.story(n);
  out.set_stories(std::move(stories));
}

// The simulation's three stages (--stats): set-up (clients, servers, the
// first events), the event loop (with the files it streams: timeline.csv,
// connections.csv, groups.csv, events.jsonl) and the end-of-run tables
// (truth.json's, issued licenses, registry and stores; then the model's state
// is freed, counted here too), in seconds.
struct simulation_stages {
  double set_up = 0, events = 0, tables = 0;
  double total() const { return set_up + events + tables; }
};

simulation_stages stages_of(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to,
                            const output_set& out) {
  using seconds = std::chrono::duration<double>;
  const auto started = std::max(from, std::min(out.events_started(), to));
  const auto done = std::max(started, std::min(out.events_done(), to));
  return {seconds(started - from).count(), seconds(done - started).count(), seconds(to - done).count()};
}

// --stats (issue 18): throughput, memory and where the time went. Memory:
// what the run's arrays hold at its end (run_result::memory) plus what the
// process held before it, against the peak resident set.
void print_stats(const run_result& r, std::int64_t clients, const simulation_stages& sim, double seconds,
                 double loaded, std::int64_t rss_before, const output_set& out) {
  const std::int64_t per = std::max<std::int64_t>(1, clients);
  const std::int64_t mib = 1024 * 1024;
  const std::int64_t accounted = r.memory.total() + rss_before;
  const std::int64_t peak = peak_rss_bytes();
  std::cout << "events processed: " << r.events_processed << " (connections " << r.connections_attempted
            << ", of which routine, decided without a decision record: " << r.routine_connections << ")\n"
            << "events/s: " << static_cast<std::int64_t>(static_cast<double>(r.events_processed) / std::max(sim.events, 1e-6))
            << " (event loop " << sim.events << " s; simulation " << sim.total() << " s: set-up " << sim.set_up
            << ", event loop " << sim.events << ", end-of-run tables " << sim.tables << "; wall " << seconds
            << " s in all, including loading and writing the files)\n"
            << "memory: " << accounted / per << " bytes per client at the end of the run (clients "
            << r.memory.clients / per << ", pending events " << r.memory.events / per << ", license databases "
            << r.memory.databases / per << ", truth.json's recorder " << r.memory.truth / per
            << ", the process before the run " << rss_before / mib << " MiB)\n"
            << "peak memory: " << peak / mib << " MiB resident (" << peak / per << " bytes per client); accounted "
            << accounted / mib << " MiB, " << (peak > 0 ? 100 * accounted / peak : 0) << " % of it\n"
            << "phases (s): load " << loaded << "; set-up " << sim.set_up << "; event loop, with the streamed files "
            << sim.events << "; end-of-run tables " << sim.tables;
  for (const auto& [phase, secs] : out.phase_seconds()) std::cout << "; " << phase << " " << secs;
  std::cout << "\n";
}

}  // namespace

int command_run(const run_command& cmd) {
  std::vector<std::string> sets = cmd.sets;
  if (cmd.seed) sets.push_back("/seed=" + *cmd.seed);  // validated like the file (--set /seed=)
  const auto started = std::chrono::steady_clock::now();
  scenario s = in_phase("loading the scenario", [&] { return load_scenario_file(cmd.scenario, sets); });
  const double loaded = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (cmd.no_expect) s.expect.clear();  // --no-expect: nothing judged, exit 0

  const std::filesystem::path dir = cmd.out_dir.empty() ? default_output_dir(s) : std::filesystem::path(cmd.out_dir);
  output_options out_options;
  out_options.trace = cmd.trace;
  out_options.replace = cmd.replace;
  output_set out(s, dir, out_options);

  run_options options;
  options.trace = cmd.trace;
  options.keep_daily = false;
  options.keep_issued_licenses = false;  // streamed to issued_licenses.csv
  if (cmd.all_clients) options.registry_client_limit = std::numeric_limits<std::size_t>::max();
  const std::int64_t rss_before = current_rss_bytes();  // --stats: what the process held before the run
  const auto simulated_from = std::chrono::steady_clock::now();
  const run_result r = in_phase("simulating", [&] { return run_scenario(s, options, out); });
  const simulation_stages simulated = stages_of(simulated_from, std::chrono::steady_clock::now(), out);

  std::int64_t clients = 0;  // every group, those added by add_clients too
  for (const auto& g : s.clients) clients += g.count;
  tell_stories(s, r, options.replication, clients, out);

  run_info info;
  info.seed = s.seed;
  if (cmd.seed) info.seed_option = s.seed;
  info.sets = cmd.sets;
  info.argv = cmd.argv;
  info.scenario_file = cmd.scenario;
  info.expectations_skipped = cmd.no_expect;
  in_phase("writing the outputs", [&] { out.finish(r, info); });
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  if (!cmd.quiet) {
    std::cout << s.name << ": " << r.connections_attempted << " connections, " << r.connections_refused
              << " refused, " << r.temporaries_issued << " temporary and " << r.permanents_issued
              << " permanent CALs issued";
    for (const auto& [pack, peak] : r.peak_issued) std::cout << "; peak " << pack << " " << peak;
    std::cout << "\n";
    if (r.pool_exhausted)  // the architect's forecast: when a device first asked for a permanent CAL and none was left
      std::cout << "pool exhausted: " << format_datetime(*r.pool_exhausted) << "\n";
    if (r.first_refusal) std::cout << "first refusal: " << format_datetime(*r.first_refusal) << "\n";
    for (const auto& o : r.expectations)
      std::cout << (o.passed ? "PASS " : "FAIL ") << (o.passed ? o.spec->metric : describe_failure(o)) << "\n";
    std::cout << "wrote " << out.files().size() << " files to " << dir.string() << "\n";
    if (clients > static_cast<std::int64_t>(options.registry_client_limit))
      std::cout << "registry/, tsctst/ and truth.json: the first " << options.registry_client_limit
                << " clients and the " << r.truth.clients.size() - options.registry_client_limit
                << " a failure mode touched; " << r.truth.clients_left_out << " left out (--all-clients writes them all)\n";
  }
  if (cmd.stats) print_stats(r, clients, simulated, seconds, loaded, rss_before, out);
  return all_passed(r) ? 0 : static_cast<int>(exit_code::expectation_failed);
}

}  // namespace calsim::detail
