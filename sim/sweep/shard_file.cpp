#include "sweep/shard_file.hpp"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "calsim/errors.hpp"
#include "core/calendar.hpp"
#include "output/atomic_file.hpp"
#include "output/csv.hpp"

namespace calsim::detail {
namespace {

using nlohmann::json;

void append_ints(std::string& o, const std::vector<std::int64_t>& v) {
  o += '[';
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) o += ',';
    append_int(o, v[i]);
  }
  o += ']';
}

std::string quoted(const std::string& s) { return json(s).dump(); }

// A field of the shard, with the file named in the error.
template <class T>
T field(const json& j, const char* name, const std::string& file) {
  try {
    return j.at(name).get<T>();
  } catch (const json::exception&) {
    throw usage_error(file + ": not a calsim sweep shard (missing or bad \"" + std::string(name) + "\")");
  }
}

std::string describe_ranges(const std::vector<std::uint64_t>& missing) {
  std::string out;
  std::size_t shown = 0;
  for (std::size_t i = 0; i < missing.size();) {
    std::size_t j = i;
    while (j + 1 < missing.size() && missing[j + 1] == missing[j] + 1) ++j;
    if (shown++ == 8) {
      out += ", …";
      break;
    }
    if (!out.empty()) out += ", ";
    out += std::to_string(missing[i]);
    if (j > i) out += "–" + std::to_string(missing[j]);
    i = j + 1;
  }
  return out;
}

}  // namespace

std::string shard_file_name(std::uint64_t index, std::uint64_t shards) {
  return "sweep-shard-" + std::to_string(index) + "-of-" + std::to_string(shards) + ".json";
}

std::string shard_json(const sweep_results& r, std::uint64_t index, std::uint64_t shards) {
  const sweep_header& h = r.header;
  std::string o = "{\"format\":\"" + std::string(shard_format) + "\",\"format_version\":" +
                  std::to_string(shard_format_version);
  o += ",\n\"calsim_version\":" + quoted(h.calsim_version);
  o += ",\n\"scenario\":" + quoted(h.scenario_name);
  o += ",\n\"description\":" + quoted(h.description);
  o += ",\n\"scenario_hash\":" + quoted(h.scenario_hash);
  o += ",\n\"seed\":" + std::to_string(h.seed);
  o += ",\n\"replications\":" + std::to_string(h.replications);
  o += ",\n\"shard\":" + quoted(std::to_string(index) + "/" + std::to_string(shards));
  o += ",\n\"first\":" + std::to_string(r.first);
  o += ",\n\"count\":" + std::to_string(r.results.size());
  o += ",\n\"start\":" + quoted(format_date(h.start));
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
  o += "]}\n";
  return o;
}

std::filesystem::path write_shard(const sweep_results& r, std::uint64_t index, std::uint64_t shards,
                                  const std::filesystem::path& dir) {
  atomic_file f(dir / shard_file_name(index, shards));
  f.write(shard_json(r, index, shards));
  f.commit();
  return f.target();
}

