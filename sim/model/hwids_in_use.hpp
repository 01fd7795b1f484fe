// The HardwareIDs some active client presents at the end of a run (leaked
// CALs, truth.json), without a hash set of every client's ID (at a million
// clients that set was 50 MB at the run's memory peak, issue 18): a client's
// own ID (client_hwid_key) is checked at that client; the shared ones (an
// image's, an imported one) are kept in a sorted list.
#pragma once
#include <algorithm>
#include <cstdint>
#include <vector>

#include "model/state.hpp"

namespace calsim::detail {

class hwids_in_use {
 public:
  explicit hwids_in_use(const client_vector& clients) : clients_(clients) {
    for (const auto& cl : clients)
      if (!cl.retired && cl.hwid != 0 && !is_client_hwid_key(cl.hwid)) shared_.push_back(cl.hwid);
    std::sort(shared_.begin(), shared_.end());
    shared_.erase(std::unique(shared_.begin(), shared_.end()), shared_.end());
  }
  bool contains(std::uint64_t key) const {
    if (key == 0) return false;
    if (is_client_hwid_key(key)) {
      const std::uint64_t c = client_of_hwid_key(key);
      return c < clients_.size() && !clients_[c].retired && clients_[c].hwid == key;
    }
    return std::binary_search(shared_.begin(), shared_.end(), key);
  }

 private:
  const client_vector& clients_;
  std::vector<std::uint64_t> shared_;
};

}  // namespace calsim::detail
