#include "sweep/shard_envelope.hpp"

#include <charconv>
#include <fstream>
#include <sstream>
#include <system_error>

#include "calsim/errors.hpp"
#include "sweep/scenario_hash.hpp"
#include "sweep/sweep_data.hpp"
#include "sweep/sweep_run.hpp"

namespace calsim::detail {
namespace {

using nlohmann::json;

constexpr std::string_view checksum_prefix = "fnv1a64:";

std::string checksum_of(json doc) {
  doc.erase("checksum");
  return std::string(checksum_prefix) + fnv1a_hex(doc.dump());
}

std::string file_safe(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    out += ok ? c : '_';
  }
  return out.empty() ? "_" : out;
}

bool whole_number(std::string_view text, std::uint64_t& out) {
  const auto r = std::from_chars(text.data(), text.data() + text.size(), out);
  return !text.empty() && r.ec == std::errc() && r.ptr == text.data() + text.size();
}

// A field of the shard, with the file named in the error.
template <class T>
T field(const json& j, const char* name, const std::string& file) {
  try {
    return j.at(name).get<T>();
  } catch (const json::exception&) {
    throw usage_error(file + ": not a calsim shard (missing or bad \"" + std::string(name) + "\")");
  }
}

}  // namespace

std::string shard_file_name(const shard_identity& id) {
  return id.kind + "-" + file_safe(id.scenario_name) + "-seed" + std::to_string(id.seed) + "-shard-" +
         std::to_string(id.index) + "-of-" + std::to_string(id.shards) + ".json";
}

