#include "sweep/shard_file.hpp"

#include <nlohmann/json.hpp>

#include "calsim/errors.hpp"
#include "core/calendar.hpp"
#include "output/atomic_file.hpp"
#include "output/pending_output.hpp"
#include "output/csv.hpp"
#include "sweep/shard_set.hpp"

namespace calsim::detail {
namespace {

using nlohmann::json;

constexpr const char* kind = "sweep";

void append_ints(std::string& o, const std::vector<std::int64_t>& v) {
  o += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) o += ',';
    append_int(o, v[i]);
  }
  o += ']';
}

template <class T>
T field(const json& j, const char* name, const std::string& file) {
  try {
    return j.at(name).get<T>();
  } catch (const json::exception&) {
    throw usage_error(file + ": not a calsim sweep shard (missing or bad \"" + std::string(name) + "\")");
  }
}

// The sweep's own members of an opened shard.
sweep_results decode(const opened_shard& s) {
  const std::string file = s.file.string();
  const json& j = s.doc;
  sweep_results r;
  sweep_header& h = r.header;
  h.calsim_version = s.id.calsim_version;
  h.calsim_commit = s.id.calsim_commit;
  h.scenario_name = s.id.scenario_name;
  h.scenario_hash = s.id.scenario_hash;
  h.seed = s.id.seed;
  h.replications = s.id.replications;
  h.description = field<std::string>(j, "description", file);
  const auto start = parse_iso(field<std::string>(j, "start", file));
  if (!start) throw usage_error(file + ": not a calsim sweep shard (bad \"start\")");
  h.start = *start;
  h.days = field<std::size_t>(j, "days", file);
  h.pack_labels = field<std::vector<std::string>>(j, "packs", file);
  r.first = s.first;
  const auto results = field<json>(j, "results", file);
  if (!results.is_array() || results.size() != s.count)
    throw usage_error(file + ": incomplete shard (\"count\" is " + std::to_string(s.count) + ", " +
                      std::to_string(results.is_array() ? results.size() : 0) + " results)");
  r.results.resize(s.count);
  for (std::size_t i = 0; i < s.count; ++i) {
    const json& x = results[i];
    const auto index = field<std::uint64_t>(x, "replication", file);
    auto& out = r.results[i];
    out.issued = field<std::vector<std::vector<std::int64_t>>>(x, "issued", file);
    out.refused = field<std::vector<std::int64_t>>(x, "refused", file);
    bool ok = index == r.first + i && out.refused.size() == h.days && out.issued.size() == h.pack_labels.size();
    for (const auto& p : out.issued) ok = ok && p.size() == h.days;
    if (!ok)
      throw usage_error(file + ": replication " + std::to_string(index) +
                        " does not fit the shard's header (index, days or packs)");
  }
  return r;
}

}  // namespace

shard_identity sweep_shard_identity(const sweep_header& h, std::uint64_t index, std::uint64_t shards) {
  shard_identity id;
  id.kind = kind;
  id.calsim_version = h.calsim_version;
  id.calsim_commit = h.calsim_commit;
  id.scenario_name = h.scenario_name;
  id.scenario_hash = h.scenario_hash;
  id.seed = h.seed;
  id.replications = h.replications;
  id.index = index;
  id.shards = shards;
  return id;
}

std::string shard_json(const sweep_results& r, std::uint64_t index, std::uint64_t shards) {
  const sweep_header& h = r.header;
  std::string o = "\"description\":" + json(h.description).dump();
  o += ",\n\"start\":" + json(format_date(h.start)).dump();
  o += ",\n\"days\":" + std::to_string(h.days);
  o += ",\n\"packs\":" + json(h.pack_labels).dump();
  o += ",\n\"results\":[";
  for (std::size_t i = 0; i < r.results.size(); ++i) {
    o += i ? ",\n" : "\n";
    o += "{\"replication\":" + std::to_string(r.first + i) + ",\"issued\":[";
    for (std::size_t p = 0; p < r.results[i].issued.size(); ++p) {
      if (p) o += ',';
      append_ints(o, r.results[i].issued[p]);
    }
    o += "],\"refused\":";
    append_ints(o, r.results[i].refused);
    o += '}';
  }
  o += "]";
  return seal_shard(sweep_shard_identity(h, index, shards), r.first, r.results.size(), o);
}

std::filesystem::path write_shard(const sweep_results& r, std::uint64_t index, std::uint64_t shards,
                                  const std::filesystem::path& dir) {
  atomic_file f(dir / shard_file_name(sweep_shard_identity(r.header, index, shards)));
  const pending_output on_signal(f.temp_path());  // a shard folder is shared: only the temporary goes
  f.write(shard_json(r, index, shards));
  f.commit();
  return f.target();
}

sweep_results read_shard(const std::filesystem::path& file) { return decode(open_shard(file, kind)); }

sweep_results merge_shards(const std::vector<std::filesystem::path>& files) {
  if (files.empty()) throw usage_error("merge needs at least one shard file");
  const shard_set set = check_shards(files, kind);
  require_complete(set);
  sweep_results merged;
  for (const auto& s : set.sound) {
    sweep_results r = decode(s);
    const std::string file = s.file.string();
    if (merged.results.empty()) {
      merged.header = r.header;
      merged.results.resize(r.header.replications);
    } else {
      // The scenario hash covers these; a shard that passed its checksum
      // and disagrees was written by a calsim with a bug.
      const sweep_header& a = merged.header;
      const sweep_header& b = r.header;
      if (b.start != a.start || b.days != a.days || b.pack_labels != a.pack_labels || b.description != a.description)
        throw usage_error(file + ": same scenario hash as " + set.sound.front().file.string() +
                          " but other start, days, packs or description");
    }
    for (std::size_t i = 0; i < r.results.size(); ++i) merged.results[r.first + i] = std::move(r.results[i]);
  }
  merged.first = 0;
  return merged;
}

}  // namespace calsim::detail
