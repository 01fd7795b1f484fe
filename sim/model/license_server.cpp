// License servers: key packs, issuing, renewal, return at expiry, revocation.
#include "model/license_server.hpp"

#include <algorithm>

#include "calsim/errors.hpp"
#include "core/calendar.hpp"

namespace calsim::detail {

license_server::license_server(const license_server_spec& spec, std::size_t node)
    : name_(spec.name),
      node_(node),
      version_(spec.version),
      activated_(spec.activated),
      domain_(spec.domain),
      ad_write_(spec.ad_write),
      disable_workgroup_auth_(spec.disable_workgroup_auth_enforcement) {}

std::size_t license_server::add_pack(const key_pack_spec& spec) {
  pack_state p;
  p.spec = spec;
  packs_.push_back(p);
  return packs_.size() - 1;
}

bool license_server::install_pack(std::size_t pi, sim_time now) {
  pack_state& p = packs_[pi];
  if (p.installed || p.removed) return true;
  if (p.spec.installed > now) return false;
  p.installed = true;
  p.total = p.spec.count;
  p.available = p.spec.count;
  std::erase(exhausted_versions_, p.spec.version);
  return true;
}

std::int32_t license_server::find_pack(std::string_view id) const {
  for (std::size_t i = 0; i < packs_.size(); ++i)
    if (packs_[i].spec.id == id && !packs_[i].removed) return static_cast<std::int32_t>(i);
  return -1;
}

// R-VER-3: the matching version when available, else the lowest newer one
// (not with prevent_license_upgrade); packs of one version in install order.
// host_version 0 = any version. Versions are Windows Server years (R-VER-1).
std::int32_t license_server::choose_pack(pack_type type, int host_version, bool prevent_upgrade) const {
  std::int32_t best = -1;
  for (std::size_t i = 0; i < packs_.size(); ++i) {
    const pack_state& p = packs_[i];
    if (!p.installed || p.removed || p.spec.type != type || p.available <= 0) continue;
    if (p.spec.version < host_version) continue;
    if (prevent_upgrade && p.spec.version != host_version) continue;
    if (best < 0 || p.spec.version < packs_[static_cast<std::size_t>(best)].spec.version)
      best = static_cast<std::int32_t>(i);
  }
  return best;
}

// CALs issued from a removed pack are forgotten: their clients are served as R-DEV-7.
void license_server::remove_pack(std::size_t pi) {
  const auto p = static_cast<std::int32_t>(pi);
  for (auto& l : licenses_)
    if (l.pack == p && (l.status == license_status::active || l.status == license_status::revoked)) {
      l.status = license_status::forgotten;
      ++l.stamp;
    }
  pack_state& ps = packs_[pi];
  ps.removed = true;
  ps.installed = false;
  ps.total = ps.issued = ps.available = ps.revoked = 0;
}

std::uint32_t license_server::append(const license& l) {
  const auto idx = static_cast<std::uint32_t>(licenses_.size());
  licenses_.push_back(l);
  return idx;
}

// R-DEV-7: `idx` becomes the latest license of its HardwareID; the one before
// it is superseded (so a connection tells "latest" from the license alone).
void license_server::set_latest(hwid_record& rec, std::uint32_t idx) {
  if (rec.latest != no_id && rec.latest != idx) licenses_[rec.latest].superseded = true;
  rec.latest = idx;
}

// R-DEV-1: a temporary valid 90 days, never from the pool.
std::uint32_t license_server::issue_temporary(const license_holder& to, sim_time now, bool* schedule) {
  license l;
  l.hwid = to.hwid;
  l.client = to.client;
  l.user = to.user;
  l.kind = license_kind::temporary;
  l.status = license_status::temporary;
  l.version = version_;
  l.issued = now;
  l.expires = now + days(90);
  const std::uint32_t idx = append(l);
  ++temporaries_valid_;
  ++counts_.temporaries_issued;
  temporary_fifo_.push_back(idx);
  *schedule = !temporary_event_pending_;
  temporary_event_pending_ = true;
  return idx;
}

// R-DEV-1: temporaries end 90 days after their issue, oldest first.
std::optional<sim_time> license_server::expire_temporaries(sim_time now) {
  temporary_event_pending_ = false;
  while (!temporary_fifo_.empty() && licenses_[temporary_fifo_.front()].expires <= now) {
    const std::uint32_t idx = temporary_fifo_.front();
    temporary_fifo_.pop_front();
    expire_license(idx, licenses_[idx].stamp, now);
  }
  if (temporary_fifo_.empty()) return std::nullopt;
  temporary_event_pending_ = true;
  return licenses_[temporary_fifo_.front()].expires;
}

void license_server::note_exhausted(int version, sim_time now, permanent_result& r) {
  if (!counts_.pool_exhausted) counts_.pool_exhausted = now;
  r.why = permanent_refusal::exhausted;
  if (std::find(exhausted_versions_.begin(), exhausted_versions_.end(), version) != exhausted_versions_.end()) return;
  exhausted_versions_.push_back(version);
  r.why = permanent_refusal::exhausted_first;  // R-DEV-3: event 21, once per version until CALs come back
}

permanent_result license_server::issue_permanent(const license_holder& to, int host_version, bool prevent_upgrade,
                                                 bool builtin, rng& stream, sim_time now) {
  permanent_result r;
  if (!activated_) {
    r.why = permanent_refusal::not_activated;  // R-DEV-9
    return r;
  }
  std::int32_t pack = pack_builtin;  // R-VER-4: Windows 2000 / XP clients draw from the built-in pool
  int version = 2000;
  if (!builtin) {
    pack = choose_pack(pack_type::per_device, host_version, prevent_upgrade);
    if (pack < 0) {
      auto any_of_type = [&](pack_type t) {
        return std::any_of(packs_.begin(), packs_.end(),
                           [t](const pack_state& p) { return p.installed && !p.removed && p.spec.type == t; });
      };
      if (!any_of_type(pack_type::per_device) && any_of_type(pack_type::per_user))
        r.why = permanent_refusal::only_per_user;  // R-MODE-5
      else
        note_exhausted(host_version, now, r);
      return r;
    }
    version = packs_[static_cast<std::size_t>(pack)].spec.version;
  }
  // R-DEV-4: a whole number of days, uniform over 52 … 89 (one day shorter
  // than a temporary's 90, the consequence R-DEV-11 demonstrates).
  const std::int64_t lease_days = stream.uniform_int(52, 89);
  license l;
  l.hwid = to.hwid;
  l.client = to.client;
  l.user = to.user;
  l.pack = pack;
  l.version = version;
  l.kind = license_kind::device;
  l.status = license_status::active;
  l.issued = now;
  l.expires = now + days(lease_days);
  if (l.expires - now > days(89)) throw invariant_error("R-DEV-4", "a lease longer than 89 days");
  if (pack >= 0) {
    pack_state& p = packs_[static_cast<std::size_t>(pack)];
    p.take_one();
    ++p.issued_today;
    check_pack(static_cast<std::size_t>(pack), now);
  }
  r.license = append(l);
  ++counts_.permanents_issued;
  return r;
}

// R-DEV-5: a new 52 … 89 days, same license, pool unchanged.
void license_server::renew_permanent(std::uint32_t idx, rng& stream, sim_time now) {
  license& l = licenses_[idx];
  const std::int64_t lease_days = stream.uniform_int(52, 89);
  l.issued = now;  // reports show the last (re)issue, so expiry - issue stays within 89 days
  l.expires = now + days(lease_days);
  ++l.stamp;
  if (l.expires - now > days(89)) throw invariant_error("R-DEV-4", "a renewal longer than 89 days");
  if (l.pack >= 0) ++packs_[static_cast<std::size_t>(l.pack)].renewed_today;
  ++counts_.permanents_renewed;
  // No new expiry event: the pending one finds the license renewed and moves
  // itself to the new expiry (one pending expiry per license).
}

// R-DEV-3: the temporary leaves the valid count; the permanent becomes the latest.
void license_server::upgrade(std::uint32_t temporary, std::uint32_t permanent, std::uint64_t hwid) {
  license& t = licenses_[temporary];
  if (t.status == license_status::temporary) {
    t.status = license_status::upgraded;
    --temporaries_valid_;
  }
  hwid_record& rec = hwids_[hwid];
  set_latest(rec, permanent);
  rec.upgradable = true;
}

// R-DEV-2: validated after the logon; the HardwareID may now get a permanent.
void license_server::validate(std::uint32_t idx) {
  license& l = licenses_[idx];
  if (l.status != license_status::temporary || l.validated) return;
  l.validated = true;
  hwids_[l.hwid].upgradable = true;
}

void license_server::return_to_pack(license& l, sim_time now) {
  if (l.pack < 0) return;
  pack_state& p = packs_[static_cast<std::size_t>(l.pack)];
  if (p.removed) return;
  ++p.available;
  --p.issued;
  ++p.returned_today;
  if (p.available > 0) std::erase(exhausted_versions_, p.spec.version);
  check_pack(static_cast<std::size_t>(l.pack), now);
}

// A license reaches its expiry instant: a temporary stops counting as valid;
// a permanent that was not renewed (stamp unchanged) returns to its pack (R-DEV-6).
std::optional<sim_time> license_server::expire_license(std::uint32_t idx, std::uint32_t stamp, sim_time now) {
  license& l = licenses_[idx];
  if (l.stamp != stamp) {
    // Renewed (or revoked, forgotten) since this event was planned: a live
    // license's expiry moves to its new date.
    const bool live = l.status == license_status::temporary || l.status == license_status::active;
    if (!live) return std::nullopt;
    if (l.expires > now) return l.expires;
  }
  switch (l.status) {
    case license_status::temporary:
      if (l.expires - l.issued > days(90)) throw invariant_error("R-DEV-1", "a temporary longer than 90 days");
      --temporaries_valid_;
      l.status = license_status::returned;
      break;
    case license_status::active:
      if (l.kind == license_kind::user) {
        if (l.pack == pack_overused) {
          for (auto& p : packs_)
            if (p.spec.type == pack_type::per_user && p.spec.version == l.version && p.overused > 0) {
              --p.overused;
              break;
            }
        } else {
          return_to_pack(l, now);
        }
        if (auto it = user_cals_.find(l.user); it != user_cals_.end() && it->second == idx) user_cals_.erase(it);
      } else {
        return_to_pack(l, now);
        ++counts_.permanents_returned;
      }
      l.status = license_status::returned;
      break;
    case license_status::upgraded: l.status = license_status::returned; break;
    default: break;  // revoked (capacity handled apart), returned, forgotten
  }
  return std::nullopt;
}

void license_server::revoke_capacity_back(std::uint32_t idx) {
  license& l = licenses_[idx];
  if (l.status == license_status::revoked && l.pack >= 0) {
    --packs_[static_cast<std::size_t>(l.pack)].revoked;  // R-REV-4: capacity comes back
    l.status = license_status::returned;
  }
}

std::optional<sim_time> license_server::next_revoke_allowed(std::optional<int> version) const {
  std::optional<sim_time> next;
  for (const auto& o : licenses_)
    if (o.status == license_status::revoked && (!version || o.version == *version) &&
        (!next || o.expires < *next))
      next = o.expires;
  return next;
}

// R-REV-1..3.
revoke_result license_server::revoke(std::uint32_t idx, sim_time now) {
  license& l = licenses_[idx];
  revoke_result r;
  r.version = l.version;
  if (l.kind != license_kind::device || l.status != license_status::active || l.pack < 0) {
    r.status = revoke_status::not_revocable;  // R-REV-1
    return r;
  }
  // R-REV-2: max(1, 20 % of the installed per-device CALs of that version), across packs.
  std::int64_t installed = 0, revoked = 0;
  for (const auto& p : packs_)
    if (p.installed && !p.removed && p.spec.type == pack_type::per_device && p.spec.version == l.version) {
      installed += p.total;
      revoked += p.revoked;
    }
  r.cap = std::max<std::int64_t>(1, installed / 5);
  r.already_revoked = revoked;
  if (revoked >= r.cap) {
    r.status = revoke_status::cap_reached;
    if (auto next = next_revoke_allowed(l.version)) r.capacity_back = *next;
    return r;
  }
  return_to_pack(l, now);  // R-REV-3: back in the pool at once
  pack_state& p = packs_[static_cast<std::size_t>(l.pack)];
  --p.returned_today;  // counted as revoked, not returned
  ++p.revoked_today;
  ++p.revoked;
  l.status = license_status::revoked;
  ++l.stamp;  // its pending expiry event no longer applies
  ++counts_.revoked;
  r.capacity_back = l.expires;  // revoked, it keeps its expiry
  return r;
}

}  // namespace calsim::detail
