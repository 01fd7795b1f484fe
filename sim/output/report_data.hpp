// What report.html needs, gathered while the run streams: a few numbers per
// key pack per day, refusals per day, the first occurrence of each event id
// and the first N events. Small: the event log itself is never kept.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "calsim/run.hpp"

namespace calsim::detail {

struct pack_days {
  std::string label;  // "SERVER/PACK"
  std::string server, pack;
  pack_type type = pack_type::per_device;
  int version = 0;
  std::size_t first_day = 0;  // first day with a row (before it the pack did not exist)
  std::vector<std::int64_t> total, issued, temporary_valid, overused;  // [day]
};

// A session host's grace days left per day (connections.csv), for the grace panel.
struct host_grace_days {
  std::string host;
  std::vector<std::int64_t> days_left;  // [day]
};

// A client group's permanent CALs held per day (groups.csv), for the stacked chart.
struct group_days {
  std::string group;
  std::vector<std::int64_t> permanent_held;  // [day]
};

struct event_copy {
  sim_time time = 0;
  std::string node, client;
  int event_id = 0;
  std::string rule, message;
};

class report_data {
 public:
  report_data(sim_time start, sim_time end, std::size_t event_limit);

  void add_pack_day(const pack_day& d);
  void add_host_day(const host_day& d);
  void add_group_day(const group_day& d);
  void add_event(const log_event& e);

  std::size_t day_count() const { return days_; }
  std::vector<sim_time> day_times() const;
  // Pads every per-day vector to day_count() (call before reading).
  void pad();

  const std::vector<pack_days>& packs() const { return packs_; }
  const std::vector<group_days>& groups() const { return groups_; }
  const std::vector<host_grace_days>& hosts() const { return hosts_; }
  const std::vector<std::int64_t>& refused() const { return refused_; }
  const std::vector<std::int64_t>& allowed_in_grace() const { return in_grace_; }
  const std::map<int, event_copy>& first_by_id() const { return first_by_id_; }
  const std::vector<event_copy>& events() const { return events_; }
  std::int64_t events_seen() const { return events_seen_; }
  std::size_t event_limit() const { return event_limit_; }

  // The stories of the clients to look at (story.hpp), when a second pass told them.
  void set_stories(std::map<std::string, std::string> stories) { stories_ = std::move(stories); }
  const std::map<std::string, std::string>& stories() const { return stories_; }

 private:
  std::size_t day_of(sim_time t);

  sim_time start_;
  std::size_t days_;
  std::size_t event_limit_;
  std::vector<pack_days> packs_;
  std::unordered_map<std::string, std::size_t> pack_index_;
  std::vector<std::int64_t> refused_, in_grace_;
  std::vector<host_grace_days> hosts_;  // in the order hosts first report
  std::unordered_map<std::string, std::size_t> host_index_;
  std::vector<group_days> groups_;  // in the scenario's group order (rows come in that order each day)
  std::size_t next_group_ = 0;
  sim_time group_date_ = -1;
  std::map<int, event_copy> first_by_id_;
  std::vector<event_copy> events_;
  std::int64_t events_seen_ = 0;
  std::map<std::string, std::string> stories_;
};

}  // namespace calsim::detail
