// Metrics (SCENARIO.md, "Metrics") and expectations: `at` is checked after
// every event of that second; `between` [a, b] after every event inside it,
// from the state at a to the state at b.
#include "model/simulation.hpp"

namespace calsim::detail {

double simulation::metric_value(const metric_ref& m) const {
  switch (m.what) {
    case metric_ref::kind::pack: {
      const license_server& sv = servers_[m.server];
      const std::int32_t p = sv.find_pack(m.pack_id);
      if (p < 0) return 0;
      const pack_state& ps = sv.packs()[static_cast<std::size_t>(p)];
      if (m.field == "total") return static_cast<double>(ps.total);
      if (m.field == "issued") return static_cast<double>(ps.issued);
      if (m.field == "available") return static_cast<double>(ps.available);
      if (m.field == "revoked") return static_cast<double>(ps.revoked);
      if (m.field == "overused") return static_cast<double>(ps.overused);
      return 0;
    }
    case metric_ref::kind::server_per_device:
    case metric_ref::kind::server_per_user: {
      const pack_type type =
          m.what == metric_ref::kind::server_per_device ? pack_type::per_device : pack_type::per_user;
      std::int64_t sum = 0;
      for (const auto& p : servers_[m.server].packs()) {
        if (p.spec.type != type) continue;
        if (m.field == "issued") sum += p.issued;
        else if (m.field == "available") sum += p.available;
        else if (m.field == "overused") sum += p.overused;
      }
      return static_cast<double>(sum);
    }
    case metric_ref::kind::temporary_valid: return static_cast<double>(servers_[m.server].temporaries_valid());
    case metric_ref::kind::connections:
      if (m.field == "attempted") return static_cast<double>(attempted_);
      if (m.field == "allowed") return static_cast<double>(allowed_);
      if (m.field == "allowed_in_grace") return static_cast<double>(allowed_in_grace_);
      if (m.field == "refused") return static_cast<double>(refused_);
      return 0;
    case metric_ref::kind::host_grace_days_left: return static_cast<double>(grace_days_left(hosts_[m.host]));
    case metric_ref::kind::events:
      return m.event_id >= 0 && static_cast<std::size_t>(m.event_id) < event_counts_.size()
                 ? static_cast<double>(event_counts_[static_cast<std::size_t>(m.event_id)])
                 : 0.0;
    case metric_ref::kind::client_license: {
      // 2 when the store holds an unexpired permanent, 1 an unexpired temporary, else 0.
      const std::uint32_t c = group_first_[m.client.group] + static_cast<std::uint32_t>(m.client.index);
      int best = 0;
      for (const auto& e : clients_[c].store)
        if (e.expires > now_) best = std::max(best, e.kind == license_kind::temporary ? 1 : 2);
      return best;
    }
  }
  return 0;
}

namespace {
bool holds(compare_op op, double got, double want) {
  switch (op) {
    case compare_op::eq: return got == want;
    case compare_op::ne: return got != want;
    case compare_op::lt: return got < want;
    case compare_op::le: return got <= want;
    case compare_op::gt: return got > want;
    case compare_op::ge: return got >= want;
  }
  return false;
}
}  // namespace

void simulation::check_at(std::size_t i) {
  auto& o = outcomes_[i];
  o.got = metric_value(o.spec->ref);
  o.when = now_;
  o.passed = holds(o.spec->op, o.got, o.spec->value);
}

void simulation::observe_window(std::size_t i) {
  auto& o = outcomes_[i];
  const double got = metric_value(o.spec->ref);
  const bool ok = holds(o.spec->op, got, o.spec->value);
  if (o.spec->ever) {
    if (!o.passed && ok) {
      o.passed = true;
      o.got = got;
      o.when = now_;
    } else if (!o.passed) {
      o.got = got;  // the last value seen, reported when it never held
      o.when = now_;
    }
  } else if (o.passed) {
    o.got = got;
    o.when = now_;
    if (!ok) o.passed = false;  // the first value that broke it stays reported
  }
  seen_[i] = true;
}

void simulation::observe_open_windows() {
  for (std::size_t i : open_windows_) observe_window(i);
}

}  // namespace calsim::detail
