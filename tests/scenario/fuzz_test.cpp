// Deterministic corruptions of a valid scenario: each must load or be refused
// with scenario_error (never another exception, never a crash).
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "scenario_test_util.hpp"

namespace calsim::test {
namespace {

using nlohmann::json;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct outcome {
  int loaded = 0;
  int refused = 0;
};

void check(const std::string& text, outcome& o, const std::string& what) {
  try {
    load_scenario_text(text, "fuzz.json");
    ++o.loaded;
  } catch (const scenario_error& e) {
    ++o.refused;
    ASSERT_FALSE(e.problems.empty()) << what;
    for (const auto& d : e.problems) ASSERT_NE(d.message.rfind("internal error", 0), 0u) << what << "\n" << e.what();
  } catch (const std::exception& e) {
    FAIL() << what << ": unexpected exception " << e.what();
  }
}

void collect_pointers(const json& j, const json::json_pointer& at, std::vector<json::json_pointer>& out) {
  out.push_back(at);
  if (j.is_object())
    for (const auto& [k, v] : j.items()) collect_pointers(v, at / k, out);
  else if (j.is_array())
    for (std::size_t i = 0; i < j.size(); ++i) collect_pointers(j[i], at / i, out);
}

class ScenarioFuzz : public ::testing::Test {
 protected:
  std::string sample = read(data_file("tests/scenario/data/full.json"));
  std::mt19937_64 rng{20260105};
  std::size_t pick(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(rng() % n); }
};

TEST_F(ScenarioFuzz, SampleLoads) { EXPECT_NO_THROW(load_scenario_text(sample, "full.json")); }

TEST_F(ScenarioFuzz, ByteFlips) {
  outcome o;
  for (int i = 0; i < 200; ++i) {
    std::string t = sample;
    const int flips = 1 + static_cast<int>(pick(3));
    for (int f = 0; f < flips; ++f) t[pick(t.size())] ^= static_cast<char>(1 + pick(255));
    check(t, o, "flip " + std::to_string(i));
  }
  EXPECT_EQ(o.loaded + o.refused, 200);
  EXPECT_GT(o.refused, 100);
}

TEST_F(ScenarioFuzz, TruncationsDeletionsDuplications) {
  outcome o;
  for (int i = 0; i < 100; ++i) check(sample.substr(0, pick(sample.size())), o, "truncate " + std::to_string(i));
  for (int i = 0; i < 100; ++i) {
    std::string t = sample;
    const std::size_t at = pick(t.size());
    t.erase(at, 1 + pick(40));
    check(t, o, "delete " + std::to_string(i));
  }
  for (int i = 0; i < 100; ++i) {
    std::string t = sample;
    const std::size_t from = pick(t.size());
    const std::string piece = t.substr(from, 1 + pick(80));
    t.insert(pick(t.size()), piece);
    check(t, o, "duplicate " + std::to_string(i));
  }
  EXPECT_EQ(o.loaded + o.refused, 300);
}

TEST_F(ScenarioFuzz, TypeSwaps) {
  const json doc = json::parse(sample);
  std::vector<json::json_pointer> ptrs;
  collect_pointers(doc, json::json_pointer(), ptrs);
  const std::vector<json> replacements{
      nullptr, true, false, -1, 0, 1, 1.5, -0.0, 1e300, 18446744073709551615ull, std::numeric_limits<std::int64_t>::min(),
      "", "x{", "{n}", "2026-01-05", "LS1", "office", "PC-001", std::string(300, 'a'), json::array(),
      json::object(), json::array({1, "a"}), json{{"a", 1}}, json{{"every", 2}}, json::array({"RDSH1", "R1"})};
  outcome o;
  int n = 0;
  for (std::size_t i = 0; i < ptrs.size(); ++i) {
    for (int k = 0; k < 3; ++k, ++n) {
      json d = doc;
      const json& r = replacements[pick(replacements.size())];
      if (ptrs[i].empty()) d = r;
      else d[ptrs[i]] = r;
      check(d.dump(pick(2) ? 2 : -1), o, "swap " + ptrs[i].to_string() + " = " + r.dump());
    }
  }
  EXPECT_GE(n, 500);
  EXPECT_EQ(o.loaded + o.refused, n);
}

TEST_F(ScenarioFuzz, MemberRemovals) {
  const json doc = json::parse(sample);
  std::vector<json::json_pointer> ptrs;
  collect_pointers(doc, json::json_pointer(), ptrs);
  outcome o;
  for (const auto& p : ptrs) {
    if (p.empty()) continue;
    json d = doc;
    json& parent = d[p.parent_pointer()];
    if (parent.is_object()) parent.erase(p.back());
    else parent.erase(std::stoul(p.back()));
    check(d.dump(), o, "remove " + p.to_string());
  }
  EXPECT_GT(o.refused, 0);
}

TEST_F(ScenarioFuzz, OverridesNeverCrash) {
  const std::vector<std::string> sets{"", "=", "/", "/=", "/-=1", "/clients/-=1", "/clients/0/name={n}", "/~", "/~2=1",
                                      "/clients/00/count=1", "/clients/99999999999999999999/count=1",
                                      "/actions/0/at=\"2100-01-01\"", "/expect=[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
                                      "/description=\xff\xfe", "/seed=1e999", "/calsim=2"};
  outcome o;
  for (const auto& s : sets) {
    try {
      load_scenario_text(sample, "full.json", {s});
      ++o.loaded;
    } catch (const scenario_error& e) {
      ++o.refused;
      for (const auto& d : e.problems) EXPECT_NE(d.message.rfind("internal error", 0), 0u) << e.what();
    } catch (const std::exception& e) {
      ADD_FAILURE() << s << ": " << e.what();
    }
  }
  EXPECT_GT(o.refused, 10);
}

}  // namespace
}  // namespace calsim::test
