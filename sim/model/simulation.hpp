// The licensing model of one replication: state, the kernel loop and the
// handlers of each event kind. Split by concept over several .cpp files:
// simulation.cpp (set-up, kernel, daily samples, result), connection.cpp (a
// client's connection: R-DEV, R-USER, R-CLI), license_server.cpp (issue,
// renew, return, revoke), session_host.cpp (mode, discovery, grace),
// schedule.cpp (when clients connect), actions.cpp (scenario actions),
// metrics.cpp (expectations), snapshots.cpp (end-of-run tables and registry).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "calsim/run.hpp"
#include "calsim/scenario.hpp"
#include "engine/event_queue.hpp"
#include "engine/network_graph.hpp"
#include "model/protocol.hpp"
#include "model/state.hpp"

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

// Sequence numbers from this value on run after every ordinary event of the same second.
inline constexpr std::uint64_t late_seq = std::uint64_t{1} << 62;

// Outcome of the licensing part of a connection.
enum class verdict : std::uint8_t { licensed, allowed_in_grace, refused };

class simulation {
 public:
  simulation(const scenario& s, const run_options& options, run_observer& observer);
  run_result run();

  // Read access for tests.
  const std::vector<server_state>& servers() const { return servers_; }
  const std::vector<host_state>& hosts() const { return hosts_; }
  const std::vector<client_state>& clients() const { return clients_; }
  sim_time now() const { return now_; }

 private:
  friend struct simulation_access;

  // simulation.cpp
  void handle(const event& e);
  void prefetch_ahead();
  std::uint64_t prefetch_count_ = 0;  // prefetch_ahead's batches
  void sample_day(sim_time day_start);
  void log(std::string_view node, std::uint32_t client, int event_id, std::string_view rule, std::string message);
  void check_invariants_of(const server_state& sv, const pack_state& p) const;
  void final_checks();
  std::string client_name(std::uint32_t c) const;
  std::string user_name(std::uint32_t u) const;  // own_user_bit | client, or an index in user_names_
  static constexpr std::uint32_t own_user_bit = 1u << 31;
  const client_group_spec& group_of(std::uint32_t c) const { return s_.clients[clients_[c].group]; }

  // schedule.cpp
  bool scheduled_on(const client_group_spec& g, const client_state& c, sim_time day) const;
  void plan_next(std::uint32_t c);

  // session_host.cpp
  void apply_configuration(std::size_t h);  // effective = configured (restart or "apply": "now")
  std::optional<std::size_t> discover(std::size_t h);  // cached per configuration epoch
  std::optional<std::size_t> find_license_server(std::size_t h) const;
  // Bumped by everything that can change what discover() finds (actions,
  // configuration applied); a host's cached discovery is valid for one epoch.
  std::uint64_t config_epoch_ = 1;
  void start_grace_if_needed(std::size_t h);
  bool in_grace(const host_state& h) const;
  std::int64_t grace_days_left(const host_state& h) const;
  sim_time grace_length() const;
  void restart_host(std::size_t h);

  // connection.cpp
  void connect(std::uint32_t c);
  void apply_client_lifecycle(std::uint32_t c);
  void new_hardware_id(std::uint32_t c);
  verdict connect_per_device(std::uint32_t c, std::size_t h);
  verdict connect_per_user(std::uint32_t c, std::size_t h);
  verdict unlicensed(std::uint32_t c, std::size_t h, int event_id, std::string_view rule, std::string why);
  store_entry* store_for(client_state& cl, std::uint32_t server);
  void put_in_store(client_state& cl, std::uint32_t server, std::uint32_t lic_index, const license& l);
  void trace(msg m, alert_error err = alert_error::none, alert_transition tr = alert_transition::none) {
    if (options_.trace) emit_trace(m, err, tr);  // a test per message when tracing is off
  }
  void emit_trace(msg m, alert_error err, alert_transition tr);

  // license_server.cpp
  std::int32_t choose_pack(const server_state& sv, pack_type type, int host_version, bool prevent_upgrade) const;
  std::uint32_t issue_temporary(std::uint32_t server, std::uint32_t c);
  std::uint32_t issue_permanent(std::uint32_t server, std::uint32_t c, std::size_t h);  // no_id when none
  void renew_permanent(std::uint32_t server, std::uint32_t lic, std::uint32_t c);
  void expire_license(std::uint32_t server, std::uint32_t lic, std::uint32_t stamp);
  void expire_temporaries(std::uint32_t server);
  void return_to_pack(server_state& sv, license& l);
  bool revoke_license(std::uint32_t server, std::uint32_t lic, std::string_view client);
  void note_exhausted(std::uint32_t server, int version, std::uint32_t c);
  void install_pack(std::uint32_t server, std::size_t pack);
  std::int32_t find_pack(const server_state& sv, std::string_view id) const;
  void rebuild_database(std::uint32_t server);

  // actions.cpp
  void run_action(const action_spec& a);
  template <class F>
  void for_each_target(const action_spec& a, F&& f);

  // metrics.cpp
  double metric_value(const metric_ref& m) const;
  void check_at(std::size_t i);
  void observe_window(std::size_t i);
  void observe_open_windows();

  // snapshots.cpp
  void take_snapshots();
  std::string hardware_id_hex(std::uint64_t key) const;
  std::vector<std::uint8_t> hardware_id_bytes(std::uint64_t key) const;

  const scenario& s_;
  run_options options_;
  run_observer& observer_;
  event_queue queue_;
  sim_time now_ = 0;
  network_graph network_;

  std::vector<server_state> servers_;
  std::vector<host_state> hosts_;
  std::vector<client_state> clients_;
  std::vector<std::uint32_t> group_first_;  // first client index of each group
  std::vector<std::string> user_names_;

  // The connection being handled, for the trace.
  struct current_connection {
    std::uint64_t id = 0;
    std::uint32_t client = 0;
    std::size_t host = 0;
    std::int64_t server = -1;
    int presented = 0;
    sim_time presented_expires = 0;
    std::string_view rule;
    std::string_view decision;
  } current_;
  void decide(std::string_view rule, std::string_view decision) {
    current_.rule = rule;
    current_.decision = decision;
  }
  void emit_connection_record(verdict v);
  std::uint64_t connections_ = 0;

  // Cumulative counters (metrics and summary).
  std::int64_t attempted_ = 0, allowed_ = 0, allowed_in_grace_ = 0, refused_ = 0;
  std::vector<std::int64_t> event_counts_;  // by Windows id (0..max)
  std::int64_t refused_today_ = 0;

  // Expectations.
  std::vector<run_result::expectation_outcome> outcomes_;
  std::vector<bool> seen_;  // between-windows: observed at least once
  std::vector<std::size_t> open_windows_;

  run_result result_;
  std::size_t day_index_ = 0;
};

}  // namespace calsim::detail
