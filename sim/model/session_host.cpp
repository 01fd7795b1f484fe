// Session hosts: effective licensing mode and license-server list, discovery,
// and the grace period.
#include "core/calendar.hpp"
#include "model/grace.hpp"
#include "model/simulation.hpp"

namespace calsim::detail {

void simulation::apply_configuration(std::size_t hi) {
  host_state& h = hosts_[hi];
  ++config_epoch_;
  // R-MODE-1: the policy value wins over the registry value when it is set.
  h.mode = h.policy_mode.value_or(h.registry_mode);
  // R-MODE-3: the policy list wins over SpecifiedLicenseServers when it is set.
  h.servers = h.policy_servers.value_or(h.registry_servers);
  h.prevent_upgrade = h.policy_prevent_upgrade.value_or(false);
  // R-MODE-2: any value but 2, 4 and 5 behaves as 5 and is worth a warning.
  if (h.mode != 2 && h.mode != 4 && h.mode != 5)
    log(h.name, no_id, 0, rule_id::mode_2,
        "LicensingMode " + std::to_string(h.mode) + " is not a valid mode (2 per device, 4 per user): treated as 5, not configured");
}

void simulation::restart_host(std::size_t hi) {
  host_state& h = hosts_[hi];
  apply_configuration(hi);  // R-MODE-7
  if (h.timebomb_deleted) {
    // R-GRACE-5: a deleted timebomb makes the grace period start again.
    h.timebomb_deleted = false;
    h.grace_ended_early = false;
    if (s_.rules == rules_profile::ws2003 || s_.rules == rules_profile::ws2012) {
      h.grace_started = true;
      h.grace_start = now_;
    } else {
      h.grace_started = false;  // starts again at the next client connection
    }
    log(h.name, no_id, 0, rule_id::grace_5, "grace period restarted after the timebomb value was deleted (lab-only practice)");
  }
  if (s_.rules == rules_profile::ws2003 && in_grace(h) && discover(hi)) h.grace_ended_early = true;  // R-GRACE-3
}

// Discovery again after a configuration change (discover()'s slow path).
void simulation::rediscover(host_state& h, std::size_t hi) {
  const std::optional<std::size_t> found = find_license_server(hi);
  h.discovered = found ? static_cast<std::uint32_t>(*found) : no_id;
  h.discovered_epoch = config_epoch_;
}

// R-MODE-4: the first listed server that is reachable, online, compatible and
// willing (R-MODE-8); notes on the host when a workgroup server refused it.
std::optional<std::size_t> simulation::find_license_server(std::size_t hi) {
  host_state& h = hosts_[hi];
  h.workgroup_refused = false;
  auto usable = [&](std::size_t k) {
    const license_server& sv = servers_[k];
    if (sv.version() < h.version || !network_.reachable(h.node, sv.node())) return false;  // R-VER-2, R-NET-1
    // R-MODE-8: a workgroup server serves a workgroup host only with DisableWorkgroupAuthEnforcement.
    if (!h.domain && !sv.domain() && !sv.disable_workgroup_auth()) {
      h.workgroup_refused = true;
      return false;
    }
    return true;
  };
  if (!h.servers.empty()) {
    for (std::size_t k : h.servers)
      if (usable(k)) return k;
    return std::nullopt;
  }
  // No list: a domain-joined host may find a server published in its domain.
  if (s_.auto_discovery && h.domain)
    for (std::size_t k = 0; k < servers_.size(); ++k)
      if (servers_[k].domain() == h.domain && usable(k)) return k;
  return std::nullopt;
}

bool simulation::in_grace(const host_state& h) const { return detail::in_grace(h, s_.rules, now_); }

std::int64_t simulation::grace_days_left(const host_state& h) const {
  return detail::grace_days_left(h, s_.rules, now_);
}

}  // namespace calsim::detail
