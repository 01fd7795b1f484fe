// The subcommands, one file each. Each returns its exit code; errors are
// thrown and mapped by report_error().
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "calsim/run.hpp"
#include "calsim/scenario.hpp"

namespace calsim::detail {

struct run_command {
  std::string scenario;
  std::string out_dir;
  std::optional<std::string> seed;  // as given; checked by the loader as --set /seed=
  std::vector<std::string> sets;
  bool trace = false;
  bool quiet = false;
  bool stats = false;
  bool no_expect = false;  // --no-expect: expectations not judged; summary.json says so
  bool replace = false;    // --replace: the folder may hold files calsim did not write
  bool all_clients = false;  // --all-clients: registry/ and tsctst/ for every client (default: the first 1,000 and the flagged)
  std::vector<std::string> argv;  // the command line, recorded in summary.json
};
int command_run(const run_command& cmd);

int command_validate(const std::vector<std::string>& files, const std::vector<std::string>& sets = {});
int command_test(const std::vector<std::string>& paths, const std::vector<std::string>& sets = {});

// `calsim corpus` (cmd_corpus.cpp): every scenario run into DIR/<name>/ with every file.
struct corpus_command {
  std::vector<std::string> paths;
  std::string out_dir;
  std::vector<std::string> sets;
  bool quiet = false;
  bool replace = false;
};
int command_corpus(const corpus_command& cmd);
int command_list();
// `calsim schema` (cmd_schema.cpp): the scenario format as a JSON Schema on stdout.
int command_schema();
// `calsim rules [ID]` (cmd_rules.cpp): the rules, or one rule with the catalog runs that cite it.
int command_rules(const std::optional<std::string>& id);

struct explain_command {
  std::string scenario;
  std::optional<std::string> client;
  bool refused = false;        // --refused: list the refused clients
  bool first_refused = false;  // --first-refused: the first refused client's story
  std::optional<std::string> from, to;
  std::vector<std::string> sets;
};
int command_explain(const explain_command& cmd);

// `calsim import` (cmd_import.cpp).
struct import_command {
  std::string issued, out;
  std::optional<std::string> key_packs, start;
  int days = 365;
  bool replace = false;
};
int command_import(const import_command& cmd);

// `calsim sweep` (cmd_sweep.cpp).
struct sweep_command {
  std::string scenario;
  std::string out_dir;  // default out/<scenario name>-sweep/
  std::optional<std::uint64_t> seed;
  std::vector<std::string> sets;
  std::uint64_t replications = 0;
  unsigned threads = 0;  // 0 = std::thread::hardware_concurrency()
  std::string shard;     // "I/N" (1-based): write a shard file (shard_file.hpp) instead of sweep.csv
  bool quiet = false;
  bool replace = false;
};
int command_sweep(const sweep_command& cmd);

// `calsim size` (cmd_size.cpp).
struct size_command {
  std::string scenario;
  std::string out_dir;  // default out/<scenario name>-size/
  std::optional<std::uint64_t> seed;
  std::vector<std::string> sets;
  std::string pack;  // SERVER/PACK
  std::optional<std::string> goal;  // no-refusal | no-shortage | compliance (default: by the pack's type)
  std::int64_t max_refused = 0;
  std::optional<std::uint64_t> replications;  // default: max(100, the fewest that can show P with confidence C)
  double probability = 0.95;
  double confidence = 0.95;
  unsigned threads = 0;
  std::string shard;  // "I/N": size that share of the replications, write a shard file for calsim merge
  bool quiet = false;
  bool replace = false;
};
int command_size(const size_command& cmd);

// `calsim merge` (cmd_merge.cpp).
struct merge_command {
  std::vector<std::string> shards;
  std::string out_dir;  // default out/<scenario name>-sweep/ (or -size/)
  bool check = false;   // --check: list missing or damaged shards, merge nothing
  bool quiet = false;
  bool replace = false;
};
int command_merge(const merge_command& cmd);

// --shard I/N (shard_option.cpp): 0/0 when `text` is empty (no sharding).
struct shard_spec {
  std::uint64_t index = 0, shards = 0;
};
shard_spec parse_shard(const std::string& text, std::uint64_t replications);

// Shared helpers (scenario_files.cpp).
// A --seed value: a decimal integer from 0 to 2^64-1, else nullopt (the caller
// then lets the loader report `--set /seed=VALUE`, so both read the same).
std::optional<std::uint64_t> parse_seed(const std::string& text);
// Whether a JSON file is a scenario: a JSON object with a "calsim" member at top
// level. Files that are not JSON at all count as scenarios (the loader reports them).
bool looks_like_scenario(const std::string& path);
std::string bundled_scenario_dir();
// A bundled scenario's name (no '/', no .json, not an existing file) -> its catalog path.
std::string resolve_scenario(const std::string& arg);
// Every *.json under each path (files as given, folders searched recursively), sorted.
std::vector<std::string> scenario_files(const std::vector<std::string>& paths);
// "metric op value, got x at t" for a failed expectation.
std::string describe_failure(const run_result::expectation_outcome& o);
bool all_passed(const run_result& r);

}  // namespace calsim::detail
