// `calsim explain`: one client's story, connection by connection, in plain
// sentences a trainer can read aloud, with the rule ids and messages.
#include <algorithm>
#include <iostream>
#include <map>
#include <sstream>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "calsim/run.hpp"
#include "cli/commands.hpp"
#include "scenario/name_pattern.hpp"
#include "core/calendar.hpp"
#include "output/story.hpp"

namespace calsim::detail {
namespace {

// `--refused`: every refused client with its count, first refusal and why.
class refusal_counter final : public run_observer {
 public:
  struct client_refusals {
    std::string client, host, decision, rule;
    sim_time first = 0;
    std::int64_t count = 0;
  };
  void on_connection(const connection_record& r) override {
    if (r.outcome != "refused") return;
    auto [it, fresh] = index_.try_emplace(std::string(r.client), rows_.size());
    if (fresh)
      rows_.push_back({std::string(r.client), std::string(r.host), std::string(r.decision), std::string(r.rule),
                       r.time, 0});
    ++rows_[it->second].count;
  }
  const std::vector<client_refusals>& rows() const { return rows_; }  // by first refusal

 private:
  std::map<std::string, std::size_t> index_;
  std::vector<client_refusals> rows_;
};

sim_time date_option(const std::optional<std::string>& text, sim_time fallback, const char* flag) {
  if (!text) return fallback;
  const auto t = parse_iso(*text);
  if (!t) throw usage_error(std::string(flag) + " must be a date YYYY-MM-DD or date-time, got \"" + *text + "\"");
  return *t;
}

run_options explain_options() {
  run_options options;
  options.trace = true;
  options.snapshots = false;
  options.keep_daily = false;
  options.group_days = false;
  return options;
}

std::vector<refusal_counter::client_refusals> refusals_of(const scenario& s) {
  refusal_counter counter;
  run_scenario(s, explain_options(), counter);
  return counter.rows();
}

int list_refused(const scenario& s) {
  const auto rows = refusals_of(s);
  std::cout << "Scenario " << s.name << ": ";
  if (rows.empty()) {
    std::cout << "nobody is refused.\n";
    return 0;
  }
  std::int64_t total = 0;
  for (const auto& r : rows) total += r.count;
  std::cout << rows.size() << (rows.size() == 1 ? " client" : " clients") << " refused, " << total
            << " refusals in all; in the order of their first refusal:\n";
  for (const auto& r : rows)
    std::cout << "  " << r.client << ": " << r.count << (r.count == 1 ? " refusal" : " refusals") << ", first "
              << format_datetime(r.first) << " on " << r.host << ": " << r.decision << " [" << r.rule << "]\n";
  std::cout << "calsim explain " << s.name << " --client " << rows.front().client << " tells the first one's story.\n";
  return 0;
}

}  // namespace

int command_explain(const explain_command& cmd) {
  const scenario s = load_scenario_file(cmd.scenario, cmd.sets);
  if (cmd.refused) return list_refused(s);
  std::string client = cmd.client.value_or("");
  if (cmd.first_refused) {
    const auto rows = refusals_of(s);
    if (rows.empty()) {
      std::cout << "Scenario " << s.name << ": nobody is refused, so there is no first refused client.\n";
      return 0;
    }
    client = rows.front().client;
    std::cout << "The first refused client is " << client << " (" << format_datetime(rows.front().first) << ").\n";
  }
  if (client.empty()) throw usage_error("explain needs one of --client NAME, --refused, --first-refused");
  const bool known = std::any_of(s.clients.begin(), s.clients.end(),
                                 [&](const auto& g) { return match_name(g.name, client, g.count).has_value(); });
  if (!known)
    throw usage_error("no client named " + client + " in " + s.name +
                      " (client names follow each group's pattern, e.g. PC-001; --refused lists the refused ones)");
  const sim_time from = date_option(cmd.from, s.start, "--from");
  sim_time to = date_option(cmd.to, s.end, "--to");
  if (cmd.to && to == day_floor(to)) to += seconds_per_day;  // --to a date includes that day
  story_book book({client}, from, to);
  std::cout << "Scenario " << s.name << ": " << s.description << "\n\n";
  run_scenario(s, explain_options(), book);
  book.finish();
  std::cout << book.story(client);
  if (book.told(client) == 0)
    std::cout << "No connection of " << client << " between " << format_date(from) << " and "
              << format_date(to - 1) << " (is the name right? client names follow the group's pattern, e.g. PC-001).\n";
  return 0;
}

}  // namespace calsim::detail
