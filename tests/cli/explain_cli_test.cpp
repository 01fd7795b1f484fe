// Issue 15: explain --refused lists the refused clients (count, first refusal,
// why); --first-refused tells the first one's story; unchanged connections in
// a row are folded into one line. Checked against the run's own records.
#include <gtest/gtest.h>

#include <map>
#include <regex>
#include <string>

#include "calsim/load.hpp"
#include "core/calendar.hpp"
#include "calsim/run.hpp"
#include "cli/cli.hpp"
#include "cli_runner.hpp"

namespace calsim::detail {
namespace {

using outcome = calsim::test::cli_outcome;
outcome calsim(std::vector<std::string> args) { return calsim::test::run_calsim(std::move(args)); }

const std::string scenario_file = CALSIM_SOURCE_DIR "/scenarios/pool-exhaustion-temporaries-expire.json";

// R-DEV-8: the ten PCs without a permanent CAL are refused when their temporaries expire.
TEST(ExplainCli, R_DEV_8_RefusedListsEveryRefusedClientWithItsCount) {
  struct counter : run_observer {
    std::map<std::string, std::int64_t> refused;
    std::string first;
    void on_connection(const connection_record& r) override {
      if (r.outcome != "refused") return;
      if (refused.empty()) first = std::string(r.client);
      ++refused[std::string(r.client)];
    }
  } c;
  run_options o;
  o.trace = true;
  run_scenario(load_scenario_file(scenario_file), o, c);
  ASSERT_EQ(c.refused.size(), 10u);

  const outcome list = calsim({"explain", scenario_file, "--refused"});
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_NE(list.out.find("10 clients refused"), std::string::npos) << list.out;
  for (const auto& [client, n] : c.refused)
    EXPECT_NE(list.out.find("  " + client + ": " + std::to_string(n) + " refusals, first "), std::string::npos)
        << client;
  EXPECT_NE(list.out.find("(event 1011) [R-DEV-8]"), std::string::npos);

  const outcome story = calsim({"explain", scenario_file, "--first-refused"});
  ASSERT_EQ(story.code, 0) << story.err;
  EXPECT_TRUE(story.out.starts_with("The first refused client is " + c.first + " (")) << story.out.substr(0, 200);
  EXPECT_NE(story.out.find("Outcome: REFUSED"), std::string::npos);
}

TEST(ExplainCli, UnchangedConnectionsAreFolded) {
  const outcome o = calsim({"explain", scenario_file, "--client", "PC-013", "--to", "2026-03-01"});
  ASSERT_EQ(o.code, 0) << o.err;
  const std::regex fold(R"(\n  \.\.\. and ([0-9]+) more connections like it, until [0-9T:-]+: nothing changed\.\n)");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(o.out, m, fold)) << o.out;
  EXPECT_GT(std::stoi(m[1]), 20);
  // Folded or told, every connection is counted once: told + folded = the client's connections in the run.
  struct counter : run_observer {
    std::size_t n = 0;
    void on_connection(const connection_record& r) override {
      n += r.client == "PC-013" && r.time < *parse_iso("2026-03-02");
    }
  } c;
  run_options opts;
  opts.trace = true;
  run_scenario(load_scenario_file(scenario_file), opts, c);
  const std::regex told_line(R"(\n2026-[0-9T:-]+  PC-013 connects)");
  std::size_t told = 0, folded = 0;
  for (std::sregex_iterator it(o.out.begin(), o.out.end(), told_line), end; it != end; ++it) ++told;
  for (std::sregex_iterator it(o.out.begin(), o.out.end(), fold), end; it != end; ++it) folded += std::stoul((*it)[1]);
  EXPECT_GT(c.n, 30u);
  EXPECT_EQ(told + folded, c.n);
}

TEST(ExplainCli, NeedsOneWayToChooseTheClient) {
  EXPECT_EQ(calsim({"explain", scenario_file}).code, 2);
  EXPECT_EQ(calsim({"explain", scenario_file, "--client", "PC-001", "--refused"}).code, 2);
  const outcome none = calsim({"explain", CALSIM_SOURCE_DIR "/scenarios/healthy-per-device-pool.json", "--refused"});
  EXPECT_EQ(none.code, 0);
  EXPECT_NE(none.out.find("nobody is refused"), std::string::npos);
}

}  // namespace
}  // namespace calsim::detail
