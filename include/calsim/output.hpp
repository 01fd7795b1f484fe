// The files of `calsim run` (../shared/spec/OUTPUTS.md), streamed as the run
// goes and each one complete or not there at all.
//
//   output_set out(s, dir, {.trace = trace});   // opens the streamed files (temporary names)
//   run_result r = run_scenario(s, opts, out);  // rows are written as records arrive
//   out.finish(r, info);                        // end-of-run files, then every file renamed into place
//
// If the run throws, the output_set is destroyed without finish(): every
// temporary file is removed and no output file appears (old ones stay).
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "calsim/run.hpp"
#include "calsim/scenario.hpp"
#include "calsim/version.hpp"

namespace calsim {

// An output file could not be written (disk full, no permission, ...).
struct output_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct output_options {
  bool trace = false;                    // write trace.jsonl (--trace)
  std::size_t report_event_limit = 500;  // events listed in report.html's table
  bool replace = false;                  // --replace: the folder may hold files calsim did not write
  // true: the files are written into a staging folder beside the target and
  // swapped in as one set by finish(), with a manifest.json naming them (the
  // target holds the complete previous run or the complete new one). false:
  // written straight into the folder, which the caller commits (a corpus).
  bool own_folder = true;
};

// How the run was made: recorded in summary.json so any output says how to reproduce it.
struct run_info {
  std::string calsim_version = version_string;
  std::string calsim_commit = build_commit;  // the git commit of the build
  std::uint64_t seed = 0;                     // the seed used (after --seed)
  std::uint64_t replication = 0;
  std::optional<std::uint64_t> seed_option;   // --seed as given, if any
  std::vector<std::string> sets;              // --set arguments as given
  std::vector<std::string> argv;              // the command line
  std::string scenario_file;                  // the scenario path as given
  bool expectations_skipped = false;          // run --no-expect: summary.json says so
};

// Default output folder: out/<scenario name>/.
std::filesystem::path default_output_dir(const scenario& s);

// Writes every file of `calsim run` into one folder. The scenario must outlive it.
class output_set final : public run_observer {
 public:
  output_set(const scenario& s, std::filesystem::path dir, output_options options = {});
  ~output_set() override;
  output_set(const output_set&) = delete;
  output_set& operator=(const output_set&) = delete;

  void on_event(const log_event& e) override;
  void on_trace(const trace_message& m) override;
  void on_pack_day(const pack_day& d) override;
  void on_host_day(const host_day& d) override;
  void on_group_day(const group_day& d) override;
  void on_issued_license(const issued_license_row& r) override;
  void on_events_start() override;
  void on_events_done() override;

  // The stories of report.html's "clients to look at" (client -> text), told
  // by a second pass (calsim run does it; see clients_to_look_at). Optional.
  void set_stories(std::map<std::string, std::string> stories);

  // Writes summary.json, issued_licenses.csv, key_packs.csv, registry/<node>.reg
  // and report.html, then commits (renames) every file. Throws output_error.
  void finish(const run_result& result, const run_info& info);

  const std::filesystem::path& directory() const;
  // Paths of the files committed by finish(), in the order written.
  const std::vector<std::filesystem::path>& files() const;
  // Seconds finish() spent per phase (end-of-run files, commit), in order.
  const std::vector<std::pair<std::string, double>>& phase_seconds() const;
  // When the run's event loop started and ended (on_events_start/_done; the
  // clock's epoch when it did not): --stats' stages of the simulation.
  std::chrono::steady_clock::time_point events_started() const;
  std::chrono::steady_clock::time_point events_done() const;

 private:
  struct impl;
  std::unique_ptr<impl> impl_;
};

// A regedit export of one node's registry: UTF-16 LE with BOM, CRLF
// ("Windows Registry Editor Version 5.00"). Returns the file's bytes.
std::string format_reg_file(const node_registry& registry);
// Parses such a file back (the forms format_reg_file writes). Throws output_error.
std::vector<reg_key> parse_reg_file(std::string_view bytes);

}  // namespace calsim
