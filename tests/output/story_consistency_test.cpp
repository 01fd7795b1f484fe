// Issue 15: a story never contradicts itself. Every client of every catalog
// scenario (and of two estates of this test's own) is told, and each "It
// presents X" is checked against the "holds Y" the story stated before it:
// they differ only where the story tells, in between, what changed the store
// (a boot, a rebuild, a deleted, wiped or corrupted store).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>

#include "calsim/load.hpp"
#include "calsim/run.hpp"
#include "output/story.hpp"
#include "scenario/name_pattern.hpp"

namespace calsim::detail {
namespace {

struct check {
  int presents = 0, changes_told = 0, returns_told = 0;
  std::vector<std::string> contradictions;
};

// Reads one story line by line, as a trainer would.
check replay(const std::string& client, const std::string& story) {
  static const std::regex holds_re(R"(the client now holds (no license|a temporary CAL|a permanent CAL)(?: (?:until|that expired) ([0-9-]+))?\.)");
  static const std::regex presents_re(R"(It presents (no license|a temporary CAL|a permanent CAL)(?: that expire[sd] ([0-9-]+))?\.)");
  static const std::regex store_change_re(
      R"(^[0-9T:-]+  [^ ]+: (boot:|shutdown:|action: rebuilt|action: the MSLicensing key was deleted|action: the license store was corrupted|the license store was corrupted|replaced \(hardware refresh\)))");
  check c;
  std::string held;  // "" until the first connection
  bool changed = false;
  std::istringstream in(story);
  std::string line;
  while (std::getline(in, line)) {
    std::smatch m;
    if (std::regex_search(line, m, store_change_re)) {
      changed = true;
      ++c.changes_told;
    }
    if (line.find("returns it to the pool [R-DEV-6]") != std::string::npos) ++c.returns_told;
    if (std::regex_search(line, m, presents_re)) {
      ++c.presents;
      const std::string presented = m[1].str() + "|" + m[2].str();
      if (!held.empty() && !changed && presented != held)
        c.contradictions.push_back(client + ": holds " + held + ", then presents " + presented + " in: " + line);
    }
    if (std::regex_search(line, m, holds_re)) {
      held = m[1].str() + "|" + m[2].str();
      changed = false;
    }
  }
  return c;
}

check replay_scenario(const scenario& s) {
  std::vector<std::string> names;
  for (const auto& g : s.clients)
    for (std::int64_t i = 1; i <= g.count; ++i) names.push_back(format_name(g.name, i, ""));
  story_book book(names, s.start, s.end);
  run_options o;
  o.trace = true;
  o.snapshots = false;
  run_scenario(s, o, book);
  book.finish();
  check all;
  for (const auto& n : names) {
    const check c = replay(n, book.story(n));
    all.presents += c.presents;
    all.changes_told += c.changes_told;
    all.returns_told += c.returns_told;
    all.contradictions.insert(all.contradictions.end(), c.contradictions.begin(), c.contradictions.end());
  }
  return all;
}

TEST(StoryConsistency, EveryCatalogStoryPresentsWhatItLastHeld) {
  int scenarios = 0, changes = 0, returns = 0;
  for (const auto& e : std::filesystem::directory_iterator(CALSIM_SOURCE_DIR "/scenarios")) {
    if (e.path().extension() != ".json") continue;
    const check c = replay_scenario(load_scenario_file(e.path().string()));
    ++scenarios;
    changes += c.changes_told;
    returns += c.returns_told;
    EXPECT_GT(c.presents, 0) << e.path();
    for (std::size_t i = 0; i < std::min<std::size_t>(c.contradictions.size(), 5); ++i)
      ADD_FAILURE() << e.path().filename() << ": " << c.contradictions[i];
  }
  EXPECT_GE(scenarios, 20);
  EXPECT_GT(changes, 0);  // the catalog's boots, rebuilds and wiped stores are told
  EXPECT_GT(returns, 0);  // and the CALs they leave behind return (R-DEV-6)
}

// Variations of this test's own: a pool too small for the holiday estate
// (refusals, absences, returns), stores corrupted at random, thin clients.
TEST(StoryConsistency, VariationsPresentWhatTheyLastHeld) {
  const std::string dir = CALSIM_SOURCE_DIR "/scenarios/";
  const std::vector<std::pair<std::string, std::vector<std::string>>> variations = {
      {"holiday-shutdown-misses-renewals", {"/license_servers/0/key_packs/0/count=30"}},
      {"rebuilt-machine", {"/clients/0/store_corruption_per_year=6"}},
      {"healthy-per-device-pool", {"/clients/0/kind=\"thin\""}},
      {"healthy-per-device-pool", {"/clients/0/replacement_years=0.5",
                                   "/clients/0/schedule/absences=[{\"per_year\": 3, \"days\": [5, 30]}]"}},
  };
  for (const auto& [name, sets] : variations) {
    const check c = replay_scenario(load_scenario_file(dir + name + ".json", sets));
    EXPECT_GT(c.presents, 20) << name;
    for (std::size_t i = 0; i < std::min<std::size_t>(c.contradictions.size(), 5); ++i)
      ADD_FAILURE() << name << ": " << c.contradictions[i];
  }
}

}  // namespace
}  // namespace calsim::detail
