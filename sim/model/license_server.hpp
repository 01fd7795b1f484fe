// A license server that owns its state: key packs, the issued-license
// database, what it knows of each HardwareID (R-DEV-7), its temporaries in
// expiry order, and its invariants. It issues, renews, expires and revokes;
// it logs nothing and schedules nothing itself: each operation returns what
// the simulation must log or schedule, so it can be tested on its own.
#pragma once
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "calsim/scenario.hpp"
#include "engine/rng.hpp"
#include "model/hwid_map.hpp"
#include "model/license.hpp"

namespace calsim::detail {

// Figures a run reports, counted by the server that did them.
struct server_counts {
  std::int64_t temporaries_issued = 0, permanents_issued = 0, permanents_renewed = 0, permanents_returned = 0,
               revoked = 0, per_user_issued = 0, per_user_overused = 0;
  std::optional<sim_time> pool_exhausted;  // first time a permanent could not be issued
};

// Why no permanent per-device CAL was issued (R-DEV-3, R-DEV-9, R-MODE-5).
enum class permanent_refusal : std::uint8_t {
  none,
  not_activated,      // R-DEV-9
  only_per_user,      // R-MODE-5: event 1004 on the host
  exhausted,          // R-DEV-3: no CAL of a usable version left
  exhausted_first,    // the same, and the first time for that version: event 21
};

struct permanent_result {
  std::uint32_t license = no_id;  // no_id when none was issued
  permanent_refusal why = permanent_refusal::none;
};

// A revoke (R-REV-1..4): what happened.
enum class revoke_status : std::uint8_t { revoked, not_revocable, cap_reached };
struct revoke_result {
  revoke_status status = revoke_status::revoked;
  std::int64_t cap = 0, already_revoked = 0;  // cap_reached: the limit and the count in revoked state
  int version = 0;
  sim_time capacity_back = 0;                 // revoked: the original expiry; cap_reached: NextRevokeAllowedOn
};

class license_server {
 public:
  license_server() = default;
  license_server(const license_server_spec& spec, std::size_t node);

  // Packs. add_pack returns its index; install returns false when the pack's
  // `installed` time is still ahead (the caller schedules it then).
  std::size_t add_pack(const key_pack_spec& spec);
  bool install_pack(std::size_t pack, sim_time now);
  std::int32_t find_pack(std::string_view id) const;
  // R-VER-3: the matching version when available, else the lowest newer one.
  std::int32_t choose_pack(pack_type type, int host_version, bool prevent_upgrade) const;
  void remove_pack(std::size_t pack);

  // R-DEV-1: a temporary valid 90 days. Returns its index; `*schedule` is set
  // when the caller must plan a temporary_expiry event at its expiry.
  std::uint32_t issue_temporary(const license_holder& to, sim_time now, bool* schedule);
  // R-DEV-1: the temporaries whose 90 days have ended; the next time to look, if any.
  std::optional<sim_time> expire_temporaries(sim_time now);
  // R-DEV-3/7/9, R-VER-3/4: a permanent per-device CAL (lease drawn from `stream`).
  permanent_result issue_permanent(const license_holder& to, int host_version, bool prevent_upgrade,
                                   bool builtin, rng& stream, sim_time now);
  // R-DEV-5: a new 52 … 89 days, same license, pool unchanged.
  void renew_permanent(std::uint32_t license, rng& stream, sim_time now);
  // R-DEV-3: the validated temporary `temporary` is replaced by `permanent`.
  void upgrade(std::uint32_t temporary, std::uint32_t permanent, std::uint64_t hwid);
  // R-DEV-2: the temporary is validated after a logon.
  void validate(std::uint32_t license);
  // A license reaches an expiry instant planned with `stamp`; returns the
  // time to look again when it was renewed meanwhile (R-DEV-6).
  std::optional<sim_time> expire_license(std::uint32_t license, std::uint32_t stamp, sim_time now);
  // R-REV-4: a revoked CAL's original expiry: its capacity comes back.
  void revoke_capacity_back(std::uint32_t license);
  // R-REV-1..4.
  revoke_result revoke(std::uint32_t license, sim_time now);
  // Earliest original expiry of a revoked CAL of `version` (NextRevokeAllowedOn),
  // or of any version with no argument.
  std::optional<sim_time> next_revoke_allowed(std::optional<int> version = std::nullopt) const;
  // R-USER-2: the user's CAL, issued or extended; R-USER-1 beyond the pool.
  struct user_result {
    std::uint32_t license = no_id;
    bool issued = false, extended = false, overused = false, no_pack = false;
  };
  user_result serve_user(const license_holder& to, int host_version, bool prevent_upgrade, sim_time now);
  // A license baked into an image before the run (R-CLI-3). no_id when no pack can have issued it.
  std::uint32_t add_image_license(std::uint64_t hwid, bool permanent, sim_time expires);
  // A license issued before the run (initial_licenses): from `pack`, or a
  // temporary when none (`*schedule_temporary`: plan a temporary_expiry).
  std::uint32_t add_initial_license(const license_holder& to, std::optional<std::size_t> pack, sim_time issued,
                                    sim_time expires, bool* schedule_temporary);
  // Every issued license is forgotten; packs are full again.
  void rebuild_database();

