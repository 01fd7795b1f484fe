// `calsim explain`: one client's story, connection by connection, in plain
// sentences a trainer can read aloud, with the rule ids and messages.
#include <algorithm>
#include <iostream>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "calsim/run.hpp"
#include "cli/commands.hpp"
#include "scenario/name_pattern.hpp"
#include "core/calendar.hpp"

namespace calsim::detail {
namespace {

const char* holding(int kind) {
  switch (kind) {
    case 1: return "a temporary CAL";
    case 2: return "a permanent CAL";
    default: return "no license";
  }
}

class story_teller final : public run_observer {
 public:
  story_teller(std::string client, sim_time from, sim_time to, std::ostream& out)
      : client_(std::move(client)), from_(from), to_(to), out_(out) {}

  void on_trace(const trace_message& t) override {
    if (t.client != client_ || t.time < from_ || t.time >= to_) return;
    if (t.connection != messages_of_) {
      messages_of_ = t.connection;
      messages_.clear();
    }
    if (!messages_.empty()) messages_ += " -> ";
    messages_ += t.message;
    if (!t.error.empty()) messages_ += std::string("(") + std::string(t.error) + ", " + std::string(t.transition) + ")";
  }

  void on_event(const log_event& e) override {
    if (e.client != client_ || e.time < from_ || e.time >= to_) return;
    std::string line = "  ";
    if (e.event_id) line += "Event " + std::to_string(e.event_id) + " on " + std::string(e.node) + ": ";
    line += e.message + " [" + std::string(e.rule) + "]";
    pending_events_.push_back(line);
  }

  void on_connection(const connection_record& r) override {
    if (r.client != client_ || r.time < from_ || r.time >= to_) return;
    ++told_;
    out_ << format_datetime(r.time) << "  " << r.client << " connects to " << r.host;
    if (!r.server.empty()) out_ << " (license server " << r.server << ")";
    else out_ << " (no license server reachable)";
    out_ << ".\n  It presents " << holding(r.presented);
    if (r.presented) out_ << " that expires " << format_date(r.presented_expires);
    out_ << ". The host " << (r.decision.empty() ? "decided" : r.decision) << " [" << r.rule << "].\n";
    out_ << "  Outcome: "
         << (r.outcome == "licensed" ? "connected" : r.outcome == "refused" ? "REFUSED" : "connected in the grace period")
         << "; the client now holds " << holding(r.holds);
    if (r.holds) out_ << " until " << format_date(r.holds_expires);
    out_ << ".\n";
    if (r.connection == messages_of_ && !messages_.empty()) out_ << "  Messages: " << messages_ << "\n";
    for (const auto& line : pending_events_) out_ << line << "\n";
    pending_events_.clear();
  }

  void flush() {
    for (const auto& line : pending_events_) out_ << line << "\n";
    pending_events_.clear();
  }
  int told() const { return told_; }

 private:
  std::string client_;
  sim_time from_, to_;
  std::ostream& out_;
  std::uint64_t messages_of_ = 0;
  std::string messages_;
  std::vector<std::string> pending_events_;
  int told_ = 0;
};

sim_time date_option(const std::optional<std::string>& text, sim_time fallback, const char* flag) {
  if (!text) return fallback;
  const auto t = parse_iso(*text);
  if (!t) throw usage_error(std::string(flag) + " must be a date YYYY-MM-DD or date-time, got \"" + *text + "\"");
  return *t;
}

}  // namespace

int command_explain(const explain_command& cmd) {
  const scenario s = load_scenario_file(cmd.scenario, cmd.sets);
  const bool known = std::any_of(s.clients.begin(), s.clients.end(),
                                 [&](const auto& g) { return match_name(g.name, cmd.client, g.count).has_value(); });
  if (!known)
    throw usage_error("no client named " + cmd.client + " in " + s.name +
                      " (client names follow each group's pattern, e.g. PC-001)");
  const sim_time from = date_option(cmd.from, s.start, "--from");
  sim_time to = date_option(cmd.to, s.end, "--to");
  if (cmd.to && to == day_floor(to)) to += seconds_per_day;  // --to a date includes that day
  story_teller teller(cmd.client, from, to, std::cout);
  std::cout << "Scenario " << s.name << ": " << s.description << "\n\n";
  run_options options;
  options.trace = true;
  options.snapshots = false;
  options.keep_daily = false;
  run_scenario(s, options, teller);
  teller.flush();
  if (teller.told() == 0)
    std::cout << "No connection of " << cmd.client << " between " << format_date(from) << " and "
              << format_date(to - 1) << " (is the name right? client names follow the group's pattern, e.g. PC-001).\n";
  return 0;
}

}  // namespace calsim::detail
