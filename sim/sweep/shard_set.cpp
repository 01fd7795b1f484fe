#include "sweep/shard_set.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <set>

#include "calsim/errors.hpp"
#include "calsim/version.hpp"

namespace calsim::detail {
namespace {

std::string join(const std::vector<std::uint64_t>& v, const char* sep) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + std::to_string(v[i]);
  return out;
}

}  // namespace

std::vector<std::uint64_t> shard_set::to_rerun() const {
  std::set<std::uint64_t> out(missing.begin(), missing.end());
  std::set<std::uint64_t> present;
  for (const auto& s : sound) present.insert(s.id.index);
  for (const auto& d : damaged)
    if (d.index && !present.count(d.index) && (!reference || d.index <= reference->shards)) out.insert(d.index);
  return {out.begin(), out.end()};
}

shard_set check_shards(const std::vector<std::filesystem::path>& files, const std::string& kind) {
  shard_set set;
  std::vector<opened_shard> opened;
  std::vector<shard_problem> unreadable;
  std::vector<std::uint64_t> unreadable_of;  // N in each unreadable file's name (0: none)
  std::set<std::uint64_t> absent;  // numbers of files named but not there: missing, not damaged
  for (const auto& f : files) {
    std::error_code ec;
    if (!std::filesystem::exists(f, ec) && !ec) {
      if (const auto n = shard_number_from_name(f)) {
        absent.insert(n->index);
        continue;
      }
    }
    try {
      opened.push_back(open_shard(f, kind));
    } catch (const usage_error& e) {
      const auto n = shard_number_from_name(f);
      unreadable.push_back({n ? n->index : 0, e.what()});
      unreadable_of.push_back(n ? n->shards : 0);
    }
  }
  // The sweep most files belong to (the first one's on a tie) is the one to
  // merge; a stray shard of another sweep does not decide it.
  std::size_t best = 0, best_count = 0;
  for (std::size_t i = 0; i < opened.size(); ++i) {
    std::size_t same = 0;
    for (const auto& o : opened) same += identity_mismatch(o.id, opened[i].id).empty();
    if (same > best_count) {
      best = i;
      best_count = same;
    }
  }
  std::map<std::uint64_t, std::string> holder;  // shard number -> file that holds it
  std::string reference_file;
  if (!opened.empty()) {
    set.reference = opened[best].id;
    reference_file = opened[best].file.string();
  }
  for (auto& s : opened) {
    const std::string file = s.file.string();
    if (const std::string diff = identity_mismatch(s.id, *set.reference); !diff.empty()) {
      set.damaged.push_back({0, file + ": from another " + kind + " than " + reference_file + ": " + diff});
      continue;
    }
    if (const auto it = holder.find(s.id.index); it != holder.end()) {
      set.damaged.push_back({0, file + ": shard " + std::to_string(s.id.index) + " again (also in " + it->second + ")"});
      continue;
    }
    holder[s.id.index] = file;
    set.sound.push_back(std::move(s));
  }
  std::sort(set.sound.begin(), set.sound.end(),
            [](const opened_shard& a, const opened_shard& b) { return a.id.index < b.id.index; });
  // A damaged file counts as damaged for its number; without a reference its
  // number comes from its name alone.
  std::set<std::uint64_t> damaged_numbers;
  for (std::size_t i = 0; i < unreadable.size(); ++i) {
    shard_problem& u = unreadable[i];
    if (u.index && set.reference && (unreadable_of[i] != set.reference->shards || holder.count(u.index))) u.index = 0;
    if (u.index) damaged_numbers.insert(u.index);
    set.damaged.push_back(std::move(u));
  }
  std::stable_sort(set.damaged.begin(), set.damaged.end(), [](const shard_problem& a, const shard_problem& b) {
    return (a.index ? a.index : UINT64_MAX) < (b.index ? b.index : UINT64_MAX);
  });
  if (set.reference) {
    for (std::uint64_t i = 1; i <= set.reference->shards; ++i)
      if (!holder.count(i) && !damaged_numbers.count(i)) set.missing.push_back(i);
  } else {
    for (std::uint64_t i : absent)
      if (!damaged_numbers.count(i)) set.missing.push_back(i);
  }
  return set;
}

std::string describe_shard_set(const shard_set& set) {
  std::string o;
  if (set.reference) {
    const shard_identity& r = *set.reference;
    o += r.scenario_name + ": " + r.kind + " of " + std::to_string(r.replications) + " replications, seed " +
         std::to_string(r.seed) + ", scenario hash " + r.scenario_hash + ", calsim " +
         version_label(r.calsim_version, r.calsim_commit) + ", " + std::to_string(r.shards) +
         (r.shards == 1 ? " shard" : " shards") + "\n";
    o += "sound: " + std::to_string(set.sound.size()) + " of " + std::to_string(r.shards) + "\n";
  } else {
    o += "no sound shard among the files given\n";
  }
  if (!set.missing.empty()) o += "missing: " + join(set.missing, " ") + "\n";
  for (const auto& d : set.damaged)
    o += (d.index ? "damaged: " + std::to_string(d.index) + ": " : std::string("refused: ")) + d.message + "\n";
  const auto rerun = set.to_rerun();
  if (!rerun.empty()) o += "to run again: " + join(rerun, ",") + "\n";
  if (set.complete()) o += "complete: every shard is present and sound\n";
  return o;
}

std::string shard_kind_of(const std::vector<std::filesystem::path>& files) {
  for (const auto& f : files) {
    std::error_code ec;
    if (std::filesystem::is_directory(f, ec)) continue;
    std::ifstream in(f, std::ios::binary);
    std::string line;
    if (in && std::getline(in, line)) {
      if (line.find("\"kind\":\"size\"") != std::string::npos) return "size";
      if (line.find("\"kind\":\"sweep\"") != std::string::npos) return "sweep";
    }
    if (f.filename().string().rfind("size-", 0) == 0) return "size";
  }
  return "sweep";
}

void require_complete(const shard_set& set) {
  if (set.complete()) return;
  std::string msg;
  for (const auto& d : set.damaged) msg += (msg.empty() ? "" : "\n") + d.message;
  if (!set.missing.empty())
    msg += (msg.empty() ? "" : "\n") + std::string("missing shard") + (set.missing.size() == 1 ? " " : "s ") +
           join(set.missing, ", ") +
           (set.reference ? " of " + std::to_string(set.reference->shards) : std::string(" (no such file)"));
  if (!set.reference && msg.empty()) msg = "no shard files given";
  throw shard_set_error(msg + "\nnothing was merged");
}

}  // namespace calsim::detail
