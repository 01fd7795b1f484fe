// truth.json's data (run_result::truth): the failure modes the run put in, per
// client, host and pack, from what the truth_recorder saw and the end state.
#include <array>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "core/calendar.hpp"
#include "core/enum_table.hpp"
#include "core/scenario_enums.hpp"
#include "model/grace.hpp"
#include "model/simulation.hpp"

namespace calsim::detail {
namespace {

constexpr enum_table<failure_mode, 11> mode_names{{
    {failure_mode::cloned_hwid, "cloned_hwid"},
    {failure_mode::non_persistent, "non_persistent"},
    {failure_mode::thin_client, "thin_client"},
    {failure_mode::wiped_store, "wiped_store"},
    {failure_mode::deleted_mslicensing, "deleted_mslicensing"},
    {failure_mode::rebuilt, "rebuilt"},
    {failure_mode::corrupt_store, "corrupt_store"},
    {failure_mode::superseded_cal, "superseded_cal"},
    {failure_mode::leaked_cal, "leaked_cal"},
    {failure_mode::refused, "refused"},
    {failure_mode::logon_failed, "logon_failed"},
}};
static_assert(covers_each_once(mode_names) && names_unique(mode_names));

// At most this many HardwareIDs listed per client (a thin client has one per connection).
constexpr std::size_t truth_hwid_limit = 1000;

std::string_view status_name(license_status s) {
  switch (s) {
    case license_status::temporary: return "temporary";
    case license_status::active: return "active";
    case license_status::upgraded: return "upgraded";
    case license_status::revoked: return "revoked";
    case license_status::returned: return "returned";
    case license_status::forgotten: return "forgotten";
  }
  return "active";
}

}  // namespace

std::string_view failure_mode_name(failure_mode m) { return name_of(mode_names, m); }

// The failure mode a client's kind puts in over its whole active time (R-CLI-3).
void simulation::note_kind_modes() {
  for (std::uint32_t c = 0; c < clients_.size(); ++c) {
    const client_group_spec& g = group_of(c);
    const sim_time from = active_from(c);
    std::optional<failure_mode> m;
    if (g.kind == client_kind::cloned || (g.kind == client_kind::non_persistent && g.image)) m = failure_mode::cloned_hwid;
    else if (g.kind == client_kind::non_persistent) m = failure_mode::non_persistent;
    else if (g.kind == client_kind::thin) m = failure_mode::thin_client;
    if (m) truth_.note(c, *m, rule_id::cli_3, from, s_.end);
  }
}

// R-DEV-7 / R-CLI: CALs still held at the end by a HardwareID no client uses.
void simulation::note_leaks(const std::unordered_map<std::uint64_t, sim_time>& last_use,
                            const hwids_in_use& in_use) {
  for (std::size_t k = 0; k < servers_.size(); ++k)
    for (const license& l : servers_[k].licenses()) {
      if (l.kind != license_kind::device || l.status != license_status::active || l.superseded) continue;
      if (l.client == no_id || in_use.contains(l.hwid)) continue;
      const auto u = last_use.find(l.hwid);
      truth_.note(l.client, failure_mode::leaked_cal, rule_id::dev_6, u != last_use.end() ? u->second : l.issued,
                  l.expires);
    }
}

void simulation::take_truth() {
  if (!truth_.on()) return;
  note_kind_modes();
  std::unordered_map<std::uint64_t, sim_time> last_use;
  for (const auto& sp : truth_.spans())
    if (sp.end != truth_recorder::span::open) last_use[sp.hwid] = std::max(last_use[sp.hwid], sp.end);
  const hwids_in_use in_use(clients_);
  note_leaks(last_use, in_use);
  truth_data& t = result_.truth;
  // Listed: the first `limit` clients and those a failure mode touched; only
  // theirs are gathered, in slots numbered in client order (issue 18: one
  // vector per client of a million was 80 MB at the run's memory peak).
  const std::size_t limit = options_.registry_client_limit;
  std::vector<std::uint32_t> slot(clients_.size(), no_id);
  std::uint32_t listed_count = 0;
  auto marked = truth_.marks().begin();
  for (std::uint32_t c = 0; c < clients_.size(); ++c) {
    while (marked != truth_.marks().end() && marked->first.first < c) ++marked;
    if (c < limit || (marked != truth_.marks().end() && marked->first.first == c)) slot[c] = listed_count++;
  }
  std::vector<std::vector<truth_failure>> modes(listed_count);
  for (const auto& [key, m] : truth_.marks())
    modes[slot[key.first]].push_back({std::string(failure_mode_name(key.second)), std::string(rule_name(m.rule)),
                                      {m.first, m.until}, m.count, m.causes});
  std::vector<std::vector<truth_hwid>> hwids(listed_count);
  std::vector<std::int64_t> hwid_total(listed_count, 0);
  for (const auto& sp : truth_.spans()) {
    const std::uint32_t k = slot[sp.client];
    if (k == no_id || ++hwid_total[k] > static_cast<std::int64_t>(truth_hwid_limit)) continue;
    hwids[k].push_back({hardware_id_hex(sp.hwid), {sp.from, sp.until()}});
  }
  std::vector<std::vector<truth_license>> held(listed_count);
  for (const auto& sv : servers_)
    for (std::size_t i = 0; i < sv.licenses().size(); ++i) {
      const license& l = sv.licenses()[i];
      if (l.client == no_id || slot[l.client] == no_id) continue;
      held[slot[l.client]].push_back({sv.name(), i + 1,
                                      l.kind == license_kind::temporary ? "temporary"
                                      : l.kind == license_kind::device  ? "permanent"
                                                                        : "per_user",
                                      std::string(status_name(l.status)), l.issued, l.expires, l.superseded});
    }
  for (std::uint32_t c = 0; c < clients_.size(); ++c) {
    const std::uint32_t k = slot[c];
    if (k == no_id) {
      ++t.clients_left_out;
      continue;
    }
    if (c >= limit) flagged_beyond_limit_.push_back(c);  // their registry and TSCTST files are written too
    const client_group_spec& g = group_of(c);
    truth_client tc;
    tc.name = client_name(c);
    tc.group = g.group;
    tc.kind = std::string(name_of(client_kinds, g.kind));
    if (g.image) tc.image = s_.images[*g.image].name;
    tc.hardware_ids = std::move(hwids[k]);
    tc.hardware_ids_total = hwid_total[k];
    tc.licenses = std::move(held[k]);
    tc.failure_modes = std::move(modes[k]);
    t.clients.push_back(std::move(tc));
  }
  take_truth_hosts_and_packs(in_use);
}

void simulation::take_truth_hosts_and_packs(const hwids_in_use& in_use) {
  truth_data& t = result_.truth;
  for (std::size_t hi = 0; hi < hosts_.size(); ++hi) {
    const host_state& h = hosts_[hi];
    truth_host th;
    th.name = h.name;
    th.mode = h.mode;
    if (h.grace_started) {
      th.grace_start = h.grace_start;
      th.grace_end = h.grace_start + grace_length(s_.rules);
    }
    th.grace_ended_early = h.grace_ended_early;
    if (h.discovered != no_id && h.discovered_epoch == config_epoch_) th.discovered_server = servers_[h.discovered].name();
    th.refusal_causes = truth_.host_causes(hi);
    t.hosts.push_back(std::move(th));
  }
  // Every CAL held from a pack at the end, by what holds it.
  const auto& marks = truth_.marks();
  for (const auto& sv : servers_) {
    std::vector<truth_pack> packs(sv.packs().size());
    for (std::size_t p = 0; p < packs.size(); ++p) {
      packs[p].server = sv.name();
      packs[p].pack = sv.packs()[p].spec.id;
    }
    for (const license& l : sv.licenses()) {
      if (l.status != license_status::active || l.pack < 0) continue;
      std::string mode = "healthy";
      if (l.superseded) mode = "superseded_cal";
      else if (l.kind == license_kind::device && l.client != no_id && !in_use.contains(l.hwid)) mode = "leaked_cal";
      else if (l.client != no_id) {
        for (failure_mode m : {failure_mode::cloned_hwid, failure_mode::non_persistent, failure_mode::thin_client,
                               failure_mode::wiped_store, failure_mode::corrupt_store, failure_mode::rebuilt,
                               failure_mode::deleted_mslicensing})
          if (marks.count({l.client, m})) {
            mode = std::string(failure_mode_name(m));
            break;
          }
      }
      ++packs[static_cast<std::size_t>(l.pack)].held_by_mode[mode];
    }
    for (auto& p : packs) t.packs.push_back(std::move(p));
  }
}

}  // namespace calsim::detail
