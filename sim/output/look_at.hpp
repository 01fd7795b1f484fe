// The clients a trainer should look at (report.html, issue 15): the first ones
// each failure mode of truth.json touched, first refused first.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "calsim/run.hpp"

namespace calsim::detail {

struct client_to_look_at {
  std::string client, group;
  std::vector<std::string> reasons;  // failure modes, e.g. "refused (R-DEV-8)"
  sim_time first = 0;                // when the first of them began
};

// At most `per_mode` clients per failure mode and `limit` in all, chosen
// refusals first, then clones, superseded and leaked CALs, …; listed in the
// order of their first failure.
std::vector<client_to_look_at> clients_to_look_at(const truth_data& truth, std::size_t limit = 10,
                                                  std::size_t per_mode = 2);

}  // namespace calsim::detail
