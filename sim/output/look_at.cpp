// The clients to look at (look_at.hpp), from truth.json's failure modes.
#include "output/look_at.hpp"

#include <algorithm>
#include <map>

namespace calsim::detail {
namespace {

// What a trainer shows first: refusals, then the modes that cost CALs.
int priority(const std::string& mode) {
  static const char* const order[] = {"refused",     "cloned_hwid", "superseded_cal",     "leaked_cal",
                                      "rebuilt",     "wiped_store", "deleted_mslicensing", "corrupt_store",
                                      "logon_failed", "non_persistent", "thin_client"};
  for (int i = 0; i < static_cast<int>(std::size(order)); ++i)
    if (mode == order[i]) return i;
  return static_cast<int>(std::size(order));
}

}  // namespace

std::vector<client_to_look_at> clients_to_look_at(const truth_data& truth, std::size_t limit, std::size_t per_mode) {
  struct candidate {
    int priority;
    sim_time from;
    std::size_t client;
    const truth_failure* failure;
  };
  std::vector<candidate> all;
  for (std::size_t c = 0; c < truth.clients.size(); ++c)
    for (const auto& f : truth.clients[c].failure_modes) all.push_back({priority(f.mode), f.interval.from, c, &f});
  std::stable_sort(all.begin(), all.end(), [](const candidate& a, const candidate& b) {
    return a.priority != b.priority ? a.priority < b.priority : a.from < b.from;
  });
  std::map<std::string, std::size_t> taken_per_mode;
  std::map<std::size_t, std::size_t> row_of;  // client -> row
  std::vector<client_to_look_at> rows;
  for (const auto& k : all) {
    const std::string reason = k.failure->mode + " (" + k.failure->rule + ")";
    const auto known = row_of.find(k.client);
    if (known != row_of.end()) {  // already chosen: one more reason
      auto& reasons = rows[known->second].reasons;
      if (std::find(reasons.begin(), reasons.end(), reason) == reasons.end()) reasons.push_back(reason);
      continue;
    }
    if (rows.size() >= limit || taken_per_mode[k.failure->mode] >= per_mode) continue;
    ++taken_per_mode[k.failure->mode];
    row_of[k.client] = rows.size();
    rows.push_back({truth.clients[k.client].name, truth.clients[k.client].group, {reason}, k.from});
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const client_to_look_at& a, const client_to_look_at& b) { return a.first < b.first; });
  return rows;
}

}  // namespace calsim::detail
