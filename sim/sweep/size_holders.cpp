// `calsim size`'s by_group (issue 14): who holds the CALs at the answer.
#include <algorithm>
#include <string>
#include <vector>

#include "calsim/run.hpp"
#include "sweep/replication_pool.hpp"
#include "sweep/progress_bar.hpp"
#include "sweep/sizing.hpp"

namespace calsim::detail {
namespace {

// Keeps the group rows of the day the pack's issued count peaked (the first
// such day): pack rows of a day arrive before its group rows, which come one
// per group of the scenario, in its order, every day.
class peak_day_holders : public run_observer {
 public:
  peak_day_holders(const std::string& pack, std::size_t groups) : pack_(pack), rows_(groups) {}

  void on_pack_day(const pack_day& d) override {
    if (std::string(d.server) + "/" + std::string(d.pack) != pack_ || d.issued <= best_) return;
    best_ = d.issued;
    best_date_ = d.date;
  }
  void on_group_day(const group_day& d) override {
    if (d.date != best_date_) return;
    const std::size_t i = next_group_++ % rows_.size();
    rows_[i] = {std::string(d.group), static_cast<double>(d.permanent_held), static_cast<double>(d.temporary_valid),
                static_cast<double>(d.superseded_held)};
  }

  const std::vector<group_holding>& rows() const { return rows_; }

 private:
  std::string pack_;
  std::int64_t best_ = -1;
  sim_time best_date_ = -1;
  std::size_t next_group_ = 0;
  std::vector<group_holding> rows_;
};

}  // namespace

size_holders holders_at(const scenario& base, const size_request& r, std::int64_t count) {
  scenario s = base;
  set_pack_count(s, r.pack, count);
  const std::size_t groups = s.clients.size();
  std::vector<std::vector<group_holding>> per(r.replications);
  progress_bar bar("who holds the CALs", r.replications, r.progress);  // the search's last pass, with its own time left
  run_indexed(
      r.replications, r.threads,
      [&](std::size_t i) {
        run_options o;
        o.replication = i;  // the replications the search ran (common random numbers)
        o.keep_daily = false;
        o.snapshots = false;
        peak_day_holders h(r.pack, std::max<std::size_t>(groups, 1));
        run_scenario(s, o, h);
        per[i] = h.rows();
      },
      r.progress ? &bar : nullptr);
  size_holders out;
  out.count = count;
  out.replications = r.replications;
  out.groups.resize(groups);
  for (std::size_t g = 0; g < groups; ++g) out.groups[g].group = s.clients[g].group;
  for (const auto& rows : per)  // in replication order: the same sums for any thread count
    for (std::size_t g = 0; g < groups && g < rows.size(); ++g) {
      out.groups[g].permanent_held += rows[g].permanent_held;
      out.groups[g].temporary_valid += rows[g].temporary_valid;
      out.groups[g].superseded_held += rows[g].superseded_held;
    }
  const double n = static_cast<double>(std::max<std::uint64_t>(r.replications, 1));
  for (auto& g : out.groups) {
    g.permanent_held /= n;
    g.temporary_valid /= n;
    g.superseded_held /= n;
  }
  return out;
}

}  // namespace calsim::detail
