// What the kernel can know of a client group before the run, made once in
// set-up (schedule.cpp) instead of worked out again at every connection
// (issue 18: together ~13 % of the 10,000-client model's time): when its
// clients exist; for a day rule that is the same for every client, the next
// scheduled day from each day of the run (plan_next); and whether anything
// can change its clients' stores between connections (connection.cpp).
#pragma once
#include <cstdint>
#include <vector>

#include "calsim/time.hpp"

namespace calsim::detail {

struct group_plan {
  static constexpr std::uint32_t no_table = 0xffffffffU;
  bool fixed_from = false;  // no `growth`: every client of the group exists from `from`
  sim_time from = 0;        // the later of the group's start and the run's start (when fixed_from)
  sim_time until = 0;       // the earlier of the group's end and the run's end
  std::uint32_t table = no_table;  // its next-scheduled-day table (simulation::next_scheduled_), if any
  // One `at` time and no random absences: plan_next's short path (no list of
  // times to fill and sort; issue 18: 6 % of the 10,000-client model's instructions).
  bool single_at = false;
  sim_time at = 0;              // that time (seconds after midnight), when single_at
  bool store_changes = true;  // false: a persistent (or cloned) client whose store nothing resets,
                              // replaces or corrupts (connection.cpp skips the lifecycle's checks)
};

// For day i of the run (0: the start's midnight), the first day j >= i on
// which a group connects (its day rule and fixed absences); size(): none.
// Shared by the groups with the same rule.
using next_scheduled_table = std::vector<std::uint16_t>;

}  // namespace calsim::detail
