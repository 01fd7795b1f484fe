// The files of one run (OUTPUTS.md). Streamed files are opened under
// temporary names at construction and filled as records arrive; finish()
// writes the end-of-run files and renames everything into place.
#include <chrono>
#include <optional>

#include "calsim/output.hpp"
#include "core/calendar.hpp"
#include "core/scenario_enums.hpp"
#include "output/atomic_file.hpp"
#include "output/client_files.hpp"
#include "output/csv.hpp"
#include "output/folder_transaction.hpp"
#include "output/json_text.hpp"
#include "output/report_data.hpp"
#include "output/report_html.hpp"
#include "output/summary_json.hpp"
#include "output/truth_json.hpp"
#include "output/wmi_tables.hpp"

namespace calsim {

using detail::append_csv_field;
using detail::append_int;

// Removes the folders it made when the run does not finish (declared before
// the files, so it runs after their temporaries are gone).
struct folder_guard {
  std::filesystem::path dir;
  bool created = false;
  bool finished = false;
  ~folder_guard() {
    if (finished) return;
    std::error_code ec;
    std::filesystem::remove(dir / "registry", ec);  // only if empty
    std::filesystem::remove(dir / "tsctst", ec);
    if (created) std::filesystem::remove(dir, ec);
  }
};

// The folder the files go to while the run goes: a staging folder swapped in
// by finish() (issue 19), or the caller's folder (a corpus commits its own).
std::filesystem::path writing_dir(std::optional<detail::folder_transaction>& txn, const std::filesystem::path& dir,
                                  const output_options& o) {
  if (!o.own_folder) return dir;
  txn.emplace(dir, o.replace);
  return txn->staging();
}

struct output_set::impl {
  impl(const scenario& sc, std::filesystem::path d, output_options o)
      : s(sc),
        target(std::move(d)),
        options(o),
        dir(writing_dir(txn, target, options)),
        guard{dir, !std::filesystem::exists(dir)},
        staged(txn.has_value()),
        timeline((detail::make_directories(dir), dir / "timeline.csv"), staged),
        connections(dir / "connections.csv", staged),
        events(dir / "events.jsonl", staged),
        groups(dir / "groups.csv", staged),
        issued(dir / "issued_licenses.csv", staged),
        report(sc.start, sc.end, o.report_event_limit) {
    if (options.trace) trace.emplace(dir / "trace.jsonl", staged);
    timeline.write(
        "date,server,pack,type,version,total,issued,available,revoked,overused,temporary_valid,issued_today,"
        "renewed_today,returned_today,revoked_today\n");
    connections.write("date,host,attempted,allowed,allowed_in_grace,refused,grace_days_left,mode\n");
    issued.write(detail::issued_licenses_header());
    groups.write("date,group,clients_active,permanent_held,temporary_valid,superseded_held,connections,refused\n");
  }

  const std::string& date_of(sim_time t) {
    if (t != date_cache_day) {
      date_cache_day = t;
      date_cache = detail::format_date(t);
    }
    return date_cache;
  }

