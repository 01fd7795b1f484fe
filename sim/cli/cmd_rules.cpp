// `calsim rules [ID]` (OUTPUTS.md): the rules of docs/rules.md (embedded at
// build time), one line each, or one rule's whole entry (its text, code,
// scenarios and tests as the reference gives them) with the catalog scenarios
// whose runs cite it, counted from their events.
#include <algorithm>
#include <iostream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "calsim/errors.hpp"
#include "calsim/load.hpp"
#include "calsim/run.hpp"
#include "cli/commands.hpp"

namespace calsim::detail {

extern const std::string_view rules_markdown;

namespace {

struct rule_entry {
  std::string id;
  std::string text;  // the entry's lines, markdown list marker and bold removed
};

// Entries are list items "- **R-XXX-N** …" up to the next item or heading.
std::vector<rule_entry> rule_entries() {
  std::vector<rule_entry> out;
  std::size_t pos = 0;
  bool in_entry = false;
  while (pos < rules_markdown.size()) {
    std::size_t end = rules_markdown.find('\n', pos);
    if (end == std::string_view::npos) end = rules_markdown.size();
    const std::string_view line = rules_markdown.substr(pos, end - pos);
    pos = end + 1;
    if (line.starts_with("- **R-")) {
      const std::size_t close = line.find("**", 4);
      if (close == std::string_view::npos) continue;
      out.push_back({std::string(line.substr(4, close - 4)), std::string(line.substr(close + 2))});
      in_entry = true;
    } else if (line.empty() || line.starts_with("#") || line.starts_with("- ")) {
      in_entry = false;  // a blank line, a heading or another item ends the entry
    } else if (in_entry) {
      out.back().text += "\n" + std::string(line);
    }
  }
  for (auto& e : out) {
    const auto first = e.text.find_first_not_of(' ');
    e.text = first == std::string::npos ? "" : e.text.substr(first);
  }
  return out;
}

// The first sentence, on one line, at most 110 characters.
std::string title_of(const std::string& text) {
  std::string one;
  for (char ch : text) one += ch == '\n' ? ' ' : ch;
  std::string collapsed;
  for (char ch : one)
    if (!(ch == ' ' && !collapsed.empty() && collapsed.back() == ' ')) collapsed += ch;
  const std::size_t stop = collapsed.find(". ");
  std::string t = collapsed.substr(0, stop == std::string::npos ? collapsed.size() : stop + 1);
  if (t.size() > 110) t = t.substr(0, 107) + "...";
  return t;
}

// Catalog scenarios whose runs log events citing `id`, with the count.
std::vector<std::pair<std::string, std::int64_t>> citing_scenarios(const std::string& id) {
  struct counter : run_observer {
    std::string id;
    std::int64_t n = 0;
    void on_event(const log_event& e) override { n += e.rule == id; }
  };
  std::vector<std::pair<std::string, std::int64_t>> out;
  for (const auto& f : scenario_files({bundled_scenario_dir()})) {
    if (!looks_like_scenario(f)) continue;
    const scenario s = load_scenario_file(f);
    counter c;
    c.id = id;
    run_options o;
    o.keep_daily = false;
    o.snapshots = false;
    o.group_days = false;
    run_scenario(s, o, c);
    if (c.n > 0) out.emplace_back(s.name, c.n);
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  return out;
}

}  // namespace

int command_rules(const std::optional<std::string>& id) {
  const auto entries = rule_entries();
  if (!id) {
    for (const auto& e : entries) std::cout << e.id << "  " << title_of(e.text) << '\n';
    std::cout << entries.size() << " rules; calsim rules ID prints one with the scenarios and tests that show it\n";
    return 0;
  }
  const auto it = std::find_if(entries.begin(), entries.end(), [&](const rule_entry& e) { return e.id == *id; });
  if (it == entries.end()) {
    std::string near;  // the ids of the same group, e.g. R-DEV-*
    const std::string group = id->substr(0, id->rfind('-') == std::string::npos ? id->size() : id->rfind('-') + 1);
    for (const auto& e : entries)
      if (!group.empty() && e.id.starts_with(group)) near += (near.empty() ? "" : ", ") + e.id;
    throw usage_error("no rule " + *id + (near.empty() ? " (calsim rules lists them)" : " (known: " + near + ")"));
  }
  std::cout << it->id << "\n" << it->text << "\n\nCatalog runs that cite " << it->id << " (events that name it):\n";
  const auto cited = citing_scenarios(it->id);
  if (cited.empty()) std::cout << "  none (the rule acts without an event of its own; see the scenarios above)\n";
  for (const auto& [name, n] : cited) std::cout << "  " << name << ": " << n << (n == 1 ? " event\n" : " events\n");
  return 0;
}

}  // namespace calsim::detail
