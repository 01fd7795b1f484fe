// What truth.json needs and the end state cannot tell: when each client used
// each HardwareID, and the failure modes met on the way (from the decision
// records and the client lifecycle), aggregated per client and mode. Fed by
// the kernel only when the run takes snapshots; simulation::take_truth turns
// it into run_result::truth.
#pragma once
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calsim/time.hpp"
#include "core/huge_pages.hpp"
#include "model/rule_id.hpp"

namespace calsim::detail {

enum class failure_mode : std::uint8_t {
  cloned_hwid, non_persistent, thin_client, wiped_store, deleted_mslicensing, rebuilt, corrupt_store,
  superseded_cal, leaked_cal, refused, logon_failed,
};
std::string_view failure_mode_name(failure_mode m);

class truth_recorder {
 public:
  struct span {  // 32 bytes: a million clients have a million spans
    static constexpr sim_time open = std::numeric_limits<sim_time>::min();
    std::uint32_t client = 0;
    std::uint64_t hwid = 0;
    sim_time from = 0;
    sim_time end = open;  // when the client stopped presenting it; open: still at the end of the run
    std::optional<sim_time> until() const { return end == open ? std::nullopt : std::optional<sim_time>(end); }
  };
  struct mark {
    rule_id rule = rule_id::none;
    sim_time first = 0;
    std::optional<sim_time> until;  // the last occurrence, or the end of what it caused
    std::int64_t count = 0;
    std::map<std::string, std::int64_t> causes;
  };

  void start(std::size_t clients, std::size_t hosts) {
    open_.assign(clients, open_span{});
    spans_.reserve(clients);  // one each at least; reserved, not touched (no copy when it grows to that)
    host_causes_.assign(hosts, {});
  }
  bool on() const { return !open_.empty(); }

  // The client connected presenting `hwid` (0: none): a new span when it changed.
  void used(std::uint32_t c, std::uint64_t hwid, sim_time now) {
    if (!on() || hwid == 0) return;
    open_span& open = open_[c];
    if (open.span != no_span && open.hwid == hwid) return;  // the usual case: no look into spans_ (issue 18)
    if (open.span != no_span) spans_[open.span].end = now;
    open = {static_cast<std::uint32_t>(spans_.size()), hwid};
    spans_.push_back({c, hwid, now, span::open});
  }
  void note(std::uint32_t c, failure_mode m, rule_id rule, sim_time at, std::optional<sim_time> until = std::nullopt,
            std::string_view cause = {}) {
    if (!on()) return;
    mark& k = marks_[{c, m}];
    if (k.count++ == 0) {
      k.first = at;
      k.rule = rule;
    }
    const sim_time end = until.value_or(at);
    if (!k.until || end > *k.until) k.until = end;
    if (!cause.empty()) ++k.causes[std::string(cause)];
  }
  void host_refused(std::size_t h, std::string_view cause) {
    if (on()) ++host_causes_[h][std::string(cause)];
  }

  const std::vector<span, huge_page_allocator<span>>& spans() const { return spans_; }
  // What it holds (run --stats): the open spans, the spans, ~128 bytes a mark.
  std::size_t memory_bytes() const { return resident_bytes(open_) + resident_bytes(spans_) + marks_.size() * 128; }
  const std::map<std::pair<std::uint32_t, failure_mode>, mark>& marks() const { return marks_; }
  const std::map<std::string, std::int64_t>& host_causes(std::size_t h) const { return host_causes_[h]; }

 private:
  static constexpr std::uint32_t no_span = 0xffffffffU;
  struct open_span {
    std::uint32_t span = no_span;
    std::uint64_t hwid = 0;  // that span's HardwareID, kept here: every connection compares it
  };
  std::vector<open_span, huge_page_allocator<open_span>> open_;  // by client: its open span
  std::vector<span, huge_page_allocator<span>> spans_;
  std::map<std::pair<std::uint32_t, failure_mode>, mark> marks_;
  std::vector<std::map<std::string, std::int64_t>> host_causes_;
};

}  // namespace calsim::detail
