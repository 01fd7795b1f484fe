#include "sweep/sweep_stats.hpp"

#include <algorithm>

#include "core/calendar.hpp"
#include "output/csv.hpp"
#include "sweep/percentile.hpp"

namespace calsim::detail {

sweep_stats compute_sweep_stats(const sweep_results& r) {
  const sweep_header& h = r.header;
  const std::size_t packs = h.pack_labels.size(), days = h.days, n = r.results.size();
  sweep_stats st;
  st.replications = static_cast<std::int64_t>(n);
  if (n == 0) return st;
  auto grid = [&] { return std::vector<std::vector<std::int64_t>>(packs, std::vector<std::int64_t>(days)); };
  st.p50 = grid();
  st.p90 = grid();
  st.p99 = grid();
  st.max = grid();
  st.refused_sum.assign(days, 0);
  st.refused_p99.assign(days, 0);

  std::vector<std::int64_t> sample(n);
  for (std::size_t p = 0; p < packs; ++p)
    for (std::size_t d = 0; d < days; ++d) {
      for (std::size_t i = 0; i < n; ++i) sample[i] = r.results[i].issued[p][d];
      std::sort(sample.begin(), sample.end());
      st.p50[p][d] = nearest_rank(sample, 50);
      st.p90[p][d] = nearest_rank(sample, 90);
      st.p99[p][d] = nearest_rank(sample, 99);
      st.max[p][d] = sample.back();
    }
  for (std::size_t d = 0; d < days; ++d) {
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      sample[i] = r.results[i].refused[d];
      sum += sample[i];
    }
    std::sort(sample.begin(), sample.end());
    st.refused_sum[d] = sum;
    st.refused_p99[d] = nearest_rank(sample, 99);
  }
  return st;
}

std::string sweep_csv(const sweep_header& h, const sweep_stats& st) {
  std::string o = "date,server,pack,issued_p50,issued_p90,issued_p99,issued_max,refused_mean,refused_p99\n";
  if (st.replications == 0) return o;
  for (std::size_t d = 0; d < h.days; ++d) {
    const std::string date = format_date(h.start + days(static_cast<std::int64_t>(d)));
    const std::string refused = fixed_mean_3(st.refused_sum[d], st.replications);
    auto tail = [&] {
      o += refused;
      o += ',';
      append_int(o, st.refused_p99[d]);
      o += '\n';
    };
    if (h.pack_labels.empty()) {
      o += date + ",,,,,,,";
      tail();
    }
    for (std::size_t p = 0; p < h.pack_labels.size(); ++p) {
      const std::string& label = h.pack_labels[p];
      const auto slash = label.find('/');
      o += date;
      o += ',';
      append_csv_field(o, std::string_view(label).substr(0, slash));
      o += ',';
      append_csv_field(o, slash == std::string::npos ? std::string_view() : std::string_view(label).substr(slash + 1));
      for (const auto* v : {&st.p50, &st.p90, &st.p99, &st.max}) {
        o += ',';
        append_int(o, (*v)[p][d]);
      }
      o += ',';
      tail();
    }
  }
  return o;
}

}  // namespace calsim::detail
