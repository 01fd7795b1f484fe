#include "sweep/size_shard.hpp"

#include <nlohmann/json.hpp>

#include "calsim/errors.hpp"
#include "output/atomic_file.hpp"
#include "output/pending_output.hpp"
#include "sweep/shard_set.hpp"

namespace calsim::detail {
namespace {

using nlohmann::json;

constexpr const char* kind = "size";

}  // namespace

shard_identity size_shard_identity(const size_origin& origin, const std::string& scenario_hash,
                                   const size_request& req, std::uint64_t index, std::uint64_t shards) {
  shard_identity id;
  id.kind = kind;
  id.calsim_version = origin.calsim_version;
  id.calsim_commit = origin.calsim_commit;
  id.scenario_name = origin.scenario_name;
  id.scenario_hash = scenario_hash;
  id.seed = origin.seed;
  id.replications = req.replications;
  id.parameters = {{"pack", req.pack},
                   {"goal", goal_name(req.goal.value_or(size_goal::no_refusal))},
                   {"max_refused", req.max_refused},
                   {"probability", req.probability},
                   {"confidence", req.confidence}};
  id.index = index;
  id.shards = shards;
  return id;
}

std::string size_shard_json(const shard_identity& id, std::uint64_t first,
                            const std::vector<size_threshold>& thresholds) {
  std::string o = "\"results\":[";
  for (std::size_t i = 0; i < thresholds.size(); ++i) {
    const auto& t = thresholds[i];
    o += i ? ",\n" : "\n";
    o += "{\"replication\":" + std::to_string(first + i) +
         ",\"threshold\":" + (t.count ? std::to_string(*t.count) : "null") + ",\"peak\":" + std::to_string(t.peak) +
         "}";
  }
  o += "]";
  return seal_shard(id, first, thresholds.size(), o);
}

std::filesystem::path write_size_shard(const shard_identity& id, std::uint64_t first,
                                       const std::vector<size_threshold>& thresholds,
                                       const std::filesystem::path& dir) {
  atomic_file f(dir / shard_file_name(id));
  const pending_output on_signal(f.temp_path());  // a shard folder is shared: only the temporary goes
  f.write(size_shard_json(id, first, thresholds));
  f.commit();
  return f.target();
}

merged_size merge_size_shards(const std::vector<std::filesystem::path>& files) {
  if (files.empty()) throw usage_error("merge needs at least one shard file");
  const shard_set set = check_shards(files, kind);
  require_complete(set);
  const shard_identity& id = *set.reference;
  merged_size m;
  try {
    m.request.pack = id.parameters.at("pack").get<std::string>();
    m.request.max_refused = id.parameters.at("max_refused").get<std::int64_t>();
    m.request.probability = id.parameters.at("probability").get<double>();
    m.request.confidence = id.parameters.at("confidence").get<double>();
    m.request.goal = parse_goal(id.parameters.at("goal").get<std::string>());
    if (!m.request.goal) throw json::other_error::create(501, "unknown goal", nullptr);
  } catch (const json::exception&) {
    throw usage_error(set.sound.front().file.string() + ": not a calsim size shard (bad \"parameters\")");
  }
  m.request.replications = id.replications;
  m.origin = {id.scenario_name, id.seed, id.calsim_version, id.calsim_commit};
  m.thresholds.resize(id.replications);
  for (const auto& s : set.sound) {
    const std::string file = s.file.string();
    const json* results = s.doc.contains("results") ? &s.doc["results"] : nullptr;
    if (!results || !results->is_array() || results->size() != s.count)
      throw usage_error(file + ": incomplete size shard (\"count\" is " + std::to_string(s.count) + ")");
    for (std::size_t i = 0; i < s.count; ++i) {
      const json& x = (*results)[i];
      try {
        if (x.at("replication").get<std::uint64_t>() != s.first + i) throw usage_error("");
        size_threshold& t = m.thresholds[s.first + i];
        const json& c = x.at("threshold");
        if (!c.is_null()) t.count = c.get<std::int64_t>();
        t.peak = x.at("peak").get<std::int64_t>();
      } catch (const std::exception&) {
        throw usage_error(file + ": replication " + std::to_string(s.first + i) + " is not a size result");
      }
    }
  }
  return m;
}

}  // namespace calsim::detail
