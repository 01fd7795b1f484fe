// Scenario actions (SCENARIO.md, "Actions"): what an admin does during the run.
#include <algorithm>

#include "core/calendar.hpp"
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
      const client_group_spec& g = group_of(c);
      if (g.active_from.value_or(s_.start) > now_) {
        log("", c, 0, "R-CLI", std::string("action ") + a.pointer + " skipped for a client not active yet");
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
      log(h.name, no_id, 0, "R-MODE-7",
          std::string("LicensingMode set via ") + (a.via == config_via::policy ? "policy" : "registry") + " to " +
              (a.value ? std::to_string(*a.value) : "not set") + (a.apply_now ? ", applied now" : ", applies at restart"));
      if (a.apply_now) apply_configuration(a.host);
      break;
    }
    case action_verb::set_license_servers: {
      host_state& h = hosts_[a.host];
      if (a.via == config_via::policy) h.policy_servers = a.servers;
      else h.registry_servers = a.servers.value_or(std::vector<std::size_t>{});
      log(h.name, no_id, 0, "R-MODE-7",
          std::string("license server list set via ") + (a.via == config_via::policy ? "policy" : "registry") +
              (a.apply_now ? ", applied now" : ", applies at restart"));
      if (a.apply_now) apply_configuration(a.host);
      break;
    }
    case action_verb::set_policy: {
      host_state& h = hosts_[a.host];
      h.policy_prevent_upgrade = a.prevent_license_upgrade;
      h.prevent_upgrade = a.prevent_license_upgrade.value_or(false);
      log(h.name, no_id, 0, "R-VER-3",
          std::string("policy prevent_license_upgrade ") + (h.prevent_upgrade ? "enabled" : "disabled"));
      break;
    }
    case action_verb::restart_host:
      log(hosts_[a.host].name, no_id, 0, "R-MODE-7", "host restarted");
      restart_host(a.host);
      break;
    case action_verb::delete_timebomb:
      hosts_[a.host].timebomb_deleted = true;
      log(hosts_[a.host].name, no_id, 0, "R-GRACE-5",
          "timebomb value deleted: the grace period restarts at the next restart (lab-only practice)");
      break;
    case action_verb::delete_mslicensing:
      for_each_target(a, [&](std::uint32_t c) {
        clients_[c].hwid = 0;  // R-CLI-2: the next connection makes a new HardwareID
        clients_[c].store.clear();
      });
      break;
    case action_verb::corrupt_store:
      for_each_target(a, [&](std::uint32_t c) { clients_[c].corrupt = true; });
      break;
    case action_verb::rebuild_client:
      for_each_target(a, [&](std::uint32_t c) { new_hardware_id(c); });  // R-CLI-4
      break;
    case action_verb::retire_client:
      for_each_target(a, [&](std::uint32_t c) { clients_[c].retired = true; });
      break;
    case action_verb::add_clients:
      // The group's clients were created at the start with `active_from` = this action.
      log("", no_id, 0, "R-CLI", "group " + s_.clients[a.group].group + " joins (" +
                                     std::to_string(s_.clients[a.group].count) + " clients)");
      break;
    case action_verb::add_key_pack: {
      server_state& sv = servers_[a.server];
      pack_state ps;
      ps.spec = *a.pack;
      if (options_.keep_daily) {
        // An added pack gets its daily series, with zeros for the days before.
        ps.label = result_.daily.pack_labels.size();
        result_.daily.pack_labels.push_back(sv.name + "/" + ps.spec.id);
        result_.daily.issued.emplace_back(day_index_, 0);
      }
      sv.packs.push_back(ps);
      install_pack(static_cast<std::uint32_t>(a.server), sv.packs.size() - 1);
      log(sv.name, no_id, 0, "R-DEV-6", "key pack " + ps.spec.id + " added (" + std::to_string(ps.spec.count) + " CALs)");
      break;
    }
    case action_verb::remove_key_pack: {
      server_state& sv = servers_[a.server];
      const std::int32_t p = find_pack(sv, a.pack_id);
      if (p < 0) break;
      pack_state& ps = sv.packs[static_cast<std::size_t>(p)];
      // CALs issued from it are forgotten by the server: their clients are served as R-DEV-7.
      for (auto& l : sv.licenses)
        if (l.pack == p && (l.status == license_status::active || l.status == license_status::revoked)) {
          l.status = license_status::forgotten;
          ++l.stamp;
        }
      ps.removed = true;
      ps.installed = false;
      ps.total = ps.issued = ps.available = ps.revoked = 0;
      log(sv.name, no_id, 0, "R-DEV-7", "key pack " + a.pack_id + " removed; its issued CALs are forgotten");
      break;
    }
    case action_verb::activate_server:
      if (!servers_[a.server].activated) {
        servers_[a.server].activated = true;
        log(servers_[a.server].name, no_id, 4, "R-DEV-9", "license server activated");
      }
      break;
    case action_verb::server_offline:
      network_.set_node_online(servers_[a.server].node, false);
      log(servers_[a.server].name, no_id, 0, "R-NET-1", "license server offline");
      break;
    case action_verb::server_online:
      network_.set_node_online(servers_[a.server].node, true);
      log(servers_[a.server].name, no_id, 0, "R-NET-1", "license server online");
      break;
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
      log("", no_id, 0, "R-NET-1", std::string("link ") + (up ? "up" : "down") + " (" + a.pointer + ")");
      break;
    }
    case action_verb::revoke: {
      const auto server = static_cast<std::uint32_t>(a.server);
      server_state& sv = servers_[server];
      if (a.count) {
        // The oldest active permanent per-device CALs first (issue order).
        std::int64_t left = *a.count;
        for (std::uint32_t i = 0; i < sv.licenses.size() && left > 0; ++i) {
          const license& l = sv.licenses[i];
          if (l.kind != license_kind::device || l.status != license_status::active || l.pack < 0) continue;
          const std::string who = l.client != no_id ? client_name(l.client) : "an image";
          if (!revoke_license(server, i, who)) break;
          --left;
        }
        if (left > 0)
          log(sv.name, no_id, 0, "R-REV-2",
              "revoke of " + std::to_string(*a.count) + " CALs: " + std::to_string(left) + " not revoked");
      } else {
        for_each_target(a, [&](std::uint32_t c) {
          client_state& cl = clients_[c];
          const store_entry* e = store_for(cl, server);
          if (!e || e->kind != license_kind::device) {
            log(sv.name, c, 0, "R-REV-1", "revoke: the client holds no permanent CAL from this server");
            return;
          }
          revoke_license(server, e->license, client_name(c));
        });
      }
      break;
    }
    case action_verb::rebuild_license_database: rebuild_database(static_cast<std::uint32_t>(a.server)); break;
  }
}

}  // namespace calsim::detail
