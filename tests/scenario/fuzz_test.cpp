// Deterministic corruptions of a valid scenario: each must load or be refused
// with scenario_error (never another exception, never a crash).
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "loaded_invariants.hpp"
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

void check(const std::string& text, outcome& o, const std::string& what, const std::vector<std::string>& sets = {}) {
  try {
    const scenario s = load_scenario_text(text, "fuzz.json", sets);
    ++o.loaded;
    const std::string broken = broken_invariant(s);
    ASSERT_EQ(broken, "") << what;
  } catch (const scenario_error& e) {
    ++o.refused;
    const std::string broken = broken_problems(e.problems);
    ASSERT_EQ(broken, "") << what << "\n" << e.what();
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

// The libFuzzer seed corpus (scenario text, then NUL-separated --set arguments,
// as tests/fuzz/fuzz_loader.cpp reads it) and every regression input.
TEST_F(ScenarioFuzz, CorpusAndRegressionsReplay) {
  outcome o;
  int n = 0;
  for (const char* folder : {"tests/fuzz/corpus", "tests/regressions"})
    for (const auto& e : std::filesystem::directory_iterator(data_file(folder))) {
      const std::string input = read(e.path().string());
      const std::size_t nul = input.find('\0');
      std::vector<std::string> sets;
      for (std::size_t at = nul; at != std::string::npos;) {
        const std::size_t next = input.find('\0', at + 1);
        sets.push_back(input.substr(at + 1, next == std::string::npos ? std::string::npos : next - at - 1));
        at = next;
      }
      check(input.substr(0, nul), o, e.path().string(), sets);
      ++n;
    }
  EXPECT_EQ(o.loaded + o.refused, n);
  EXPECT_GE(o.loaded, 8) << "the seed corpus should hold scenarios that load";
}

// Values at the edges of every range, set one at a time where they belong.
TEST_F(ScenarioFuzz, RangeEdges) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> edges{
      {"/days", {"0", "1", "36500", "36501", "-1", "1e3", "2.0"}},
      {"/seed", {"0", "18446744073709551615", "18446744073709551616", "-1"}},
      {"/start", {"\"1970-01-01\"", "\"1969-12-31\"", "\"9998-12-31\"", "\"9999-12-31\"", "\"2026-02-29\"", "\"2028-02-29T23:59:59\""}},
      {"/clients/0/count", {"1", "10000000", "10000001", "0"}},
      {"/clients/0/schedule/jitter_minutes", {"0", "720", "721"}},
      {"/clients/0/schedule/attendance", {"0", "1", "1.0000001", "-0.0"}},
      {"/clients/0/schedule/at", {"[\"00:00\"]", "[\"23:59\"]", "[\"24:00\"]", "[]"}},
      {"/license_servers/0/key_packs/0/count", {"0", "1000000000", "1000000001"}},
      {"/license_servers/0/version", {"2000", "2025", "1999", "2026"}},
      {"/session_hosts/0/licensing_mode", {"-2147483648", "2147483647", "2147483648"}},
  };
  outcome o;
  int n = 0;
  for (const auto& [ptr, values] : edges)
    for (const auto& v : values) {
      check(sample, o, ptr + "=" + v, {ptr + "=" + v});
      ++n;
    }
  EXPECT_EQ(o.loaded + o.refused, n);
  EXPECT_GT(o.loaded, 10);
  EXPECT_GT(o.refused, 10);
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
