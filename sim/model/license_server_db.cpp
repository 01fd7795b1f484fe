// A license server's per-user CALs, image licenses, database rebuilds and
// invariant checks (the rest of license_server.cpp).
#include <algorithm>

#include "calsim/errors.hpp"
#include "core/calendar.hpp"
#include "model/license_server.hpp"

namespace calsim::detail {

// R-USER-2: a CAL per user, 60 days, extended by a sign-in in its last 7 days;
// R-USER-1: beyond the pool an issue is counted as over-used.
license_server::user_result license_server::serve_user(const license_holder& to, int host_version,
                                                      bool prevent_upgrade, sim_time now) {
  user_result r;
  if (auto it = user_cals_.find(to.user); it != user_cals_.end()) {
    license& l = licenses_[it->second];
    if (l.status == license_status::active && now < l.expires) {
      if (l.expires - now <= days(7)) {
        l.expires = now + days(60);
        ++l.stamp;  // its pending expiry event moves itself to the new date
        if (l.pack >= 0) ++packs_[static_cast<std::size_t>(l.pack)].renewed_today;
        r.extended = true;
      }
      r.license = it->second;
      return r;
    }
  }
  license l;
  l.client = to.client;
  l.user = to.user;
  l.hwid = to.hwid;
  l.kind = license_kind::user;
  l.status = license_status::active;
  l.issued = now;
  l.expires = now + days(60);
  const std::int32_t pack = choose_pack(pack_type::per_user, host_version, prevent_upgrade);
  if (pack >= 0) {
    pack_state& p = packs_[static_cast<std::size_t>(pack)];
    p.take_one();
    ++p.issued_today;
    l.pack = pack;
    l.version = p.spec.version;
    ++counts_.per_user_issued;
  } else {
    std::int32_t over = -1;
    for (std::size_t i = 0; i < packs_.size(); ++i) {
      const pack_state& p = packs_[i];
      if (p.installed && !p.removed && p.spec.type == pack_type::per_user && p.spec.version >= host_version &&
          (over < 0 || p.spec.version < packs_[static_cast<std::size_t>(over)].spec.version))
        over = static_cast<std::int32_t>(i);
    }
    if (over < 0) {
      r.no_pack = true;  // R-MODE-5: no per-user CAL of a usable version at all
      return r;
    }
    pack_state& p = packs_[static_cast<std::size_t>(over)];
    ++p.overused;
    l.pack = pack_overused;
    l.version = p.spec.version;
    ++counts_.per_user_overused;
    r.overused = true;
  }
  r.issued = true;
  r.license = append(l);
  user_cals_[to.user] = r.license;
  return r;
}

std::uint32_t license_server::add_image_license(std::uint64_t hwid, bool permanent, sim_time expires) {
  license l;
  l.hwid = hwid;
  l.kind = permanent ? license_kind::device : license_kind::temporary;
  l.status = permanent ? license_status::active : license_status::temporary;
  l.validated = true;
  l.expires = expires;
  l.issued = expires - days(permanent ? 89 : 90);
  if (permanent) {
    const std::int32_t p = choose_pack(pack_type::per_device, 0, false);
    if (p < 0) return no_id;  // no CAL to have issued it: the image carries nothing usable
    l.pack = p;
    auto& ps = packs_[static_cast<std::size_t>(p)];
    l.version = ps.spec.version;
    ps.take_one();
  } else {
    l.version = version_;
    ++temporaries_valid_;
  }
  const std::uint32_t idx = append(l);
  hwid_record& rec = hwids_[hwid];
  set_latest(rec, idx);
  rec.upgradable = true;
  if (!permanent) rec.temporary = idx;
  return idx;
}

std::uint32_t license_server::add_initial_license(const license_holder& to, std::optional<std::size_t> pack,
                                                  sim_time issued, sim_time expires, bool* schedule_temporary) {
  license l;
  l.hwid = to.hwid;
  l.client = to.client;
  l.user = to.user;
  l.validated = true;  // used before the run: its logon is long done (R-DEV-2)
  l.issued = issued;
  l.expires = expires;
  if (pack) {
    pack_state& p = packs_[*pack];
    l.pack = static_cast<std::int32_t>(*pack);
    l.version = p.spec.version;
    l.kind = p.spec.type == pack_type::per_user ? license_kind::user : license_kind::device;
    l.status = license_status::active;
    p.take_one();
  } else {
    l.version = version_;
    ++temporaries_valid_;
  }
  const std::uint32_t idx = append(l);
  if (!pack) {
    temporary_fifo_.push_back(idx);
    *schedule_temporary = !temporary_event_pending_;
    temporary_event_pending_ = true;
  }
  if (l.kind == license_kind::user) {
    if (to.user != no_id) user_cals_[to.user] = idx;
    return idx;
  }
  hwid_record& rec = hwids_[l.hwid];
  set_latest(rec, idx);
  rec.upgradable = true;
  if (!pack) rec.temporary = idx;
  return idx;
}

// Every issued license is forgotten; packs are re-installed full.
void license_server::rebuild_database() {
  for (auto& l : licenses_) {
    l.status = license_status::forgotten;
    ++l.stamp;
  }
  hwids_.clear();
  user_cals_.clear();
  temporaries_valid_ = 0;
  exhausted_versions_.clear();
  for (auto& p : packs_) {
    if (!p.installed || p.removed) continue;
    p.issued = 0;
    p.available = p.total;
    p.revoked = 0;
    p.overused = 0;
  }
}

void license_server::check_pack(std::size_t pi, sim_time now) const {
  const pack_state& p = packs_[pi];
  if (p.issued + p.available != p.total || p.issued < 0 || p.available < 0 || p.revoked < 0)
    throw invariant_error("pool-balance", "pack " + name_ + "/" + p.spec.id + ": issued " + std::to_string(p.issued) +
                                              " + available " + std::to_string(p.available) + " != total " +
                                              std::to_string(p.total) + " at " + format_datetime(now));
}

void license_server::check_all(sim_time now) const {
  for (std::size_t p = 0; p < packs_.size(); ++p) check_pack(p, now);
}

void license_server::check_held(sim_time now) const {
  std::vector<std::int64_t> held(packs_.size(), 0);
  for (const auto& l : licenses_)
    if ((l.kind == license_kind::device || l.kind == license_kind::user) && l.status == license_status::active &&
        l.pack >= 0)
      ++held[static_cast<std::size_t>(l.pack)];
  for (std::size_t p = 0; p < packs_.size(); ++p) {
    check_pack(p, now);
    if (!packs_[p].removed && held[p] != packs_[p].issued)
      throw invariant_error("pool-count", "pack " + name_ + "/" + packs_[p].spec.id + " says " +
                                              std::to_string(packs_[p].issued) + " issued but " +
                                              std::to_string(held[p]) + " licenses are held");
  }
}

void license_server::end_day() {
  for (auto& p : packs_) p.issued_today = p.renewed_today = p.returned_today = p.revoked_today = 0;
}

std::int64_t license_server::memory_bytes() const {
  return static_cast<std::int64_t>(resident_bytes(licenses_) + hwids_.memory_bytes() +
                                   user_cals_.size() * 32 + temporary_fifo_.size() * sizeof(std::uint32_t));
}

}  // namespace calsim::detail
