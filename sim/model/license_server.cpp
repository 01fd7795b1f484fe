// License servers: key packs, issuing, renewal, return at expiry, revocation.
#include <algorithm>

#include "calsim/errors.hpp"
#include "core/calendar.hpp"
#include "model/simulation.hpp"

namespace calsim::detail {

void simulation::install_pack(std::uint32_t server, std::size_t pi) {
  server_state& sv = servers_[server];
  pack_state& p = sv.packs[pi];
  if (p.installed || p.removed) return;
  if (p.spec.installed > now_) {
    queue_.push(p.spec.installed, static_cast<std::uint32_t>(event_kind::pack_install), server, pi);
    return;
  }
  p.installed = true;
  p.total = p.spec.count;
  p.available = p.spec.count;
  std::erase(sv.exhausted_versions, p.spec.version);
}

std::int32_t simulation::find_pack(const server_state& sv, std::string_view id) const {
  for (std::size_t i = 0; i < sv.packs.size(); ++i)
    if (sv.packs[i].spec.id == id && !sv.packs[i].removed) return static_cast<std::int32_t>(i);
  return -1;
}

// R-VER-3: the matching version when available, else the lowest newer one
// (not with prevent_license_upgrade); packs of one version in install order.
// host_version 0 = any version.
std::int32_t simulation::choose_pack(const server_state& sv, pack_type type, int host_version,
                                     bool prevent_upgrade) const {
  std::int32_t best = -1;
  for (std::size_t i = 0; i < sv.packs.size(); ++i) {
    const pack_state& p = sv.packs[i];
    if (!p.installed || p.removed || p.spec.type != type || p.available <= 0) continue;
    if (p.spec.version < host_version) continue;
    if (prevent_upgrade && p.spec.version != host_version) continue;
    if (best < 0 || p.spec.version < sv.packs[static_cast<std::size_t>(best)].spec.version)
      best = static_cast<std::int32_t>(i);
  }
  return best;
}

// R-DEV-1: a temporary valid 90 days, never from the pool.
std::uint32_t simulation::issue_temporary(std::uint32_t server, std::uint32_t c) {
  server_state& sv = servers_[server];
  license l;
  l.hwid = clients_[c].hwid;
  l.client = c;
  l.user = clients_[c].user;
  l.kind = license_kind::temporary;
  l.status = license_status::temporary;
  l.version = sv.version;
  l.issued = now_;
  l.expires = now_ + days(90);
  const auto idx = static_cast<std::uint32_t>(sv.licenses.size());
  sv.licenses.push_back(l);
  ++sv.temporaries_valid;
  ++result_.temporaries_issued;
  sv.temporary_fifo.push_back(idx);
  if (!sv.temporary_event_pending) {
    sv.temporary_event_pending = true;
    queue_.push(l.expires, static_cast<std::uint32_t>(event_kind::temporary_expiry), server, 0);
  }
  return idx;
}

// R-DEV-1: temporaries end 90 days after their issue, oldest first.
void simulation::expire_temporaries(std::uint32_t server) {
  server_state& sv = servers_[server];
  sv.temporary_event_pending = false;
  while (!sv.temporary_fifo.empty() && sv.licenses[sv.temporary_fifo.front()].expires <= now_) {
    const std::uint32_t idx = sv.temporary_fifo.front();
    sv.temporary_fifo.pop_front();
    expire_license(server, idx, sv.licenses[idx].stamp);
  }
  if (!sv.temporary_fifo.empty()) {
    sv.temporary_event_pending = true;
    queue_.push(sv.licenses[sv.temporary_fifo.front()].expires, static_cast<std::uint32_t>(event_kind::temporary_expiry),
                server, 0);
  }
}

// A permanent per-device CAL of a usable version, or no_id when none is
// available (R-DEV-3, R-DEV-7, R-DEV-9, R-VER-3, R-VER-4).
std::uint32_t simulation::issue_permanent(std::uint32_t server, std::uint32_t c, std::size_t hi) {
  server_state& sv = servers_[server];
  const host_state& h = hosts_[hi];
  client_state& cl = clients_[c];
  if (!sv.activated) return no_id;  // R-DEV-9
  std::int32_t pack = -1;
  int version = 0;
  if (s_.rules == rules_profile::ws2000 && group_of(c).os_windows2000 && h.version <= 2000) {
    pack = pack_builtin;  // R-VER-4: Windows 2000 / XP clients draw from the built-in pool
    version = 2000;
  } else {
    pack = choose_pack(sv, pack_type::per_device, h.version, h.prevent_upgrade);
    if (pack < 0) {
      const bool any_device_pack = std::any_of(sv.packs.begin(), sv.packs.end(), [](const pack_state& p) {
        return p.installed && !p.removed && p.spec.type == pack_type::per_device;
      });
      if (!any_device_pack && std::any_of(sv.packs.begin(), sv.packs.end(), [](const pack_state& p) {
            return p.installed && !p.removed && p.spec.type == pack_type::per_user;
          }))
        log(h.name, c, 1004, "R-MODE-5",
            "the license server " + sv.name + " has only per-user CALs: host in per-device mode gets temporaries only");
      else
        note_exhausted(server, h.version, c);
      return no_id;
    }
    version = sv.packs[static_cast<std::size_t>(pack)].spec.version;
  }
  // R-DEV-4: a whole number of days, uniform over 52 … 89.
  const std::int64_t lease_days = cl.stream.uniform_int(52, 89);
  license l;
  l.hwid = cl.hwid;
  l.client = c;
  l.user = cl.user;
  l.pack = pack;
  l.version = version;
  l.kind = license_kind::device;
  l.status = license_status::active;
  l.issued = now_;
  l.expires = now_ + days(lease_days);
  if (l.expires - now_ > days(89)) throw invariant_error("R-DEV-4", "a lease longer than 89 days");
  if (pack >= 0) {
    pack_state& p = sv.packs[static_cast<std::size_t>(pack)];
    --p.available;
    ++p.issued;
    ++p.issued_today;
    check_invariants_of(sv, p);
  }
  const auto idx = static_cast<std::uint32_t>(sv.licenses.size());
  sv.licenses.push_back(l);
  ++result_.permanents_issued;
  queue_.push(l.expires, static_cast<std::uint32_t>(event_kind::license_expiry), server,
              static_cast<std::uint64_t>(idx) << 32);
  if (s_.rules == rules_profile::ws2008) hosts_[hi].grace_ended_early = true;  // R-GRACE-3 (ws2008)
  return idx;
}

void simulation::note_exhausted(std::uint32_t server, int version, std::uint32_t c) {
  server_state& sv = servers_[server];
  if (!result_.pool_exhausted) result_.pool_exhausted = now_;
  if (std::find(sv.exhausted_versions.begin(), sv.exhausted_versions.end(), version) != sv.exhausted_versions.end())
    return;
  sv.exhausted_versions.push_back(version);
  log(sv.name, c, 21, "R-DEV-3",
      "no permanent per-device CAL left for Windows Server " + std::to_string(version) + " hosts");
}

// R-DEV-5: a new 52 … 89 days, same license, pool unchanged.
void simulation::renew_permanent(std::uint32_t server, std::uint32_t idx, std::uint32_t c) {
  server_state& sv = servers_[server];
  license& l = sv.licenses[idx];
  const std::int64_t lease_days = clients_[c].stream.uniform_int(52, 89);
  l.issued = now_;  // reports show the last (re)issue, so expiry - issue stays within 89 days
  l.expires = now_ + days(lease_days);
  ++l.stamp;
  if (l.expires - now_ > days(89)) throw invariant_error("R-DEV-4", "a renewal longer than 89 days");
  if (l.pack >= 0) ++sv.packs[static_cast<std::size_t>(l.pack)].renewed_today;
  ++result_.permanents_renewed;
  // No new expiry event: the pending one finds the license renewed and moves
  // itself to the new expiry (one pending expiry per license).
}

void simulation::return_to_pack(server_state& sv, license& l) {
  if (l.pack < 0) return;
  pack_state& p = sv.packs[static_cast<std::size_t>(l.pack)];
  if (p.removed) return;
  ++p.available;
  --p.issued;
  ++p.returned_today;
  if (p.available > 0) std::erase(sv.exhausted_versions, p.spec.version);
  check_invariants_of(sv, p);
}

// A license reaches its expiry instant: a temporary stops counting as valid;
// a permanent that was not renewed (stamp unchanged) returns to its pack (R-DEV-6).
void simulation::expire_license(std::uint32_t server, std::uint32_t idx, std::uint32_t stamp) {
  server_state& sv = servers_[server];
  license& l = sv.licenses[idx];
  if (l.stamp != stamp) {
    // Renewed (or revoked, forgotten) since this event was planned: a live
    // license's expiry moves to its new date.
    const bool live = l.status == license_status::temporary || l.status == license_status::active;
    if (!live) return;
    if (l.expires > now_) {
      queue_.push(l.expires, static_cast<std::uint32_t>(event_kind::license_expiry), server,
                  static_cast<std::uint64_t>(idx) << 32 | l.stamp);
      return;
    }
  }
  switch (l.status) {
    case license_status::temporary:
      if (l.expires - l.issued > days(90)) throw invariant_error("R-DEV-1", "a temporary longer than 90 days");
      --sv.temporaries_valid;
      l.status = license_status::returned;
      break;
    case license_status::active:
      if (l.kind == license_kind::user) {
        if (l.pack == pack_overused) {
          for (auto& p : sv.packs)
            if (p.spec.type == pack_type::per_user && p.spec.version == l.version && p.overused > 0) {
              --p.overused;
              break;
            }
        } else {
          return_to_pack(sv, l);
        }
        if (auto it = sv.user_cals.find(l.user); it != sv.user_cals.end() && it->second == idx) sv.user_cals.erase(it);
      } else {
        return_to_pack(sv, l);
        ++result_.permanents_returned;
      }
      l.status = license_status::returned;
      break;
    case license_status::upgraded: l.status = license_status::returned; break;
    default: break;  // revoked (capacity handled apart), returned, forgotten
  }
}

// R-REV-1..4. Returns false when the cap refused it.
bool simulation::revoke_license(std::uint32_t server, std::uint32_t idx, std::string_view client) {
  server_state& sv = servers_[server];
  license& l = sv.licenses[idx];
  if (l.kind != license_kind::device || l.status != license_status::active || l.pack < 0) {
    log(sv.name, l.client, 0, "R-REV-1",
        "revoke: license " + std::to_string(idx + 1) + " of " + std::string(client) +
            " is not an active permanent per-device CAL: nothing revoked");
    return false;
  }
  // R-REV-2: max(1, 20 % of the installed per-device CALs of that version), across packs.
  std::int64_t installed = 0, revoked = 0;
  for (const auto& p : sv.packs)
    if (p.installed && !p.removed && p.spec.type == pack_type::per_device && p.spec.version == l.version) {
      installed += p.total;
      revoked += p.revoked;
    }
  const std::int64_t cap = std::max<std::int64_t>(1, installed / 5);
  if (revoked >= cap) {
    sim_time next = s_.end;
    for (const auto& o : sv.licenses)
      if (o.status == license_status::revoked && o.version == l.version) next = std::min(next, o.original_expiry);
    log(sv.name, l.client, 0, "R-REV-4",
        "revoke refused for " + std::string(client) + ": " + std::to_string(revoked) + " of at most " +
            std::to_string(cap) + " Windows Server " + std::to_string(l.version) +
            " CALs already revoked; NextRevokeAllowedOn " + format_date(next));
    return false;
  }
  return_to_pack(sv, l);  // R-REV-3: back in the pool at once
  pack_state& p = sv.packs[static_cast<std::size_t>(l.pack)];
  --p.returned_today;  // counted as revoked, not returned
  ++p.revoked_today;
  ++p.revoked;
  l.status = license_status::revoked;
  l.original_expiry = l.expires;
  ++l.stamp;  // its pending expiry event no longer applies
  ++result_.revoked;
  queue_.push(l.original_expiry, static_cast<std::uint32_t>(event_kind::revoke_capacity), server, idx);
  log(sv.name, l.client, 0, "R-REV-3",
      "revoked license " + std::to_string(idx + 1) + " of " + std::string(client) + "; capacity back on " +
          format_date(l.original_expiry));
  return true;
}

// Every issued license is forgotten; packs are re-installed full.
void simulation::rebuild_database(std::uint32_t server) {
  server_state& sv = servers_[server];
  for (auto& l : sv.licenses) {
    l.status = license_status::forgotten;
    ++l.stamp;
  }
  sv.hwids.clear();
  sv.user_cals.clear();
  sv.temporaries_valid = 0;
  sv.exhausted_versions.clear();
  for (auto& p : sv.packs) {
    if (!p.installed || p.removed) continue;
    p.issued = 0;
    p.available = p.total;
    p.revoked = 0;
    p.overused = 0;
  }
  log(sv.name, no_id, 0, "R-DEV-7", "license database rebuilt: every issued license is forgotten, packs are full");
}

}  // namespace calsim::detail
