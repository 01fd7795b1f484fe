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
#include "core/huge_pages.hpp"
#include "engine/rng.hpp"
#include "model/small_store.hpp"
#include "model/hwid_map.hpp"
#include "model/license.hpp"

namespace calsim::detail {

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
  sim_time last_not_served_day = -1;  // EVT 4141: logged at most once per host and day

  std::int64_t attempted = 0, allowed = 0, allowed_in_grace = 0, refused = 0;  // today

  // R-MODE-4: the server discovery found, valid while the simulation's
  // configuration epoch is `discovered_epoch` (actions and restarts change it).
  std::uint64_t discovered_epoch = 0;
  std::uint32_t discovered = no_id;  // no server
  bool workgroup_refused = false;    // R-MODE-8: a reachable workgroup server refused this workgroup host
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

// Hot fields of a connection in the first cache line; 128 bytes in all
// (checked below: at 192 bytes, a million clients held 64 MB more, issue 18).
struct alignas(64) client_state {
  std::uint32_t group = 0;
  std::uint32_t user = 0;
  std::uint64_t truth_hwid = 0;   // the HardwareID truth.json's recorder last saw (it is told only of a change)
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
static_assert(sizeof(client_state) == 128, "two cache lines a client");

// Random absences of a client (issue 14), kept apart from client_state:
// only groups with `absences` draw them.
struct absence_state {
  sim_time absent_until = 0;        // no connection before this midnight
  sim_time next_absence = -1;       // the next random absence's start (midnight); -1 = not drawn yet
};

using client_vector = std::vector<client_state, huge_page_allocator<client_state>>;

// HardwareID keys: a client's own IDs are (client + 1) << 24 | generation; an
// image's ID (shared by its clones) has the top bit set.
inline std::uint64_t client_hwid_key(std::uint32_t client, std::uint32_t generation) {
  return (static_cast<std::uint64_t>(client) + 1) << 24 | (generation & 0xFFFFFFu);
}
// A client's own key (below 2^56) tells its client; images and imported IDs set bit 63 or 62.
inline bool is_client_hwid_key(std::uint64_t key) { return key != 0 && (key >> 62) == 0; }
inline std::uint64_t client_of_hwid_key(std::uint64_t key) { return (key >> 24) - 1; }
inline std::uint64_t image_hwid_key(std::size_t image) {
  return (std::uint64_t{1} << 63) | static_cast<std::uint64_t>(image);
}

}  // namespace calsim::detail
