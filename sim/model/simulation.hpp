// The kernel of one replication: the state of hosts and clients, the license
// servers (license_server.hpp), the event loop and one handler per event
// kind. A connection's licensing is decided by connection_rules.cpp and
// written out once by record_decision (connection.cpp). Split by concept:
// simulation.cpp (set-up, kernel, result), daily.cpp (daily samples, event
// log, invariants), connection.cpp (a client's connection and its record),
// session_host.cpp (mode, discovery), schedule.cpp (when clients connect),
// actions.cpp (scenario actions), metrics.cpp (expectations), snapshots.cpp
// (end-of-run tables and registry).
#pragma once
#include <cstdint>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <string>
#include <string_view>
#include <vector>

#include "calsim/run.hpp"
#include "calsim/scenario.hpp"
#include "engine/event_queue.hpp"
#include "engine/network_graph.hpp"
#include "model/decision.hpp"
#include "model/event_kind.hpp"
#include "model/group_plan.hpp"
#include "model/hwids_in_use.hpp"
#include "model/license_server.hpp"
#include "model/protocol.hpp"
#include "model/state.hpp"
#include "model/truth_recorder.hpp"

namespace calsim::detail {

class simulation {
 public:
  simulation(const scenario& s, const run_options& options, run_observer& observer);
  run_result run();

  // Read access for tests.
  const std::vector<license_server>& servers() const { return servers_; }
  const std::vector<host_state>& hosts() const { return hosts_; }
  const client_vector& clients() const { return clients_; }
  sim_time now() const { return now_; }

 private:
  friend struct simulation_access;

  // simulation.cpp
  void handle(const event& e);
  void prefetch_ahead();
  std::uint64_t prefetch_count_ = 0;  // prefetch_ahead's batches
  void sample_day(sim_time day_start);
  void sample_groups(sim_time day_start);
  static void count_group(std::vector<std::int64_t>& per_group, std::uint32_t group) {
    if (group >= per_group.size()) per_group.resize(group + 1, 0);  // add_clients groups come later
    ++per_group[group];
  }
  void log(std::string_view node, std::uint32_t client, int event_id, rule_id rule, std::string message);
  void final_checks();
  void add_servers();
  void add_hosts();
  void add_clients();
  void add_image_licenses();
  void add_initial_licenses();                          // initial_licenses.cpp
  std::uint32_t client_named(const std::string& name) const;  // no_id when no client has that name
  void add_expectations();
  void sum_result();
  void count_memory();  // memory.cpp
  std::string client_name(std::uint32_t c) const;
  std::string user_name(std::uint32_t u) const;  // own_user_bit | client, or an index in user_names_
  static constexpr std::uint32_t own_user_bit = 1u << 31;
  const client_group_spec& group_of(std::uint32_t c) const { return s_.clients[clients_[c].group]; }
  std::uint32_t index_in_group(std::uint32_t c) const { return c - group_first_[clients_[c].group]; }
  // When client c exists: its group's start, or the day `growth` adds it (00:00).
  sim_time active_from(std::uint32_t c) const {
    const client_group_spec& g = group_of(c);
    const sim_time from = g.active_from.value_or(s_.start);
    const std::int64_t d = g.joined_day(index_in_group(c));
    return d == 0 ? from : day_floor(from) + d * seconds_per_day;
  }

  // schedule.cpp
  bool scheduled_on(const client_group_spec& g, std::uint32_t ci, sim_time day) const;
  bool away_at_random(std::uint32_t ci, const schedule_spec& sc, sim_time day);
  std::vector<absence_state> absences_;  // by client, once a group draws absences
  void plan_next(std::uint32_t c);
  void plan_next_inline(std::uint32_t c);  // schedule_inline.hpp
  bool plans_from(std::uint32_t ci, const client_state& c, const group_plan& p, sim_time& earliest) const;
  bool next_planned_day(std::uint32_t ci, client_state& c, const group_plan& p, sim_time earliest, sim_time& day);
  void plan_single_at(std::uint32_t ci, client_state& c, const group_plan& p, sim_time earliest);
  // The day table: for each day from the start's midnight to the end, its
  // weekday (Monday 0) and workday_bit for a workday that is no holiday.
  static constexpr std::uint8_t weekday_mask = 7, workday_bit = 8;
  void make_day_table();
  std::uint8_t compute_day_info(sim_time day) const;
  std::uint8_t day_info(sim_time day) const {  // day: a midnight
    if (day >= first_day_) {
      const auto i = static_cast<std::uint64_t>(day - first_day_) / seconds_per_day;
      if (i < day_table_.size()) return day_table_[i];
    }
    return compute_day_info(day);
  }
  sim_time first_day_ = 0;
  std::vector<std::uint8_t> day_table_;
  void make_group_plans();  // after make_day_table
  std::uint32_t next_scheduled_for(const client_group_spec& g);
  bool skip_to_scheduled(client_state& c, const group_plan& p) const;
  std::vector<group_plan> group_plans_;               // by group
  std::vector<next_scheduled_table> next_scheduled_;  // group_plan::table indexes it
  std::vector<const schedule_spec*> table_schedules_;  // the rule each table was made from

