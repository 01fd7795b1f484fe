// The simulation's state: license servers with key packs and an issued-license
// database, session hosts, clients with their MSLicensing store. Dense ids
// everywhere; strings only for names used in outputs.
#pragma once
#include <cstdint>
#include <deque>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "calsim/scenario.hpp"
#include "engine/rng.hpp"
#include "model/small_store.hpp"
#include "model/hwid_map.hpp"

namespace calsim::detail {

inline constexpr std::uint32_t no_id = std::numeric_limits<std::uint32_t>::max();

// Pack index of a license that comes from no installed pack.
inline constexpr std::int32_t pack_temporary = -1;  // temporaries never consume the pool (R-DEV-1)
inline constexpr std::int32_t pack_builtin = -2;    // A02-5.00-EX, unlimited (R-VER-4)
inline constexpr std::int32_t pack_overused = -3;   // per-user issue beyond the pool (R-USER-1)

enum class license_kind : std::uint8_t { temporary, device, user };

// Win32_TSIssuedLicense LicenseStatus values, plus states the database no longer lists.
enum class license_status : std::uint8_t {
  temporary = 1,
  active = 2,
  upgraded = 3,    // a temporary replaced by a permanent (R-DEV-3); no longer a valid temporary
  revoked = 4,
  returned = 10,   // expired without renewal: back in the pool (R-DEV-6)
  forgotten = 11,  // pack removed or database rebuilt
};

struct license {
  std::uint64_t hwid = 0;       // per device: the HardwareID key it was issued to
  std::uint32_t client = no_id; // the client it was issued to (reports)
  std::uint32_t user = no_id;   // the user (per user; reports)
  std::int32_t pack = pack_temporary;
  std::int32_t version = 0;
  license_kind kind = license_kind::temporary;
  license_status status = license_status::temporary;
  bool validated = false;        // temporaries: marked after logon (R-DEV-2)
  bool superseded = false;       // a later license became its HardwareID's latest (R-DEV-7)
  std::uint32_t stamp = 0;       // bumped at each renewal: an older copy is not the latest
  sim_time issued = 0;
  sim_time expires = 0;
  sim_time original_expiry = 0;  // revoked: when the revoke capacity comes back (R-REV-4)
};

struct pack_state {
  key_pack_spec spec;
  bool installed = false;  // before its `installed` time a pack is not there yet
  bool removed = false;
  std::int64_t total = 0, issued = 0, available = 0;
  std::int64_t revoked = 0;   // in the revoked state now (capacity used, R-REV-2)
  std::int64_t overused = 0;  // per user: issues beyond the pool still unexpired (R-USER-1)
  std::int64_t issued_today = 0, renewed_today = 0, returned_today = 0, revoked_today = 0;
  std::int64_t peak_issued = 0;
  sim_time peak_date = 0;
  std::size_t label = 0;  // index in run_result::daily
};

struct server_state {
  std::string name;
  std::size_t node = 0;
  int version = 0;
  bool activated = true;
  std::optional<std::string> domain;
  bool ad_write = true;
  std::optional<std::vector<bool>> security_group;  // by host index
  std::vector<pack_state> packs;
  std::vector<license> licenses;  // the database, in issue order (license id = index + 1)
  hwid_map hwids;                         // R-DEV-7: by HardwareID key
  std::unordered_map<std::uint32_t, std::uint32_t> user_cals;  // user → license index
  std::int64_t temporaries_valid = 0;
  // Temporaries issued during the run, in issue order: all last 90 days, so
  // this is also expiry order and one pending event (for the oldest) serves
  // them all: 4 bytes per temporary instead of a 32-byte event.
  std::deque<std::uint32_t> temporary_fifo;
  bool temporary_event_pending = false;
  std::vector<int> exhausted_versions;  // versions whose "no permanent left" (event 21) is logged
};

// R-DEV-7: `idx` becomes the latest license of its HardwareID; the one
// before it is superseded (so a connection can tell "latest" from the license
// alone, without looking the HardwareID up).
inline void set_latest(std::vector<license>& db, hwid_record& rec, std::uint32_t idx) {
  if (rec.latest != no_id && rec.latest != idx) db[rec.latest].superseded = true;
  rec.latest = idx;
}

struct host_state {
  std::string name;
  std::size_t node = 0;
  int version = 0;
  std::optional<std::string> domain;
  sim_time installed = 0;

  // Configured values (registry and policy) and the effective ones, applied
  // at the last restart or at once with "apply": "now" (R-MODE-7).
  int registry_mode = 5;
  std::optional<int> policy_mode;
  std::vector<std::size_t> registry_servers;
  std::optional<std::vector<std::size_t>> policy_servers;
  bool prevent_upgrade = false;
  std::optional<bool> policy_prevent_upgrade;
  int mode = 5;
  std::vector<std::size_t> servers;

  // Grace period (R-GRACE-*).
  bool grace_started = false;
  sim_time grace_start = 0;
  bool grace_ended_early = false;
  bool timebomb_deleted = false;  // restart pending (R-GRACE-5)
  sim_time last_grace_warning_day = -1;

  std::int64_t attempted = 0, allowed = 0, allowed_in_grace = 0, refused = 0;  // today

  // R-MODE-4: the server discovery found, valid while the simulation's
  // configuration epoch is `discovered_epoch` (actions and restarts change it).
  std::uint64_t discovered_epoch = 0;
  std::uint32_t discovered = no_id;  // no server
};

// One license copy in a client's MSLicensing\Store (one per license server scope).
struct store_entry {
  std::uint32_t server = 0;
  std::uint32_t license = 0;  // index in that server's database
  std::uint32_t stamp = 0;    // the copy's stamp (a renewal elsewhere makes it stale)
  license_kind kind = license_kind::temporary;
  std::int32_t version = 0;
  sim_time expires = 0;
};

// Hot fields of a connection in the first cache line; 128 bytes in all.
struct alignas(64) client_state {
  std::uint32_t group = 0;
  std::uint32_t index = 0;  // in its group
  std::uint32_t user = 0;
  rng stream;
  std::uint64_t hwid = 0;         // 0: no MSLicensing key
  std::uint32_t hwid_generation = 0;
  bool retired = false;
  bool corrupt = false;           // next presented license is invalid (R-DEV-10)
  bool connected_before = false;
  std::uint8_t remaining_today = 0;
  sim_time last_connection = 0;
  sim_time next_day = 0;          // next day to plan connections for
  small_store<store_entry> store;
};

// HardwareID keys: a client's own IDs are (client + 1) << 24 | generation; an
// image's ID (shared by its clones) has the top bit set.
inline std::uint64_t client_hwid_key(std::uint32_t client, std::uint32_t generation) {
  return (static_cast<std::uint64_t>(client) + 1) << 24 | (generation & 0xFFFFFFu);
}
inline std::uint64_t image_hwid_key(std::size_t image) {
  return (std::uint64_t{1} << 63) | static_cast<std::uint64_t>(image);
}

}  // namespace calsim::detail