  const scenario& s;
  std::optional<detail::folder_transaction> txn;  // before dir: dir is its staging folder
  std::filesystem::path target;
  output_options options;
  std::filesystem::path dir;
  folder_guard guard;
  bool staged;  // writing into its own transaction's staging folder: files under their own names
  detail::atomic_file timeline, connections, events, groups;
  detail::atomic_file issued;  // issued_licenses.csv, streamed at the end of the run (issue 18)
  std::int64_t issued_rows = 0;
  detail::issued_row_dates issued_dates;
  std::optional<detail::atomic_file> trace;
  detail::report_data report;
  detail::datetime_text event_time, trace_time;
  detail::stream_counts counts;
  std::string line;  // reused row buffer
  sim_time date_cache_day = -1;
  std::string date_cache;
  std::vector<std::filesystem::path> files;
  std::vector<std::pair<std::string, double>> phase_seconds;  // finish(), by phase (--stats)
  std::chrono::steady_clock::time_point events_started, events_done;  // the run's event loop (--stats)
};

std::filesystem::path default_output_dir(const scenario& s) { return std::filesystem::path("out") / s.name; }

output_set::output_set(const scenario& s, std::filesystem::path dir, output_options options)
    : impl_(std::make_unique<impl>(s, std::move(dir), options)) {}

output_set::~output_set() = default;

void output_set::on_events_start() { impl_->events_started = std::chrono::steady_clock::now(); }
void output_set::on_events_done() { impl_->events_done = std::chrono::steady_clock::now(); }
std::chrono::steady_clock::time_point output_set::events_started() const { return impl_->events_started; }
std::chrono::steady_clock::time_point output_set::events_done() const { return impl_->events_done; }

void output_set::on_pack_day(const pack_day& d) {
  auto& l = impl_->line;
  l.clear();
  l += impl_->date_of(d.date);
  l.push_back(',');
  append_csv_field(l, d.server);
  l.push_back(',');
  append_csv_field(l, d.pack);
  l.push_back(',');
  l += detail::name_of(detail::pack_types, d.type);
  l.push_back(',');
  append_int(l, d.version);
  for (std::int64_t v : {d.total, d.issued, d.available, d.revoked, d.overused, d.temporary_valid, d.issued_today,
                         d.renewed_today, d.returned_today, d.revoked_today}) {
    l.push_back(',');
    append_int(l, v);
  }
  l.push_back('\n');
  impl_->timeline.write(l);
  impl_->report.add_pack_day(d);
}

void output_set::on_host_day(const host_day& d) {
  auto& l = impl_->line;
  l.clear();
  l += impl_->date_of(d.date);
  l.push_back(',');
  append_csv_field(l, d.host);
  for (std::int64_t v : {d.attempted, d.allowed, d.allowed_in_grace, d.refused, d.grace_days_left,
                         static_cast<std::int64_t>(d.mode)}) {
    l.push_back(',');
    append_int(l, v);
  }
  l.push_back('\n');
  impl_->connections.write(l);
  impl_->report.add_host_day(d);
}

void output_set::on_group_day(const group_day& d) {
  auto& l = impl_->line;
  l.clear();
  l += impl_->date_of(d.date);
  l.push_back(',');
  append_csv_field(l, d.group);
  for (std::int64_t v : {d.clients_active, d.permanent_held, d.temporary_valid, d.superseded_held, d.connections,
                         d.refused}) {
    l.push_back(',');
    append_int(l, v);
  }
  l.push_back('\n');
  impl_->groups.write(l);
  impl_->report.add_group_day(d);
}

void output_set::on_issued_license(const issued_license_row& r) {
  auto& l = impl_->line;
  l.clear();
  detail::append_issued_license_row(l, r, impl_->issued_dates);
  impl_->issued.write(l);
  ++impl_->issued_rows;
}

void output_set::on_event(const log_event& e) {
  auto& l = impl_->line;
  l.clear();
  l += "{\"time\":\"";
  l += impl_->event_time(e.time);
  l += "\",\"node\":";
  detail::append_json_string(l, e.node);
  l += ",\"client\":";
  detail::append_json_string_or_null(l, e.client);
  l += ",\"event_id\":";
  if (e.event_id != 0) {
    append_int(l, e.event_id);
  } else {
    l += "null";
  }
  l += ",\"source\":";
  detail::append_json_string(l, e.source);
  l += ",\"rule\":";
  detail::append_json_string(l, e.rule);
  l += ",\"message\":";
  detail::append_json_string(l, e.message);
  l += "}\n";
  impl_->events.write(l);
  ++impl_->counts.events;
  impl_->report.add_event(e);
}

void output_set::on_trace(const trace_message& m) {
  if (!impl_->trace) return;
  auto& l = impl_->line;
  l.clear();
  l += "{\"time\":\"";
  l += impl_->trace_time(m.time);
  l += "\",\"connection\":";
  append_int(l, static_cast<std::int64_t>(m.connection));
  l += ",\"client\":";
  detail::append_json_string(l, m.client);
  l += ",\"host\":";
  detail::append_json_string(l, m.host);
  l += ",\"server\":";
  detail::append_json_string_or_null(l, m.server);
  l += m.server_to_client ? ",\"direction\":\"server_to_client\"" : ",\"direction\":\"client_to_server\"";
  l += ",\"message\":";
  detail::append_json_string(l, m.message);
  l += ",\"type\":";
  append_int(l, m.type);
  if (m.message == "ERROR_ALERT") {
    l += ",\"error\":";
    detail::append_json_string_or_null(l, m.error);
    l += ",\"transition\":";
    detail::append_json_string_or_null(l, m.transition);
  }
  l += "}\n";
  impl_->trace->write(l);
  ++impl_->counts.trace_messages;
}

void output_set::set_stories(std::map<std::string, std::string> stories) {
  impl_->report.set_stories(std::move(stories));
}

void output_set::finish(const run_result& result, const run_info& info) {
  auto& m = *impl_;
  if (m.guard.finished) throw output_error("output_set::finish called twice");
  const std::filesystem::path& dir = m.dir;

  // End-of-run files, all under temporary names first.
  std::vector<std::unique_ptr<detail::atomic_file>> end_files;
  auto add = [&](const std::filesystem::path& p, std::string_view bytes) {
    end_files.push_back(std::make_unique<detail::atomic_file>(p, m.staged));
    end_files.back()->write(bytes);
    end_files.back()->close(false);  // thousands of registry files: never all open at once
  };
  // --stats (issue 18): where the writing time goes, phase by phase.
  auto clock_start = std::chrono::steady_clock::now();
  auto lap = [&](const char* what) {
    const auto now = std::chrono::steady_clock::now();
    m.phase_seconds.emplace_back(what, std::chrono::duration<double>(now - clock_start).count());
    clock_start = now;
  };
  // issued_licenses.csv came row by row (on_issued_license); rows the run
  // only kept in the result (an observer that was not this one) are added.
  if (m.issued_rows == 0)
    for (const auto& r : result.issued_licenses) on_issued_license(r);
  add(dir / "key_packs.csv", detail::key_packs_csv(result.key_packs));
  lap("key_packs.csv");
  detail::client_files_writer client_files(dir, result, m.staged);  // registry/, tsctst/: meanwhile, on a second thread
  add(dir / "truth.json", detail::truth_json(m.s, result, info.seed));
  lap("truth.json");
  add(dir / "report.html", detail::report_html(m.s, m.report, result, info));
  lap("report.html");
  add(dir / "summary.json", detail::summary_json(m.s, result, info, m.counts));
  lap("summary.json");
  auto per_client = client_files.take();  // rethrows the writer's error
  lap("registry/, tsctst/ (a second thread's, what was left)");

  // Commit: streamed files first, summary.json last (its presence means the run's files are all there).
  std::vector<detail::atomic_file*> order = {&m.timeline, &m.connections, &m.events, &m.groups};
  if (m.trace) order.push_back(&*m.trace);
  order.push_back(&m.issued);  // the first end-of-run file, as before it was streamed
  order.push_back(end_files.front().get());  // key_packs.csv
  for (auto& f : per_client) order.push_back(f.get());
  for (std::size_t i = 1; i < end_files.size(); ++i) order.push_back(end_files[i].get());
  detail::commit_all(order);
  for (auto* f : order) m.files.push_back(m.target / f->target().lexically_relative(dir));  // lexical: no syscalls per file
  if (m.txn) {
    m.txn->commit({"run", m.s.name, info.seed, info.calsim_version});
    m.files.push_back(m.target / "manifest.json");
  }
  lap("sync and commit");
  m.guard.finished = true;
}

const std::vector<std::pair<std::string, double>>& output_set::phase_seconds() const { return impl_->phase_seconds; }

const std::filesystem::path& output_set::directory() const { return impl_->target; }
const std::vector<std::filesystem::path>& output_set::files() const { return impl_->files; }

}  // namespace calsim
