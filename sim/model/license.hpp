// A license in a license server's database, and a key pack's counts.
#pragma once
#include <cstdint>
#include <limits>
#include <vector>

#include "calsim/scenario.hpp"
#include "core/huge_pages.hpp"

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
  sim_time expires = 0;          // revoked: still its expiry, when the revoke capacity comes back (R-REV-4)
};
static_assert(sizeof(license) == 48, "a million clients hold two million licenses");

using license_vector = std::vector<license, huge_page_allocator<license>>;

struct pack_state {
  key_pack_spec spec;
  bool installed = false;  // before its `installed` time a pack is not there yet
  bool removed = false;
  std::int64_t total = 0, issued = 0, available = 0;
  std::int64_t revoked = 0;   // in the revoked state now (capacity used, R-REV-2)
  std::int64_t overused = 0;  // per user: issues beyond the pool still unexpired (R-USER-1)
  std::int64_t issued_today = 0, renewed_today = 0, returned_today = 0, revoked_today = 0;
  std::int64_t peak_issued = 0;   // at the end of a day (timeline.csv, summary.json)
  std::int64_t most_at_once = 0;  // at any instant: a count this high never runs short (size)
  sim_time peak_date = 0;
  std::size_t label = 0;  // index in run_result::daily

  // One CAL of the pack leaves the pool (every issue path: the pool's counts and its most at once together).
  void take_one() {
    --available;
    ++issued;
    if (issued > most_at_once) most_at_once = issued;
  }
};

// Who a license is issued to.
struct license_holder {
  std::uint64_t hwid = 0;
  std::uint32_t client = no_id;
  std::uint32_t user = no_id;
};

}  // namespace calsim::detail
