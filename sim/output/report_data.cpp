#include "output/report_data.hpp"

namespace calsim::detail {
namespace {

event_copy copy_of(const log_event& e) {
  return {e.time, std::string(e.node), std::string(e.client), e.event_id, std::string(e.rule), e.message};
}

template <class T>
void grow(std::vector<T>& v, std::size_t n) {
  if (v.size() < n) v.resize(n, T{});
}

}  // namespace

report_data::report_data(sim_time start, sim_time end, std::size_t event_limit)
    : start_(day_floor(start)),
      days_(end > start ? static_cast<std::size_t>((end - day_floor(start) + seconds_per_day - 1) / seconds_per_day)
                        : 0),
      event_limit_(event_limit) {}

std::size_t report_data::day_of(sim_time t) {
  const sim_time d = day_floor(t) - start_;
  const std::size_t i = d > 0 ? static_cast<std::size_t>(d / seconds_per_day) : 0;
  if (i + 1 > days_) days_ = i + 1;
  return i;
}

void report_data::add_pack_day(const pack_day& d) {
  const std::size_t day = day_of(d.date);
  std::string label = std::string(d.server) + "/" + std::string(d.pack);
  auto it = pack_index_.find(label);
  if (it == pack_index_.end()) {
    it = pack_index_.emplace(label, packs_.size()).first;
    pack_days p;
    p.label = std::move(label);
    p.server = d.server;
    p.pack = d.pack;
    p.first_day = day;
    packs_.push_back(std::move(p));
  }
  pack_days& p = packs_[it->second];
  p.type = d.type;
  p.version = d.version;
  for (auto* v : {&p.total, &p.issued, &p.temporary_valid, &p.overused}) grow(*v, day + 1);
  p.total[day] = d.total;
  p.issued[day] = d.issued;
  p.temporary_valid[day] = d.temporary_valid;
  p.overused[day] = d.overused;
}

void report_data::add_host_day(const host_day& d) {
  const std::size_t day = day_of(d.date);
  grow(refused_, day + 1);
  grow(in_grace_, day + 1);
  refused_[day] += d.refused;
  in_grace_[day] += d.allowed_in_grace;
  auto it = host_index_.find(std::string(d.host));
  if (it == host_index_.end()) {
    it = host_index_.emplace(std::string(d.host), hosts_.size()).first;
    hosts_.push_back({std::string(d.host), {}});
  }
  auto& g = hosts_[it->second].days_left;
  grow(g, day + 1);
  g[day] = d.grace_days_left;
}

void report_data::add_group_day(const group_day& d) {
  if (d.date != group_date_) {
    group_date_ = d.date;
    next_group_ = 0;
  }
  const std::size_t day = day_of(d.date);
  if (next_group_ == groups_.size()) groups_.push_back({std::string(d.group), {}});
  group_days& g = groups_[next_group_++];
  grow(g.permanent_held, day + 1);
  g.permanent_held[day] = d.permanent_held;
}

void report_data::add_event(const log_event& e) {
  ++events_seen_;
  if (e.event_id != 0 && !first_by_id_.contains(e.event_id)) first_by_id_.emplace(e.event_id, copy_of(e));
  if (events_.size() < event_limit_) events_.push_back(copy_of(e));
}

void report_data::pad() {
  for (auto& p : packs_)
    for (auto* v : {&p.total, &p.issued, &p.temporary_valid, &p.overused}) grow(*v, days_);
  grow(refused_, days_);
  grow(in_grace_, days_);
  for (auto& g : groups_) grow(g.permanent_held, days_);
  for (auto& h : hosts_) grow(h.days_left, days_);
}

std::vector<sim_time> report_data::day_times() const {
  std::vector<sim_time> out(days_);
  for (std::size_t i = 0; i < days_; ++i) out[i] = start_ + static_cast<sim_time>(i) * seconds_per_day;
  return out;
}

}  // namespace calsim::detail