  // session_host.cpp
  void apply_configuration(std::size_t h);  // effective = configured (restart or "apply": "now")
  // Every connection asks; the answer changes only with the configuration
  // (cached per configuration epoch, inline: it runs once per connection).
  std::optional<std::size_t> discover(std::size_t hi) {
    host_state& h = hosts_[hi];
    if (h.discovered_epoch != config_epoch_) rediscover(h, hi);
    if (h.discovered == no_id) return std::nullopt;
    return h.discovered;
  }
  void rediscover(host_state& h, std::size_t hi);
  std::optional<std::size_t> find_license_server(std::size_t h);
  // Bumped by everything that can change what discover() finds (actions,
  // configuration applied); a host's cached discovery is valid for one epoch.
  std::uint64_t config_epoch_ = 1;
  bool in_grace(const host_state& h) const;
  std::int64_t grace_days_left(const host_state& h) const;
  void restart_host(std::size_t h);

  // connection.cpp
  void connect(std::uint32_t c);
  [[gnu::noinline]] void connect_in_general(std::uint32_t c, std::size_t h, std::uint64_t id, std::uint32_t found);
  void apply_client_lifecycle(std::uint32_t c);
  void change_store(std::uint32_t c);  // the part of the lifecycle that draws or resets
  void new_hardware_id(std::uint32_t c);
  void restore_image(std::uint32_t c, std::size_t image);
  void client_event(std::uint32_t c, rule_id rule, std::string message);
  void count_verdict(host_state& host, verdict v) {  // inline: a licensed connection is the usual one
    if (v != verdict::licensed) return count_unlicensed(host, v);
    ++allowed_;
    ++host.allowed;
  }
  void count_unlicensed(host_state& host, verdict v);
  void note_truth(std::uint32_t c, std::size_t h, const decision& d);
  void record_decision(std::uint32_t c, std::size_t h, const decision& d);
  void log_note(std::uint32_t c, std::size_t h, const decision& d, const note& n);
  void emit_trace(std::uint32_t c, std::size_t h, std::uint64_t id, const decision& d);
  void emit_connection_record(std::uint32_t c, std::size_t h, std::uint64_t id, const decision& d);

  // license servers (simulation.cpp): what the kernel schedules for them
  void install_pack(std::uint32_t server, std::size_t pack);
  void expire_license(std::uint32_t server, std::uint32_t lic, std::uint32_t stamp);
  void expire_temporaries(std::uint32_t server);

  // actions.cpp
  void run_action(const action_spec& a);
  void run_client_action(const action_spec& a);
  void run_server_action(const action_spec& a);
  void revoke(const action_spec& a);
  bool revoke_license(std::uint32_t server, std::uint32_t lic, const std::string& who, bool quiet_when_capped);
  template <class F>
  void for_each_target(const action_spec& a, F&& f);

  // metrics.cpp
  double metric_value(const metric_ref& m) const;
  void check_at(std::size_t i);
  void observe_window(std::size_t i);
  void observe_open_windows();

  // truth.cpp (truth.json)
  void take_truth();
  void note_kind_modes();
  void note_leaks(const std::unordered_map<std::uint64_t, sim_time>& last_use, const hwids_in_use& in_use);
  void take_truth_hosts_and_packs(const hwids_in_use& in_use);
  truth_recorder truth_;

  // snapshots.cpp
  void take_snapshots();
  void snapshot_tables();
  node_registry host_registry(const host_state& h) const;
  node_registry client_registry(std::uint32_t c) const;
  std::string hardware_id_hex(std::uint64_t key) const;
  std::vector<std::uint8_t> hardware_id_bytes(std::uint64_t key) const;

  const scenario& s_;
  run_options options_;
  run_observer& observer_;
  event_queue queue_;
  sim_time now_ = 0;
  network_graph network_;

  std::vector<license_server> servers_;
  std::vector<host_state> hosts_;
  client_vector clients_;
  std::vector<std::uint32_t> group_first_;  // first client index of each group
  std::vector<std::uint32_t> client_group_;  // by client: its group (dense, for the daily scan)
  std::vector<std::uint32_t> active_cursor_;  // by group: its clients active so far (groups.csv)
  std::vector<std::uint32_t> retired_;       // clients retired by an action
  std::vector<std::string> user_names_;
  std::vector<store_entry> image_store_;
  // HardwareIDs of initial_licenses, as exported: key imported_hwid_bit | index.
  static constexpr std::uint64_t imported_hwid_bit = std::uint64_t{1} << 62;
  std::vector<std::array<std::uint8_t, 20>> imported_hwids_;
  bool stopped_ = false;  // run_options::stop_after_refused reached
  std::vector<std::uint32_t> flagged_beyond_limit_;  // clients past registry_client_limit a failure mode touched
  // R-CLI-5: a corrupted store leaves its HardwareID in the key: by client, oldest first.
  std::map<std::uint32_t, std::vector<std::uint64_t>> earlier_hwids_;  // by image: the license it carries (server no_server: none)

  std::uint64_t connections_ = 0;
  // run_options::routine_shortcut, when nothing reads the decision record (no trace).
  bool routine_ = false;
  std::int64_t routine_connections_ = 0;

  // Cumulative counters (metrics and summary).
  std::int64_t attempted_ = 0, allowed_ = 0, allowed_in_grace_ = 0, refused_ = 0;
  std::vector<std::int64_t> event_counts_;  // by Windows id (0..max)
  std::int64_t refused_today_ = 0;
  std::vector<std::int64_t> group_connections_, group_refused_;  // today, per group (groups.csv)

  // Expectations.
  std::vector<run_result::expectation_outcome> outcomes_;
  std::vector<bool> seen_;  // between-windows: observed at least once
  std::vector<std::size_t> open_windows_;

  run_result result_;
  std::size_t day_index_ = 0;
};

}  // namespace calsim::detail
