// Scenario actions (SCENARIO.md, "Actions"): what an admin does during the run.
#include <algorithm>

#include "core/calendar.hpp"
#include "core/scenario_enums.hpp"
#include "model/connection_rules.hpp"
#include "model/simulation.hpp"

namespace calsim::detail {

template <class F>
void simulation::for_each_target(const action_spec& a, F&& f) {
  for (const client_target& t : a.clients) {
    const std::uint32_t first = group_first_[t.group];
    const auto count = static_cast<std::uint32_t>(s_.clients[t.group].count);
    const std::uint32_t lo = t.index < 0 ? first : first + static_cast<std::uint32_t>(t.index);
    const std::uint32_t hi = t.index < 0 ? first + count : lo + 1;
    for (std::uint32_t c = lo; c < hi; ++c) {
      if (active_from(c) > now_) {
        log("", c, 0, rule_id::cli, std::string("action ") + a.pointer + " skipped for a client not active yet");
        continue;
      }
      if (clients_[c].retired) continue;
      f(c);
    }
  }
}

void simulation::run_action(const action_spec& a) {
  ++config_epoch_;  // an action may change what discovery finds (network, server lists)
  switch (a.verb) {
    case action_verb::set_licensing_mode: {
      host_state& h = hosts_[a.host];
      if (a.via == config_via::policy) h.policy_mode = a.value;
      else h.registry_mode = a.value.value_or(5);
      log(h.name, no_id, 0, rule_id::mode_7,
          std::string("LicensingMode set via ") + std::string(name_of(config_vias, a.via)) + " to " +
              (a.value ? std::to_string(*a.value) : "not set") + (a.apply_now ? ", applied now" : ", applies at restart"));
      if (a.apply_now) apply_configuration(a.host);
      break;
    }
    case action_verb::set_license_servers: {
      host_state& h = hosts_[a.host];
      if (a.via == config_via::policy) h.policy_servers = a.servers;
      else h.registry_servers = a.servers.value_or(std::vector<std::size_t>{});
      log(h.name, no_id, 0, rule_id::mode_7,
          std::string("license server list set via ") + std::string(name_of(config_vias, a.via)) +
              (a.apply_now ? ", applied now" : ", applies at restart"));
      if (a.apply_now) apply_configuration(a.host);
      break;
    }
    case action_verb::set_policy: {
      host_state& h = hosts_[a.host];
      h.policy_prevent_upgrade = a.prevent_license_upgrade;
      h.prevent_upgrade = a.prevent_license_upgrade.value_or(false);
      log(h.name, no_id, 0, rule_id::ver_3,
          std::string("policy prevent_license_upgrade ") + (h.prevent_upgrade ? "enabled" : "disabled"));
      break;
    }
    case action_verb::restart_host:
      log(hosts_[a.host].name, no_id, 0, rule_id::mode_7, "host restarted");
      restart_host(a.host);
      break;
    case action_verb::delete_timebomb:
      hosts_[a.host].timebomb_deleted = true;
      log(hosts_[a.host].name, no_id, 0, rule_id::grace_5,
          "timebomb value deleted: the grace period restarts at the next restart (lab-only practice)");
      break;
    case action_verb::delete_mslicensing:
    case action_verb::corrupt_store:
    case action_verb::rebuild_client:
    case action_verb::retire_client:
    case action_verb::add_clients: run_client_action(a); break;
    default: run_server_action(a); break;
  }
}

void simulation::run_client_action(const action_spec& a) {
  switch (a.verb) {
    case action_verb::delete_mslicensing:
      for_each_target(a, [&](std::uint32_t c) {
        clients_[c].hwid = 0;  // R-CLI-2: the next connection makes a new HardwareID
        clients_[c].store.clear();
        earlier_hwids_.erase(c);
        truth_.note(c, failure_mode::deleted_mslicensing, rule_id::cli_2, now_);
        client_event(c, rule_id::cli_2, "action: the MSLicensing key was deleted");
      });
      break;
    case action_verb::corrupt_store:
      for_each_target(a, [&](std::uint32_t c) {
        clients_[c].corrupt = true;
        client_event(c, rule_id::dev_10, "action: the license store was corrupted");
      });
      break;
    case action_verb::rebuild_client:
      for_each_target(a, [&](std::uint32_t c) {
        new_hardware_id(c);  // R-CLI-4
        truth_.note(c, failure_mode::rebuilt, rule_id::cli_4, now_);
        client_event(c, rule_id::cli_4, "action: rebuilt (a new OS install): a new HardwareID, the same computer name");
      });
      break;
    case action_verb::retire_client:
      for_each_target(a, [&](std::uint32_t c) {
        if (!clients_[c].retired) retired_.push_back(c);
        clients_[c].retired = true;
        client_event(c, rule_id::cli, "action: retired: the client never connects again");
      });
      break;
    case action_verb::add_clients:
      // The group's clients were created at the start with `active_from` = this action.
      log("", no_id, 0, rule_id::cli, "group " + s_.clients[a.group].group + " joins (" +
                                     std::to_string(s_.clients[a.group].count) + " clients)");
      break;
    default: break;
  }
}

void simulation::run_server_action(const action_spec& a) {
  switch (a.verb) {
    case action_verb::add_key_pack: {
      license_server& sv = servers_[a.server];
      const std::size_t pi = sv.add_pack(*a.pack);
      if (options_.keep_daily) {
        // An added pack gets its daily series, with zeros for the days before.
        sv.pack(pi).label = result_.daily.pack_labels.size();
        result_.daily.pack_labels.push_back(sv.name() + "/" + a.pack->id);
        result_.daily.issued.emplace_back(day_index_, 0);
      }
      install_pack(static_cast<std::uint32_t>(a.server), pi);
      log(sv.name(), no_id, 0, rule_id::dev_6,
          "key pack " + a.pack->id + " added (" + std::to_string(a.pack->count) + " CALs)");
      break;
    }
    case action_verb::remove_key_pack: {
      license_server& sv = servers_[a.server];
      const std::int32_t p = sv.find_pack(a.pack_id);
      if (p < 0) break;
      sv.remove_pack(static_cast<std::size_t>(p));  // its CALs are forgotten: served as R-DEV-7
      log(sv.name(), no_id, 0, rule_id::dev_7, "key pack " + a.pack_id + " removed; its issued CALs are forgotten");
      break;
    }
    case action_verb::activate_server:
      if (!servers_[a.server].activated()) {
        servers_[a.server].activate();
        log(servers_[a.server].name(), no_id, 4, rule_id::dev_9, "license server activated");
      }
      break;
    case action_verb::server_offline:
    case action_verb::server_online: {
      const bool online = a.verb == action_verb::server_online;
      network_.set_node_online(servers_[a.server].node(), online);
      log(servers_[a.server].name(), no_id, 0, rule_id::net_1,
          online ? "license server online" : "license server offline");
      break;
    }
    case action_verb::link_down:
    case action_verb::link_up: {
      auto node = [&](const node_ref& r) {
        switch (r.kind) {
          case node_kind::license_server: return r.index;
          case node_kind::session_host: return servers_.size() + r.index;
          case node_kind::router: return servers_.size() + hosts_.size() + r.index;
        }
        return r.index;
      };
      const bool up = a.verb == action_verb::link_up;
      network_.set_link_up(node(a.between.first), node(a.between.second), up);
      log("", no_id, 0, rule_id::net_1, std::string("link ") + (up ? "up" : "down") + " (" + a.pointer + ")");
      break;
    }
    case action_verb::revoke: revoke(a); break;
    case action_verb::rebuild_license_database:
      servers_[a.server].rebuild_database();
      log(servers_[a.server].name(), no_id, 0, rule_id::dev_7,
          "license database rebuilt: every issued license is forgotten, packs are full");
      break;
    default: break;
  }
}

// R-REV-6: with a count, the oldest active permanents first, skipping those
// whose version has reached its limit; else the CALs of the clients named.
// One line and one summary entry say what was asked and done (R-REV-4).
void simulation::revoke(const action_spec& a) {
  const auto server = static_cast<std::uint32_t>(a.server);
  license_server& sv = servers_[server];
  run_result::revocation done;
  done.at = now_;
  done.server = sv.name();
  if (a.count) {
    done.asked = *a.count;
    for (std::uint32_t i = 0; i < sv.licenses().size() && done.revoked < done.asked; ++i) {
      const license& l = sv.licenses()[i];
      if (l.kind != license_kind::device || l.status != license_status::active || l.pack < 0) continue;
      const std::string who = l.client != no_id ? client_name(l.client) : "an image";
      if (revoke_license(server, i, who, /*quiet_when_capped=*/true)) ++done.revoked;
    }
  } else {
    for_each_target(a, [&](std::uint32_t c) {
      ++done.asked;
      const store_entry* e = store_for(clients_[c], server);
      if (!e || e->kind != license_kind::device) {
        log(sv.name(), c, 0, rule_id::rev_1, "revoke: the client holds no permanent CAL from this server");
        return;
      }
      if (revoke_license(server, e->license, client_name(c), false)) ++done.revoked;
    });
  }
  done.next_revoke_allowed_on = sv.next_revoke_allowed();
  log(sv.name(), no_id, 0, a.count ? rule_id::rev_6 : rule_id::rev_4,
      "revoke: " + std::to_string(done.revoked) + " of " + std::to_string(done.asked) +
          " CALs asked were revoked; NextRevokeAllowedOn " +
          (done.next_revoke_allowed_on ? format_date(*done.next_revoke_allowed_on) : std::string("none")));
  result_.revocations.push_back(std::move(done));
}

// R-REV-1..4: one CAL; false when it could not be revoked.
bool simulation::revoke_license(std::uint32_t server, std::uint32_t idx, const std::string& who, bool quiet_when_capped) {
  license_server& sv = servers_[server];
  const std::uint32_t holder = sv.licenses()[idx].client;
  const revoke_result r = sv.revoke(idx, now_);
  switch (r.status) {
    case revoke_status::not_revocable:
      log(sv.name(), holder, 0, rule_id::rev_1,
          "revoke: license " + std::to_string(idx + 1) + " of " + who +
              " is not an active permanent per-device CAL: nothing revoked");
      return false;
    case revoke_status::cap_reached:
      if (!quiet_when_capped)  // R-REV-4: the true date, even after the run's end
        log(sv.name(), holder, 0, rule_id::rev_4,
            "revoke refused for " + who + ": " + std::to_string(r.already_revoked) + " of at most " +
                std::to_string(r.cap) + " Windows Server " + std::to_string(r.version) +
                " CALs already revoked; NextRevokeAllowedOn " + format_date(r.capacity_back));
      return false;
    case revoke_status::revoked: break;
  }
  queue_.push(r.capacity_back, kind_of(event_kind::revoke_capacity), server, idx);
  log(sv.name(), holder, 0, rule_id::rev_3,
      "revoked license " + std::to_string(idx + 1) + " of " + who + "; capacity back on " + format_date(r.capacity_back));
  return true;
}

}  // namespace calsim::detail
