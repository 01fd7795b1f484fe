// The kinds of kernel event of a replication and what their fields mean.
#pragma once
#include <cstdint>

namespace calsim::detail {

enum class event_kind : std::uint32_t {
  connect,          // target: client
  license_expiry,   // target: server; payload: license index << 32 | stamp
  temporary_expiry, // target: server: the oldest temporaries of its FIFO expire
  revoke_capacity,  // target: server; payload: license index (R-REV-4)
  pack_install,     // target: server; payload: pack index
  action,           // target: action index
  day_end,          // daily sample (timeline, connections)
  check_at,         // target: expectation index
  window_open,      // target: expectation index
  window_close,     // target: expectation index
};

inline constexpr std::uint32_t kind_of(event_kind k) { return static_cast<std::uint32_t>(k); }

// Sequence numbers from this value on run after every ordinary event of the same second.
inline constexpr std::uint64_t late_seq = std::uint64_t{1} << 62;

}  // namespace calsim::detail