std::optional<shard_number> shard_number_from_name(const std::filesystem::path& file) {
  const std::string name = file.filename().string();
  const std::string suffix = ".json";
  const auto at = name.rfind("-shard-");
  if (at == std::string::npos || name.size() < suffix.size() ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
    return std::nullopt;
  const std::string_view rest =
      std::string_view(name).substr(at + 7, name.size() - suffix.size() - (at + 7));  // "I-of-N"
  const auto of = rest.find("-of-");
  shard_number n;
  if (of == std::string_view::npos || !whole_number(rest.substr(0, of), n.index) ||
      !whole_number(rest.substr(of + 4), n.shards) || n.index < 1 || n.index > n.shards)
    return std::nullopt;
  return n;
}

std::string seal_shard(const shard_identity& id, std::uint64_t first, std::uint64_t count, const std::string& members) {
  std::string o = "{\"format\":" + json(shard_format).dump() + ",\"format_version\":" +
                  std::to_string(shard_format_version) + ",\"kind\":" + json(id.kind).dump();
  o += ",\n\"calsim_version\":" + json(id.calsim_version).dump();
  o += ",\n\"calsim_commit\":" + json(id.calsim_commit).dump();
  o += ",\n\"scenario\":" + json(id.scenario_name).dump();
  o += ",\n\"scenario_hash\":" + json(id.scenario_hash).dump();
  o += ",\n\"seed\":" + std::to_string(id.seed);
  o += ",\n\"replications\":" + std::to_string(id.replications);
  o += ",\n\"parameters\":" + id.parameters.dump();
  o += ",\n\"shard\":" + std::to_string(id.index);
  o += ",\n\"shards\":" + std::to_string(id.shards);
  o += ",\n\"first\":" + std::to_string(first);
  o += ",\n\"count\":" + std::to_string(count);
  if (!members.empty()) o += ",\n" + members;
  o += "}";
  const std::string sum = checksum_of(json::parse(o));
  o.pop_back();
  o += ",\n\"checksum\":\"" + sum + "\"}\n";
  return o;
}

opened_shard open_shard(const std::filesystem::path& path, const std::string& kind) {
  const std::string file = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw usage_error(file + ": is a directory (give the shard files, e.g. " + (path / "*.json").string() + ")");
  if (!std::filesystem::exists(path, ec)) throw usage_error(file + ": no such file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw usage_error(file + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw usage_error(file + ": cannot read");
  opened_shard s;
  s.file = path;
  json& j = s.doc;
  try {
    j = json::parse(text.str());
  } catch (const json::parse_error& e) {
    throw usage_error(file + ": damaged or not a calsim shard (not JSON: " + e.what() + ")");
  }
  if (!j.is_object() || !j.contains("format") || j["format"] != shard_format) {
    if (j.is_object() && j.value("format", std::string()) == "calsim-sweep-shard")
      throw usage_error(file + ": a shard of an older calsim (format 1, no commit or checksum); run it again");
    throw usage_error(file + ": not a calsim shard (no \"format\": \"" + std::string(shard_format) + "\")");
  }
  if (const int v = field<int>(j, "format_version", file); v != shard_format_version)
    throw usage_error(file + ": shard format version " + std::to_string(v) + " is not supported (this calsim reads " +
                      std::to_string(shard_format_version) + ")");
  const auto sum = field<std::string>(j, "checksum", file);
  if (sum != checksum_of(j))
    throw usage_error(file + ": damaged: its data do not match its checksum " + sum);

  shard_identity& id = s.id;
  id.kind = field<std::string>(j, "kind", file);
  if (id.kind != kind) throw usage_error(file + ": a " + id.kind + " shard, not a " + kind + " shard");
  id.calsim_version = field<std::string>(j, "calsim_version", file);
  id.calsim_commit = field<std::string>(j, "calsim_commit", file);
  id.scenario_name = field<std::string>(j, "scenario", file);
  id.scenario_hash = field<std::string>(j, "scenario_hash", file);
  id.seed = field<std::uint64_t>(j, "seed", file);
  id.replications = field<std::uint64_t>(j, "replications", file);
  id.parameters = field<json>(j, "parameters", file);
  id.index = field<std::uint64_t>(j, "shard", file);
  id.shards = field<std::uint64_t>(j, "shards", file);
  s.first = field<std::uint64_t>(j, "first", file);
  s.count = field<std::uint64_t>(j, "count", file);
  if (id.replications == 0 || id.replications > max_sweep_replications)
    throw usage_error(file + ": not a calsim shard (bad \"replications\")");
  if (id.shards == 0 || id.shards > id.replications || id.index < 1 || id.index > id.shards)
    throw usage_error(file + ": not a calsim shard (shard " + std::to_string(id.index) + " of " +
                      std::to_string(id.shards) + ")");
  const replication_range want = shard_range(id.replications, id.index, id.shards);
  if (s.first != want.first || s.count != want.count)
    throw usage_error(file + ": shard " + std::to_string(id.index) + " of " + std::to_string(id.shards) +
                      " should hold replications " + std::to_string(want.first) + " to " +
                      std::to_string(want.first + want.count - 1) + ", not " + std::to_string(s.first) + " to " +
                      std::to_string(s.first + s.count - 1));
  return s;
}

std::string identity_mismatch(const shard_identity& got, const shard_identity& want) {
  auto differ = [](const std::string& what, const std::string& g, const std::string& w) {
    return what + " " + g + ", expected " + w;
  };
  if (got.kind != want.kind) return differ("kind", got.kind, want.kind);
  if (got.calsim_version != want.calsim_version)
    return differ("calsim version", got.calsim_version, want.calsim_version);
  if (got.calsim_commit != want.calsim_commit)
    return differ("calsim commit", got.calsim_commit, want.calsim_commit);
  if (got.scenario_name != want.scenario_name) return differ("scenario", got.scenario_name, want.scenario_name);
  if (got.seed != want.seed) return differ("seed", std::to_string(got.seed), std::to_string(want.seed));
  if (got.replications != want.replications)
    return differ("replications", std::to_string(got.replications), std::to_string(want.replications));
  if (got.shards != want.shards)
    return differ("shard count", std::to_string(got.shards), std::to_string(want.shards));
  if (got.scenario_hash != want.scenario_hash)
    return differ("scenario hash (the scenario as loaded, after its overrides, differs)", got.scenario_hash,
                  want.scenario_hash);
  if (got.parameters != want.parameters) return differ("parameters", got.parameters.dump(), want.parameters.dump());
  return {};
}

}  // namespace calsim::detail
