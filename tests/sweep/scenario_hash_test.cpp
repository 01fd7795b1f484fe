// The scenario hash a shard records (sweep/scenario_hash.hpp): the scenario as
// loaded, so the file's layout does not matter and --seed N hashes like
// --set /seed=N, while any change of a value does.
#include <gtest/gtest.h>

#include <string>

#include "calsim/errors.hpp"
#include "sweep/scenario_hash.hpp"
#include "sweep_fixture.hpp"

namespace calsim::detail {
namespace {

std::string crlf(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// Every run of spaces and newlines squeezed to one space (JSON text stays valid:
// the fixture has no whitespace inside strings but single spaces).
std::string squeezed(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool ws = c == ' ' || c == '\n';
    if (ws && !out.empty() && out.back() == ' ') continue;
    out += ws ? ' ' : c;
  }
  return out;
}

TEST(ScenarioHash, IgnoresWhitespaceAndLineEnds) {
  const std::string text = testing::small_office_json(40);
  const std::string h = scenario_text_hash(text, {});
  EXPECT_EQ(h.size(), 16u);
  EXPECT_EQ(scenario_text_hash(crlf(text), {}), h);
  EXPECT_EQ(scenario_text_hash(squeezed(text), {}), h);
  EXPECT_EQ(scenario_text_hash("\n\n  " + text + "  \r\n", {}), h);
  EXPECT_NE(squeezed(text), text);  // the variants really differ in bytes
}

TEST(ScenarioHash, IgnoresKeyOrderAndEscapes) {
  const std::string a = R"({"calsim": 1, "name": "ab", "days": 3})";
  const std::string b = R"({"days": 3, "name": "\u0061b", "calsim": 1})";
  EXPECT_EQ(scenario_text_hash(a, {}), scenario_text_hash(b, {}));
}

// "x-…" keys are notes the loader ignores (SCENARIO.md): they do not count.
TEST(ScenarioHash, IgnoresNotes) {
  const std::string a = R"({"calsim": 1, "name": "ab", "clients": [{"count": 2}]})";
  const std::string b = R"({"calsim": 1, "x-note": "v2", "name": "ab", "clients": [{"count": 2, "x-why": 1}]})";
  EXPECT_EQ(scenario_text_hash(a, {}), scenario_text_hash(b, {}));
  EXPECT_NE(scenario_text_hash(a, {}), scenario_text_hash(a, {"/clients/0/count=3"}));
}

TEST(ScenarioHash, SeedOptionEqualsSetSeedAndValuesCount) {
  const std::string text = testing::small_office_json(40);
  // `--seed 7` is applied as the override "/seed=7" (cmd_sweep.cpp), like `--set /seed=7`.
  const std::string seeded = scenario_text_hash(text, {"/seed=7"});
  EXPECT_EQ(seeded, scenario_text_hash(text, {"/seed=7"}));
  EXPECT_NE(seeded, scenario_text_hash(text, {}));
  EXPECT_NE(seeded, scenario_text_hash(text, {"/seed=8"}));
  // A --set that restates the file's own value is the same scenario as loaded.
  EXPECT_EQ(scenario_text_hash(text, {"/seed=11"}), scenario_text_hash(text, {}));
  EXPECT_NE(scenario_text_hash(text, {"/clients/0/count=5"}), scenario_text_hash(text, {}));
  // The seed written in the file equals the same seed given by --set.
  std::string in_file = text;
  in_file.replace(in_file.find("\"seed\": 11"), 10, "\"seed\": 7");
  EXPECT_EQ(scenario_text_hash(in_file, {}), seeded);
}

TEST(ScenarioHash, BadTextIsAUsageErrorNamingIt) {
  try {
    scenario_text_hash("{\"a\": ", {}, "broken.json");
    FAIL() << "no error";
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("broken.json"), std::string::npos) << e.what();
  }
  EXPECT_THROW(scenario_hash("/nonexistent/calsim/scenario.json", {}), usage_error);
}

}  // namespace
}  // namespace calsim::detail