  // The HardwareID's record (created empty when new).
  hwid_record& known(std::uint64_t hwid) { return hwids_[hwid]; }
  // R-DEV-7: `license` becomes the latest license of its HardwareID.
  void set_latest(hwid_record& rec, std::uint32_t license);

  // Invariants: issued + available = total per pack (R-DEV-6), non-negative counts.
  void check_pack(std::size_t pack, sim_time now) const;
  void check_all(sim_time now) const;
  // At the end: every pack's issued count equals the licenses held from it.
  void check_held(sim_time now) const;

  // Daily counters back to zero after the day's sample.
  void end_day();

  const std::string& name() const { return name_; }
  std::size_t node() const { return node_; }
  int version() const { return version_; }
  bool activated() const { return activated_; }
  void activate() { activated_ = true; }
  const std::optional<std::string>& domain() const { return domain_; }
  bool ad_write() const { return ad_write_; }
  bool disable_workgroup_auth() const { return disable_workgroup_auth_; }  // R-MODE-8
  bool serves(std::size_t host) const { return !security_group_ || (*security_group_)[host]; }
  void set_security_group(std::vector<bool> hosts) { security_group_ = std::move(hosts); }
  const std::vector<pack_state>& packs() const { return packs_; }
  pack_state& pack(std::size_t i) { return packs_[i]; }
  const license_vector& licenses() const { return licenses_; }
  // Room for n licenses, reserved (not touched): no copy of the database while it grows to n.
  void reserve_licenses(std::size_t n) { licenses_.reserve(n); }
  void reserve_hardware_ids(std::size_t n) { hwids_.reserve(n); }
  license& license_at(std::uint32_t i) { return licenses_[i]; }
  std::int64_t temporaries_valid() const { return temporaries_valid_; }
  const server_counts& counts() const { return counts_; }
  std::int64_t memory_bytes() const;

 private:
  void return_to_pack(license& l, sim_time now);
  void note_exhausted(int version, sim_time now, permanent_result& r);
  std::uint32_t append(const license& l);

  std::string name_;
  std::size_t node_ = 0;
  int version_ = 0;
  bool activated_ = true;
  std::optional<std::string> domain_;
  bool ad_write_ = true;
  bool disable_workgroup_auth_ = false;
  std::optional<std::vector<bool>> security_group_;  // by host index
  std::vector<pack_state> packs_;
  license_vector licenses_;  // the database, in issue order (license id = index + 1)
  hwid_map hwids_;
  std::unordered_map<std::uint32_t, std::uint32_t> user_cals_;  // user → license index
  std::int64_t temporaries_valid_ = 0;
  // Temporaries in issue order: all last 90 days, so this is also expiry
  // order and one pending event (for the oldest) serves them all.
  std::deque<std::uint32_t> temporary_fifo_;
  bool temporary_event_pending_ = false;
  std::vector<int> exhausted_versions_;  // versions whose event 21 is logged
  server_counts counts_;
};

}  // namespace calsim::detail
