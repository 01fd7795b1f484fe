// `initial_licenses`: the run starts from a real license server's state. Each
// license enters its server's database and its pack's issued count, with its
// HardwareID as exported; a client named like sIssuedToComputer starts with
// its latest license in its store and that HardwareID (SCENARIO.md).
#include <algorithm>
#include <map>

#include "model/connection_rules.hpp"
#include "model/simulation.hpp"
#include "scenario/name_pattern.hpp"

namespace calsim::detail {

std::uint32_t simulation::client_named(const std::string& name) const {
  for (std::size_t g = 0; g < s_.clients.size(); ++g)
    if (const auto n = match_name(s_.clients[g].name, name, s_.clients[g].count))
      return group_first_[g] + static_cast<std::uint32_t>(*n - 1);
  return no_id;
}

void simulation::add_initial_licenses() {
  // Oldest first: a later license of a HardwareID supersedes an older one
  // (R-DEV-7), and temporaries enter their server's expiry order (R-DEV-1).
  std::vector<const initial_license_spec*> order;
  for (const auto& l : s_.initial_licenses) order.push_back(&l);
  std::stable_sort(order.begin(), order.end(), [](const auto* a, const auto* b) { return a->issued < b->issued; });
  std::map<std::array<std::uint8_t, 20>, std::uint64_t> keys;  // exported HardwareID -> key
  for (const initial_license_spec* spec : order) {
    license_holder to;
    to.client = client_named(spec->computer);
    if (to.client != no_id) to.user = clients_[to.client].user;
    if (spec->hardware_id) {
      auto [it, fresh] = keys.try_emplace(*spec->hardware_id, imported_hwid_bit | imported_hwids_.size());
      if (fresh) imported_hwids_.push_back(*spec->hardware_id);
      to.hwid = it->second;
    }
    const auto server = static_cast<std::uint32_t>(spec->server);
    license_server& sv = servers_[server];
    bool schedule_temporary = false;
    const std::uint32_t idx = sv.add_initial_license(to, spec->pack, spec->issued, spec->expires, &schedule_temporary);
    const license& l = sv.licenses()[idx];
    if (schedule_temporary) queue_.push(l.expires, kind_of(event_kind::temporary_expiry), server, 0);
    if (l.kind != license_kind::temporary)
      queue_.push(l.expires, kind_of(event_kind::license_expiry), server, static_cast<std::uint64_t>(idx) << 32);
    if (to.client == no_id || l.kind == license_kind::user) continue;
    client_state& cl = clients_[to.client];  // its latest license (rows oldest first) and that HardwareID
    cl.hwid = to.hwid;
    cl.store.clear();
    put_in_store(cl, server, idx, l);
  }
}

}  // namespace calsim::detail