sweep_results read_shard(const std::filesystem::path& path) {
  const std::string file = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) throw usage_error("cannot read " + file);
  std::ostringstream text;
  text << in.rdbuf();
  json j;
  try {
    j = json::parse(text.str());
  } catch (const json::parse_error& e) {
    throw usage_error(file + ": not a calsim sweep shard (" + e.what() + ")");
  }
  if (!j.is_object() || j.value("format", std::string()) != shard_format)
    throw usage_error(file + ": not a calsim sweep shard (no \"format\": \"" + shard_format + "\")");
  if (field<int>(j, "format_version", file) != shard_format_version)
    throw usage_error(file + ": shard format version " + std::to_string(field<int>(j, "format_version", file)) +
                      " is not supported (this calsim reads " + std::to_string(shard_format_version) + ")");
  sweep_results r;
  sweep_header& h = r.header;
  h.calsim_version = field<std::string>(j, "calsim_version", file);
  h.scenario_name = field<std::string>(j, "scenario", file);
  h.description = field<std::string>(j, "description", file);
  h.scenario_hash = field<std::string>(j, "scenario_hash", file);
  h.seed = field<std::uint64_t>(j, "seed", file);
  h.replications = field<std::uint64_t>(j, "replications", file);
  const auto start = parse_iso(field<std::string>(j, "start", file));
  if (!start) throw usage_error(file + ": not a calsim sweep shard (bad \"start\")");
  h.start = *start;
  h.days = field<std::size_t>(j, "days", file);
  h.pack_labels = field<std::vector<std::string>>(j, "packs", file);
  if (h.replications == 0 || h.replications > max_sweep_replications)
    throw usage_error(file + ": not a calsim sweep shard (bad \"replications\")");
  r.first = field<std::uint64_t>(j, "first", file);
  const auto count = field<std::uint64_t>(j, "count", file);
  const auto results = field<json>(j, "results", file);
  if (!results.is_array() || results.size() != count)
    throw usage_error(file + ": incomplete shard (\"count\" is " + std::to_string(count) + ", " +
                      std::to_string(results.size()) + " results)");
  r.results.resize(count);
  for (std::size_t i = 0; i < count; ++i) {
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
  if (r.first + count > h.replications)
    throw usage_error(file + ": replications " + std::to_string(r.first) + " to " +
                      std::to_string(r.first + count - 1) + " are beyond the sweep's " +
                      std::to_string(h.replications));
  return r;
}

sweep_results merge_shards(const std::vector<std::filesystem::path>& files) {
  if (files.empty()) throw usage_error("merge needs at least one shard file");
  sweep_results merged;
  std::vector<std::int64_t> owner;  // index of the file that holds each replication (-1 = none yet)
  for (std::size_t f = 0; f < files.size(); ++f) {
    sweep_results r = read_shard(files[f]);
    const std::string file = files[f].string();
    if (f == 0) {
      merged.header = r.header;
      owner.assign(r.header.replications, -1);
      merged.results.resize(r.header.replications);
    } else {
      const sweep_header& a = merged.header;
      const sweep_header& b = r.header;
      auto differs = [&](const std::string& what, const std::string& got, const std::string& want) {
        throw usage_error(file + ": from another sweep than " + files[0].string() + ": " + what + " " + got +
                          ", expected " + want);
      };
      if (b.calsim_version != a.calsim_version) differs("calsim version", b.calsim_version, a.calsim_version);
      if (b.scenario_name != a.scenario_name) differs("scenario", b.scenario_name, a.scenario_name);
      if (b.scenario_hash != a.scenario_hash)
        differs("scenario hash (file or --set differ)", b.scenario_hash, a.scenario_hash);
      if (b.seed != a.seed) differs("seed", std::to_string(b.seed), std::to_string(a.seed));
      if (b.replications != a.replications)
        differs("replications", std::to_string(b.replications), std::to_string(a.replications));
      if (b.start != a.start) differs("start", format_date(b.start), format_date(a.start));
      if (b.days != a.days) differs("days", std::to_string(b.days), std::to_string(a.days));
      if (b.pack_labels != a.pack_labels) differs("packs", json(b.pack_labels).dump(), json(a.pack_labels).dump());
      if (b.description != a.description) differs("description", "(other text)", "(the first file's)");
    }
    for (std::size_t i = 0; i < r.results.size(); ++i) {
      const std::uint64_t index = r.first + i;
      if (owner[index] >= 0)
        throw usage_error("replication " + std::to_string(index) + " is in both " +
                          files[static_cast<std::size_t>(owner[index])].string() + " and " + file);
      owner[index] = static_cast<std::int64_t>(f);
      merged.results[index] = std::move(r.results[i]);
    }
  }
  std::vector<std::uint64_t> missing;
  for (std::uint64_t i = 0; i < owner.size(); ++i)
    if (owner[i] < 0) missing.push_back(i);
  if (!missing.empty())
    throw usage_error("the shards do not cover every replication of the sweep (" +
                      std::to_string(merged.header.replications) + "): missing " + std::to_string(missing.size()) +
                      " (" + describe_ranges(missing) + ")");
  merged.first = 0;
  return merged;
}

}  // namespace calsim::detail
