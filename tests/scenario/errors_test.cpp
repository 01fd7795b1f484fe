// One test per kind of problem: pointer, line:column and message.
#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

#include "scenario_test_util.hpp"

namespace calsim::test {
namespace {

void expect_at(const std::string& text, const diagnostic& d, std::string_view needle) {
  const auto [line, col] = pos_of(text, needle);
  EXPECT_EQ(d.line, line) << format_diagnostic(d);
  EXPECT_EQ(d.column, col) << format_diagnostic(d);
  EXPECT_EQ(d.file, "t.json");
}

TEST(ScenarioErrors, BaseIsValid) { EXPECT_TRUE(problems_of(base).empty()) << all_text(problems_of(base)); }

TEST(ScenarioErrors, SyntaxErrorHasLineAndColumn) {
  const std::string text = "{\n  \"calsim\": 1,\n  \"days\": [1, 2,]\n}\n";
  const auto ds = problems_of(text);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].line, 3);
  EXPECT_EQ(ds[0].column, 17);  // the ']'
  EXPECT_NE(ds[0].message.find("JSON syntax error"), std::string::npos) << ds[0].message;
}

TEST(ScenarioErrors, SyntaxErrorAtEndOfInput) {
  const auto ds = problems_of("{\n  \"calsim\": 1,\n");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].line, 3);
  EXPECT_NE(ds[0].message.find("end of input"), std::string::npos) << ds[0].message;
}

TEST(ScenarioErrors, NumberOverflowIsASyntaxError) {
  const auto ds = problems_of("{\n  \"calsim\": 1e999 }");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].line, 2);
  EXPECT_EQ(ds[0].column, 13);
  EXPECT_NE(ds[0].message.find("overflow"), std::string::npos);
}

TEST(ScenarioErrors, EmptyFile) {
  for (std::string_view t : {"", "  \n\t ", "\xEF\xBB\xBF"}) {
    const auto ds = problems_of(t);
    ASSERT_EQ(ds.size(), 1u);
    EXPECT_EQ(ds[0].message.rfind("empty file", 0), 0u);
    EXPECT_EQ(ds[0].line, 1);
  }
}

TEST(ScenarioErrors, RootNotObject) {
  const auto ds = problems_of("\n  [1, 2]");
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].pointer, "");
  EXPECT_EQ(ds[0].line, 2);
  EXPECT_EQ(ds[0].column, 3);
  EXPECT_EQ(ds[0].message, "a scenario must be a JSON object {…}, got an array");
}

TEST(ScenarioErrors, UnknownKeyWithSuggestion) {
  const std::string text = with(base, "\"at\": [\"09:00\"] }", "\"at\": [\"09:00\"], \"jiter_minutes\": 5 }");
  const auto ds = problems_of(text);
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].pointer, "/clients/0/schedule/jiter_minutes");
  EXPECT_EQ(ds[0].message,
            "unknown key \"jiter_minutes\" for a schedule (allowed: days, at, jitter_minutes, attendance, admin, logon_failure, absences); "
            "did you mean \"jitter_minutes\"?");
  expect_at(text, ds[0], "\"jiter_minutes\"");  // the key, not the value
}

TEST(ScenarioErrors, UnknownTopLevelKeyAndXKeys) {
  const std::string text = with(base, "\"days\": 30,", "\"days\": 30, \"x-anything\": {\"deep\": [1]}, \"seeed\": 3,");
  const auto ds = problems_of(text);
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].pointer, "/seeed");
  EXPECT_NE(ds[0].message.find("did you mean \"seed\"?"), std::string::npos);
  expect_at(text, ds[0], "\"seeed\"");
}

TEST(ScenarioErrors, WrongType) {
  const std::string text = with(base, "\"days\": 30,", "\"days\": 30,\n  \"description\": 5,");
  const auto d = diag_at(problems_of(text), "/description");
  EXPECT_EQ(d.message, "must be a string, got number 5");
  expect_at(text, d, "5,");
}

TEST(ScenarioErrors, CountOutOfRange) {
  const std::string text = with(base, "\"count\": 5", "\"count\": -5");
  const auto d = diag_at(problems_of(text), "/clients/0/count");
  EXPECT_EQ(d.message, "must be an integer from 1 to 10000000, got -5");
  EXPECT_EQ(format_diagnostic(d).substr(0, 7), "t.json:");
  expect_at(text, d, "-5");
}

TEST(ScenarioErrors, IntegerExpected) {
  for (std::string v : {"2.5", "5.0", "1e30", "18446744073709551616", "\"5\"", "true", "null"}) {
    const auto d = diag_at(problems_of(with(base, "\"count\": 5", "\"count\": " + v)), "/clients/0/count");
    EXPECT_EQ(d.message.rfind("must be an integer from 1 to 10000000, got ", 0), 0u) << d.message;
  }
}

TEST(ScenarioErrors, DanglingLicenseServer) {
  const std::string text = with(base, "\"license_servers\": [\"LS1\"]", "\"license_servers\": [\"LS9\"]");
  const auto d = diag_at(problems_of(text), "/session_hosts/0/license_servers/0");
  EXPECT_EQ(d.message, "no license server named \"LS9\" (known: LS1)");
  expect_at(text, d, "\"LS9\"");
}

TEST(ScenarioErrors, DuplicateKey) {
  const std::string text = with(base, "\"days\": 30,", "\"days\": 30,\n  \"days\": 31,");
  const auto ds = problems_of(text);
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].pointer, "/days");
  EXPECT_EQ(ds[0].message, "duplicate key \"days\" (each key may appear once)");
  EXPECT_EQ(ds[0].line, 5);
  EXPECT_EQ(ds[0].column, 3);
}

TEST(ScenarioErrors, DuplicateKeyValueIsTheLastOne) {
  // The parser keeps the last of duplicated keys: its problems point at that value.
  const std::string text = with(base, "\"days\": 30,", "\"days\": 30,\n  \"days\": -1,");
  const auto ds = problems_of(text);
  ASSERT_EQ(ds.size(), 2u) << all_text(ds);
  EXPECT_EQ(ds[0].message, "duplicate key \"days\" (each key may appear once)");
  EXPECT_EQ(ds[1].pointer, "/days");
  EXPECT_EQ(ds[1].message, "must be an integer from 1 to 36500, got -1");
  expect_at(text, ds[1], "-1");
}

TEST(ScenarioErrors, DuplicateKeyEscapedPointer) {
  const std::string text = with(base, "\"days\": 30,", "\"days\": 30, \"x-a/b~c\": 1, \"x-a/b~c\": 2,");
  const auto ds = problems_of(text);
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].pointer, "/x-a~1b~0c");
  const auto [line, col] = pos_of(text, "\"x-a/b~c\": 2");
  EXPECT_EQ(ds[0].line, line);
  EXPECT_EQ(ds[0].column, col);
}

TEST(ScenarioErrors, FormatVersion) {
  const auto d = diag_at(problems_of(with(base, "\"calsim\": 1", "\"calsim\": 2")), "/calsim");
  EXPECT_EQ(d.message, "unsupported format version 2 (this calsim reads 1)");
  const auto missing = problems_of(with(base, "\"calsim\": 1,", ""));
  EXPECT_EQ(diag_at(missing, "").message, "missing required key \"calsim\"");
}

TEST(ScenarioErrors, Versions) {
  const std::string text = with(base, "\"name\": \"H1\"", "\"name\": \"H1\", \"version\": 2010");
  const auto d = diag_at(problems_of(text), "/session_hosts/0/version");
  EXPECT_EQ(d.message,
            "must be a Windows Server version, one of 2000, 2003, 2008, 2012, 2016, 2019, 2022, 2025, got 2010");
  expect_at(text, d, "2010");
}

TEST(ScenarioErrors, RunLength) {
  EXPECT_EQ(diag_at(problems_of(with(base, "\"days\": 30", "\"days\": 30, \"end\": \"2026-03-01\"")), "/end").message,
            "give \"days\" or \"end\", not both");
  EXPECT_EQ(diag_at(problems_of(with(base, "\"days\": 30,", "")), "").message.rfind("missing the run length", 0), 0u);
  EXPECT_EQ(diag_at(problems_of(with(base, "\"days\": 30", "\"end\": \"2026-01-05\"")), "/end").message,
            "must be after \"start\" (2026-01-05), got 2026-01-05");
  EXPECT_EQ(diag_at(problems_of(with(base, "\"days\": 30", "\"days\": 36501")), "/days").message,
            "must be an integer from 1 to 36500, got 36501");
  EXPECT_NE(diag_at(problems_of(with(base, "\"days\": 30", "\"end\": \"2226-01-05\"")), "/end").message.find("36500"),
            std::string::npos);
}

TEST(ScenarioErrors, RunEndsBeforeTheCalendarDoes) {
  const std::string note =
      "the run must end by 9999-01-01 (the calendar stops at 9999-12-31, and leases and grace periods reach up to 120 "
      "days past the run)";
  const std::string late = with(base, "\"2026-01-05\"", "\"9998-12-01\"");
  EXPECT_EQ(diag_at(problems_of(with(late, "\"days\": 30", "\"days\": 100")), "/days").message,
            note + "; from \"start\" 9998-12-01 that is at most 31 days, got 100");
  EXPECT_EQ(diag_at(problems_of(with(late, "\"days\": 30", "\"end\": \"9999-12-31\"")), "/end").message,
            note + ", got 9999-12-31");
  EXPECT_EQ(diag_at(problems_of(with(base, "\"2026-01-05\"", "\"9999-06-01\"")), "/start").message,
            note + ", so \"start\" must be at least a day before it, got 9999-06-01");
  // Times outside such a run were once described with a date past 9999: an internal error.
  const auto ds = problems_of(with(base, "\"2026-01-05\"", "\"9999-12-01\""));
  for (const auto& d : ds) EXPECT_EQ(d.message.find("internal error"), std::string::npos) << format_diagnostic(d);
  // 31 days from 9998-12-01 is allowed (the action and expectation of `base` would be outside it).
  const std::string last = with(with(with(late, "\"days\": 30", "\"days\": 31"), "\"actions\"", "\"x-actions\""),
                                "\"expect\"", "\"x-expect\"");
  EXPECT_TRUE(problems_of(last).empty()) << all_text(problems_of(last));
}

TEST(ScenarioErrors, Dates) {
  const std::string text = with(base, "\"2026-01-05\"", "\"2026-02-30\"");
  const auto d = diag_at(problems_of(text), "/start");
  EXPECT_NE(d.message.find("got string \"2026-02-30\""), std::string::npos) << d.message;
  expect_at(text, d, "\"2026-02-30\"");
  EXPECT_FALSE(problems_of(with(base, "\"2026-01-05\"", "\"2026-01-05T10:00Z\"")).empty());
}

TEST(ScenarioErrors, Seed) {
  EXPECT_EQ(diag_at(problems_of(with(base, "\"days\": 30", "\"days\": 30, \"seed\": -1")), "/seed").message,
            "must be an integer from 0 to 18446744073709551615, got -1");
  EXPECT_TRUE(problems_of(with(base, "\"days\": 30", "\"days\": 30, \"seed\": 18446744073709551615")).empty());
}

TEST(ScenarioErrors, ScenarioName) {
  EXPECT_EQ(diag_at(problems_of(with(base, "\"days\": 30", "\"days\": 30, \"name\": \"Bad Name\"")), "/name").message,
            "must be lowercase letters, digits and '-' ([a-z0-9-]+), got \"Bad Name\"");
}

TEST(ScenarioErrors, Rules) {
  const auto d = diag_at(problems_of(with(base, "\"days\": 30", "\"days\": 30, \"rules\": \"ws2016\"")), "/rules");
  EXPECT_EQ(d.message.rfind("must be one of ws2000|ws2003|ws2008|ws2012, got string \"ws2016\"", 0), 0u) << d.message;
}

TEST(ScenarioErrors, NamePatterns) {
  auto msg = [](std::string pattern, std::string count = "5") {
    return diag_at(problems_of(with(with(base, "\"PC-{n}\"", "\"" + pattern + "\""), "\"count\": 5", "\"count\": " + count)),
                   "/clients/0/name")
        .message;
  };
  EXPECT_EQ(msg("PC-{x}"), "bad name pattern \"PC-{x}\": unknown field \"{x}\" (allowed: {n} or {n:0W} (W 1 to 9))");
  EXPECT_EQ(msg("PC"), "must contain {n} or {n:0W} when count is more than 1, got \"PC\"");
  EXPECT_NE(msg("PC {n}").find("character 3 is not allowed"), std::string::npos);
  EXPECT_NE(msg("PC-{n:010}").find("unknown field \"{n:010}\""), std::string::npos);
  EXPECT_NE(msg("PC-{n:3}").find("unknown field"), std::string::npos);
  EXPECT_NE(msg("PC-{n").find("unclosed"), std::string::npos);
  EXPECT_NE(msg("PC-}").find("unmatched"), std::string::npos);
  EXPECT_NE(msg("PC-{name}").find("unknown field"), std::string::npos);
  EXPECT_TRUE(problems_of(with(with(base, "\"PC-{n}\"", "\"PC\""), "\"count\": 5", "\"count\": 1")).empty());
  // user patterns allow {name} and other text, but no unknown fields
  EXPECT_TRUE(problems_of(with(base, "\"hosts\": [\"H1\"],", "\"hosts\": [\"H1\"], \"user\": \"CORP\\\\{name} x@y\",")).empty());
  EXPECT_NE(diag_at(problems_of(with(base, "\"hosts\": [\"H1\"],", "\"hosts\": [\"H1\"], \"user\": \"u{m}\",")),
                    "/clients/0/user")
                .message.find("(allowed: {n}, {n:0W} (W 1 to 9) or {name})"),
            std::string::npos);
}

TEST(ScenarioErrors, ClientKindAndImage) {
  const std::string cloned = with(base, "\"count\": 5,", "\"count\": 5, \"kind\": \"cloned\",");
  EXPECT_EQ(diag_at(problems_of(cloned), "/clients/0").message,
            "missing required key \"image\" (\"kind\": \"cloned\" needs one)");
  const std::string img = with(base, "\"count\": 5,", "\"count\": 5, \"image\": \"GOLD\",");
  EXPECT_EQ(diag_at(problems_of(img), "/clients/0/image").message, "\"image\" is only for \"kind\": \"cloned\" or \"non_persistent\"");
  const std::string unknown = with(base, "\"count\": 5,", "\"count\": 5, \"kind\": \"cloned\", \"image\": \"GOLD\",");
  EXPECT_EQ(diag_at(problems_of(unknown), "/clients/0/image").message, "no image named \"GOLD\" (known: none)");
  EXPECT_NE(diag_at(problems_of(with(base, "\"count\": 5,", "\"count\": 5, \"kind\": \"clone\",")), "/clients/0/kind")
                .message.find("did you mean \"cloned\"?"),
            std::string::npos);
}

TEST(ScenarioErrors, Hosts) {
  EXPECT_EQ(diag_at(problems_of(with(base, "\"hosts\": [\"H1\"]", "\"hosts\": []")), "/clients/0/hosts").message,
            "must be a non-empty list, got an empty list");
  EXPECT_EQ(diag_at(problems_of(with(base, "\"hosts\": [\"H1\"]", "\"hosts\": [\"H2\"]")), "/clients/0/hosts/0").message,
            "no session host named \"H2\" (known: H1)");
  EXPECT_EQ(diag_at(problems_of(with(base, "\"hosts\": [\"H1\"]", "\"hosts\": [\"LS1\"]")), "/clients/0/hosts/0").message,
            "no session host named \"LS1\" (known: H1); \"LS1\" is a license server");
  EXPECT_EQ(diag_at(problems_of(with(base, "\"hosts\": [\"H1\"]", "\"hosts\": [\"H1\", \"H1\"]")), "/clients/0/hosts/1")
                .message,
            "session host \"H1\" is listed twice");
  EXPECT_NE(diag_at(problems_of(with(base, "\"hosts\": [\"H1\"]", "\"hosts\": [\"H1\"], \"hosts_policy\": \"last\"")),
                    "/clients/0/hosts_policy")
                .message.find("uniform|first"),
            std::string::npos);
}

TEST(ScenarioErrors, NodeNames) {
  const std::string dup = with(base, "{ \"name\": \"H1\"", "{ \"name\": \"LS1\"");
  const auto ds = problems_of(dup);
  const auto d = diag_at(ds, "/session_hosts/0/name");
  EXPECT_EQ(d.message,
            "name \"LS1\" is already used by the license server at /license_servers/0/name (servers, hosts and routers "
            "share one name space)");
  EXPECT_EQ(diag_at(problems_of(with(base, "{ \"name\": \"H1\"", "{ \"name\": \"H 1\"")), "/session_hosts/0/name").message,
            "node name must be 1 to 64 characters of [A-Za-z0-9._-], got \"H 1\"");
  EXPECT_FALSE(problems_of(with(base, "{ \"name\": \"H1\"", "{ \"name\": \"" + std::string(65, 'h') + "\"")).empty());
  for (std::string dots : {".", ".."})
    EXPECT_EQ(diag_at(problems_of(with(base, "{ \"name\": \"H1\"", "{ \"name\": \"" + dots + "\"")), "/session_hosts/0/name")
                  .message,
              "node name must not be \".\" or \"..\" (it names a file in the outputs), got \"" + dots + "\"");
}

TEST(ScenarioErrors, KeyPacks) {
  const std::string two = with(base, "\"count\": 10 } ]", "\"count\": 10 }, { \"id\": \"P1\", \"type\": \"per_user\", \"version\": 2019, \"count\": 1 } ]");
  EXPECT_EQ(diag_at(problems_of(two), "/license_servers/0/key_packs/1/id").message,
            "key pack id \"P1\" is used twice on this server");
  EXPECT_EQ(diag_at(problems_of(with(base, "\"count\": 10 }", "\"count\": 1000000001 }")),
                    "/license_servers/0/key_packs/0/count")
                .message,
            "must be an integer from 0 to 1000000000, got 1000000001");
  EXPECT_EQ(diag_at(problems_of(with(base, "\"version\": 2019, ", "")), "/license_servers/0/key_packs/0").message,
            "missing required key \"version\"");
  EXPECT_NE(diag_at(problems_of(with(base, "\"id\": \"P1\"", "\"id\": \"per_user\"")), "/license_servers/0/key_packs/0/id")
                .message.find("metric names"),
            std::string::npos);
}

TEST(ScenarioErrors, GroupAndImageNamesUnique) {
  const std::string text = with(base, "\"clients\": [",
                                "\"images\": [ {\"name\": \"G\"}, {\"name\": \"G\", \"hardware_id\": \"12\"} ],\n"
                                "  \"clients\": [ { \"group\": \"office\", \"name\": \"X{n}\", \"count\": 2, \"hosts\": [\"H1\"] },");
  const auto ds = problems_of(text);
  EXPECT_EQ(diag_at(ds, "/images/1/name").message, "image name \"G\" is used twice");
  EXPECT_EQ(diag_at(ds, "/images/1/hardware_id").message, "must be \"random\" or 40 hexadecimal digits, got string \"12\"");
  EXPECT_EQ(diag_at(ds, "/clients/1/group").message, "group name \"office\" is used twice");
}

TEST(ScenarioErrors, SamePatternTwice) {
  const std::string text = with(base, "\"clients\": [",
                                "\"clients\": [ { \"group\": \"other\", \"name\": \"PC-{n}\", \"count\": 2, \"hosts\": [\"H1\"] },");
  EXPECT_NE(diag_at(problems_of(text), "/clients/1/name").message.find("client names would clash"), std::string::npos);
}

TEST(ScenarioErrors, ClientNamesClashAcrossGroups) {
  // "PC-{n:02}" with 15 clients makes PC-10 … PC-15, which "PC-{n}" (5 clients: PC-1 … PC-5) does not…
  const std::string ok = with(base, "\"clients\": [",
                              "\"clients\": [ { \"group\": \"other\", \"name\": \"PC-{n:02}\", \"count\": 9, \"hosts\": [\"H1\"] },");
  EXPECT_TRUE(problems_of(ok).empty()) << all_text(problems_of(ok));
  // …but with 20 clients "PC-{n}" makes PC-10 too.
  const std::string text = with(with(base, "\"clients\": [",
                                     "\"clients\": [ { \"group\": \"other\", \"name\": \"PC-{n:02}\", \"count\": 15, \"hosts\": [\"H1\"] },"),
                                "\"count\": 5", "\"count\": 20");
  const auto ds = problems_of(text);
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].pointer, "/clients/1/name");
  EXPECT_EQ(ds[0].message,
            "group \"other\" (\"PC-{n:02}\", 15 clients) also makes the client name \"PC-10\": client names would clash "
            "(each client name must be unique)");
  expect_at(text, ds[0], "\"PC-{n}\"");
}

TEST(ScenarioErrors, ClientNameClashWithAddedGroup) {
  const auto ds = problems_of(with(base, "{ \"at\": \"2026-01-10\", \"do\": \"restart_host\", \"host\": \"H1\" }",
                                   R"({ "at": "2026-01-10", "do": "add_clients", "clients": { "group": "late", "name": "PC-5", "hosts": ["H1"] } })"));
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].pointer, "/actions/0/clients/name");
  EXPECT_EQ(ds[0].message.rfind("group \"office\" (\"PC-{n}\", 5 clients) also makes the client name \"PC-5\"", 0), 0u)
      << ds[0].message;
}

TEST(ScenarioErrors, ClientNameEqualsANodeName) {
  auto host_named = [](const std::string& name) {
    std::string t = base;
    for (std::size_t at = t.find("\"H1\""); at != std::string::npos; at = t.find("\"H1\"", at))
      t.replace(at, 4, "\"" + name + "\"");
    return t;
  };
  const std::string text = host_named("PC-3");
  const auto ds = problems_of(text);
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].pointer, "/clients/0/name");
  EXPECT_EQ(ds[0].message,
            "makes the client name \"PC-3\", which is already the name of the node at /session_hosts/0/name (clients, "
            "servers, hosts and routers need distinct names)");
  expect_at(text, ds[0], "\"PC-{n}\"");
  EXPECT_TRUE(problems_of(host_named("PC-6")).empty()) << "PC-6 is not one of PC-1 … PC-5";
  EXPECT_TRUE(problems_of(host_named("PC-01")).empty()) << "\"PC-{n}\" makes PC-1, not PC-01";
}

TEST(ScenarioErrors, ClientNameLengthAndDots) {
  auto msg = [](std::string pattern, std::string count) {
    return diag_at(problems_of(with(with(base, "\"PC-{n}\"", "\"" + pattern + "\""), "\"count\": 5", "\"count\": " + count)),
                   "/clients/0/name")
        .message;
  };
  const std::string p57(57, 'x');
  EXPECT_TRUE(problems_of(with(with(base, "\"PC-{n}\"", "\"" + p57 + "{n}\""), "\"count\": 5", "\"count\": 9999999")).empty());
  EXPECT_EQ(msg(p57 + "{n}", "10000000"), "client names must be at most 64 characters, but \"" + p57 +
                                              "{n}\" with count 10000000 makes names of 65 characters");
  EXPECT_EQ(msg("..", "1"), "a client name must not be \".\" or \"..\" (it names a file in the outputs), got \"..\"");
  EXPECT_EQ(msg(".", "1"), "a client name must not be \".\" or \"..\" (it names a file in the outputs), got \".\"");
}

TEST(ScenarioErrors, ClientNameClashMatchesBruteForce) {
  // The loader compares patterns without listing names; compare it with listing them.
  const std::vector<std::string> heads{"", "A", "A1", "A0", "1", "10"};
  const std::vector<std::string> fields{"{n}", "{n:02}", "{n:03}", "{n}{n}", ""};
  const std::vector<std::string> tails{"", "1", "0", "-b", "9"};
  const std::vector<std::int64_t> counts{1, 5, 9, 10, 11, 99, 100, 101, 120, 1000, 1500};
  std::mt19937_64 rng(7);
  auto pick = [&](const auto& v) { return v[static_cast<std::size_t>(rng() % v.size())]; };
  auto names = [](const std::string& head, const std::string& field, const std::string& tail, std::int64_t count) {
    std::set<std::string> out;
    for (std::int64_t n = 1; n <= count; ++n) {
      std::string d = std::to_string(n);
      if (field == "{n:02}" && d.size() < 2) d.insert(0, 2 - d.size(), '0');
      if (field == "{n:03}" && d.size() < 3) d.insert(0, 3 - d.size(), '0');
      out.insert(head + (field.empty() ? "" : field == "{n}{n}" ? d + d : d) + tail);
    }
    return out;
  };
  int clashes = 0, checked = 0;
  for (int i = 0; i < 400; ++i) {
    std::string h[2], f[2], t[2];
    std::int64_t n[2];
    for (int k = 0; k < 2; ++k) {
      h[k] = pick(heads), f[k] = pick(fields), t[k] = pick(tails), n[k] = pick(counts);
      if (k == 1 && rng() % 2) h[1] = h[0];  // same start, or same {n}: more pairs worth comparing
      if (k == 1 && rng() % 3 == 0) f[1] = f[0];
      if (f[k].empty()) {
        n[k] = 1;
        if (h[k].empty() && t[k].empty()) h[k] = "Z";
      }
    }
    const auto a = names(h[0], f[0], t[0], n[0]);
    const auto b = names(h[1], f[1], t[1], n[1]);
    if (a.size() != static_cast<std::size_t>(n[0]) || b.size() != static_cast<std::size_t>(n[1])) continue;
    bool clash = false;
    for (const auto& x : b) clash = clash || a.count(x) > 0;
    const std::string groups =
        "\"clients\": [ { \"group\": \"a\", \"name\": \"" + h[0] + f[0] + t[0] + "\", \"count\": " + std::to_string(n[0]) +
        ", \"hosts\": [\"H1\"] }, { \"group\": \"b\", \"name\": \"" + h[1] + f[1] + t[1] +
        "\", \"count\": " + std::to_string(n[1]) + ", \"hosts\": [\"H1\"] },";
    const auto ds = problems_of(with(base, "\"clients\": [", groups));
    const bool reported = std::any_of(ds.begin(), ds.end(), [](const diagnostic& d) {
      return d.pointer == "/clients/1/name" && d.message.find("would clash") != std::string::npos;
    });
    EXPECT_EQ(reported, clash) << groups << "\n" << all_text(ds);
    ++checked;
    clashes += clash;
  }
  EXPECT_GT(checked, 300);
  EXPECT_GT(clashes, 25) << "too few clashing pairs to be a good test";
  EXPECT_LT(clashes, checked - 25) << "too few pairs without a clash to be a good test";
}

TEST(ScenarioErrors, ClientNameCheckIsFastForHugeGroups) {
  // "X{n}" with 9,000,000 clients makes X1 … X9000000; "X9{n:06}" makes X9000001 …
  // X9999999: they never meet, and that is found by arithmetic, not by listing.
  auto groups = [](std::int64_t count) {
    return with(base, "\"clients\": [",
                "\"clients\": [ { \"group\": \"a\", \"name\": \"X{n}\", \"count\": " + std::to_string(count) +
                    ", \"hosts\": [\"H1\"] }, { \"group\": \"b\", \"name\": \"X9{n:06}\", \"count\": 999999, "
                    "\"hosts\": [\"H1\"] },");
  };
  EXPECT_TRUE(problems_of(groups(9000000)).empty()) << all_text(problems_of(groups(9000000)));
  const auto ds = problems_of(groups(9000001));
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].pointer, "/clients/1/name");
  EXPECT_EQ(ds[0].message.rfind("group \"a\" (\"X{n}\", 9000001 clients) also makes the client name \"X9000001\"", 0), 0u)
      << ds[0].message;
}

TEST(ScenarioErrors, TooManyClients) {
  std::string groups = "\"clients\": [";
  for (int i = 0; i < 430; ++i)
    groups += " { \"group\": \"g" + std::to_string(i) + "\", \"name\": \"G" + std::to_string(i) +
              "x{n}\", \"count\": 10000000, \"hosts\": [\"H1\"] },";
  const auto ds = problems_of(with(base, "\"clients\": [", groups));
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].pointer, "/clients/429/count");
  EXPECT_EQ(ds[0].message,
            "too many clients: the groups up to this one make 4300000000 clients, at most 4294967294 in all (the "
            "simulator numbers clients with 32 bits)");
}

TEST(ScenarioErrors, TooManyClientGroups) {
  std::string groups = "\"clients\": [";
  for (int i = 0; i < 10000; ++i)
    groups += " { \"group\": \"g" + std::to_string(i) + "\", \"name\": \"G" + std::to_string(i) + "x\", \"hosts\": [\"H1\"] },";
  const auto ds = problems_of(with(base, "\"clients\": [", groups));  // 10001 with "office"
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].pointer, "/clients/10000");
  EXPECT_EQ(ds[0].message,
            "too many client groups: at most 10000 (those of \"clients\" and of add_clients actions together), got 10001");
}

TEST(ScenarioErrors, ImageLicense) {
  const std::string text = with(base, "\"clients\": [",
                                "\"images\": [ {\"name\": \"G\", \"license\": {\"server\": \"LS2\", \"type\": \"perm\"}} ],\n  \"clients\": [");
  const auto ds = problems_of(text);
  EXPECT_EQ(diag_at(ds, "/images/0/license/server").message, "no license server named \"LS2\" (known: LS1)");
  EXPECT_NE(diag_at(ds, "/images/0/license/type").message.find("permanent|temporary"), std::string::npos);
  EXPECT_EQ(diag_at(ds, "/images/0/license").message, "missing required key \"expires\"");
}

TEST(ScenarioErrors, Schedule) {
  auto msg = [](std::string sched, std::string ptr) {
    return diag_at(problems_of(with(base, "\"schedule\": { \"days\": \"daily\", \"at\": [\"09:00\"] }", "\"schedule\": " + sched)),
                   "/clients/0/schedule" + ptr)
        .message;
  };
  EXPECT_EQ(msg(R"({"days": {"every": 0}})", "/days/every"), "must be an integer from 1 to 3650, got 0");
  EXPECT_EQ(msg(R"({"days": {"weekly": []}})", "/days/weekly"), "must be a non-empty list, got an empty list");
  EXPECT_NE(msg(R"({"days": {"weekly": ["Mon", "Fri", "Sunday"]}})", "/days/weekly/2").find("Mon|Tue|Wed"), std::string::npos);
  EXPECT_NE(msg(R"({"days": {"dates": ["2026-13-01"]}})", "/days/dates/0").find("got string \"2026-13-01\""), std::string::npos);
  EXPECT_EQ(msg(R"({"days": {"poisson_per_day": 0}})", "/days/poisson_per_day"),
            "must be a number above 0.0 to 1000.0, got 0");
  EXPECT_EQ(msg(R"({"days": {"every": 2, "weekly": ["Mon"]}})", "/days"),
            "must have exactly one of every, weekly, dates, poisson_per_day");
  EXPECT_EQ(msg(R"({"days": {"x-note": "no form"}})", "/days"),  // found by the schema agreement test
            "must have exactly one of every, weekly, dates, poisson_per_day");
  EXPECT_NE(msg(R"({"days": "workday"})", "/days").find("did you mean \"workdays\"?"), std::string::npos);
  EXPECT_EQ(msg(R"({"at": ["9:00"]})", "/at/0"), "must be a time of day \"HH:MM\" (00:00 to 23:59), got string \"9:00\"");
  EXPECT_EQ(msg(R"({"at": []})", "/at"), "must be a non-empty list, got an empty list");
  EXPECT_EQ(msg(R"({"jitter_minutes": 721})", "/jitter_minutes"), "must be an integer from 0 to 720, got 721");
  EXPECT_EQ(msg(R"({"attendance": 1.5})", "/attendance"), "must be a number from 0.0 to 1.0, got 1.5");
  EXPECT_EQ(msg(R"({"admin": "yes"})", "/admin"), "must be true or false, got string \"yes\"");
  EXPECT_NE(msg(R"({"days": {"poisson_per_day": 2}, "at": ["09:00"]})", "/at").find("no effect"), std::string::npos);
}

// sim/model/schedule.cpp plans a client's connections of one day in 32 slots.
TEST(ScenarioErrors, ScheduleAtMost32Times) {
  auto schedule = [](int times) {
    std::string at;
    for (int i = 0; i < times; ++i) {
      char hh_mm[16];
      std::snprintf(hh_mm, sizeof hh_mm, "%02d:%02d", i % 24, i / 24);
      at += std::string(i ? ", " : "") + "\"" + hh_mm + "\"";
    }
    return with(base, "\"at\": [\"09:00\"]", "\"at\": [" + at + "]");
  };
  EXPECT_TRUE(problems_of(schedule(32)).empty()) << all_text(problems_of(schedule(32)));
  const std::string text = schedule(33);
  const auto ds = problems_of(text);
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].pointer, "/clients/0/schedule/at");
  EXPECT_EQ(ds[0].message, "must have at most 32 times of day (a client connects at most 32 times a day), got 33");
  expect_at(text, ds[0], "[\"00:00\"");
  // an added group is held to the same limit
  std::string at;
  for (int i = 0; i < 40; ++i) at += std::string(i ? ", " : "") + "\"12:00\"";
  const auto added = problems_of(with(base, "{ \"at\": \"2026-01-10\", \"do\": \"restart_host\", \"host\": \"H1\" }",
                                      R"({ "at": "2026-01-10", "do": "add_clients", "clients": { "group": "late", "name": "L{n}", "count": 2, "hosts": ["H1"], "schedule": { "at": [)" + at + "] } } }"));
  EXPECT_EQ(diag_at(added, "/actions/0/clients/schedule/at").message,
            "must have at most 32 times of day (a client connects at most 32 times a day), got 40");
}

TEST(ScenarioErrors, ClientFields) {
  auto msg = [](std::string extra, std::string ptr) {
    return diag_at(problems_of(with(base, "\"hosts\": [\"H1\"],", "\"hosts\": [\"H1\"], " + extra + ",")), "/clients/0" + ptr)
        .message;
  };
  EXPECT_EQ(msg(R"("active": {"from": "2026-02-01", "until": "2026-01-01"})", "/active/until"),
            "must be after \"from\" (2026-02-01), got 2026-01-01");
  EXPECT_NE(msg(R"("boot": "7:00")", "/boot").find("HH:MM"), std::string::npos);
  EXPECT_NE(msg(R"("store_corruption_per_year": 366)", "/store_corruption_per_year").find("from 0.0 to 365.0"),
            std::string::npos);
  EXPECT_NE(msg(R"("os": "linux")", "/os").find("windows|windows2000"), std::string::npos);
  EXPECT_EQ(msg(R"("elevated": 1)", "/elevated"), "must be true or false, got number 1");
}

TEST(ScenarioErrors, HostFields) {
  auto ds = problems_of(with(base, "{ \"name\": \"H1\",",
                             "{ \"name\": \"H1\", \"licensing_mode\": 4294967296, \"installed\": \"yesterday\", "
                             "\"policy\": {\"licensing_mode\": \"4\", \"license_servers\": [\"LS1\", \"LS1\"], \"prevent\": true},"));
  EXPECT_EQ(diag_at(ds, "/session_hosts/0/licensing_mode").message,
            "must be an integer from -2147483648 to 2147483647, got 4294967296");
  EXPECT_NE(diag_at(ds, "/session_hosts/0/installed").message.find("yesterday"), std::string::npos);
  EXPECT_NE(diag_at(ds, "/session_hosts/0/policy/licensing_mode").message.find("got string \"4\""), std::string::npos);
  EXPECT_EQ(diag_at(ds, "/session_hosts/0/policy/license_servers/1").message, "license server \"LS1\" is listed twice");
  EXPECT_NE(diag_at(ds, "/session_hosts/0/policy/prevent").message.find("did you mean \"prevent_license_upgrade\"?"),
            std::string::npos);
}

TEST(ScenarioErrors, SecurityGroup) {
  auto ds = problems_of(with(base, "{ \"name\": \"LS1\",", "{ \"name\": \"LS1\", \"security_group\": [\"H9\"],"));
  EXPECT_EQ(diag_at(ds, "/license_servers/0/security_group/0").message, "no session host named \"H9\" (known: H1)");
  ds = problems_of(with(base, "{ \"name\": \"LS1\",", "{ \"name\": \"LS1\", \"security_group\": \"H1\","));
  EXPECT_NE(diag_at(ds, "/license_servers/0/security_group").message.find("null or a list"), std::string::npos);
}

TEST(ScenarioErrors, Network) {
  const std::string text = with(base, "\"actions\": [",
                                "\"network\": { \"routers\": [\"R1\", \"H1\"], \"links\": [[\"H1\", \"R1\"], [\"R1\", \"H1\"], "
                                "[\"R1\", \"R1\"], [\"R1\", \"X\"], [\"R1\"]] },\n  \"actions\": [");
  const auto ds = problems_of(text);
  EXPECT_NE(diag_at(ds, "/network/routers/1").message.find("already used by the session host"), std::string::npos);
  EXPECT_EQ(diag_at(ds, "/network/links/1").message, "duplicate link between \"R1\" and \"H1\"");
  EXPECT_EQ(diag_at(ds, "/network/links/2").message, "a link must join two different nodes, got \"R1\" twice");
  EXPECT_EQ(diag_at(ds, "/network/links/3/1").message, "no server, host or router named \"X\" (known: H1, LS1, R1)");
  EXPECT_NE(diag_at(ds, "/network/links/4").message.find("pair of node names"), std::string::npos);
}

std::string with_action(const std::string& action) {
  return with(base, "{ \"at\": \"2026-01-10\", \"do\": \"restart_host\", \"host\": \"H1\" }", action);
}

TEST(ScenarioErrors, ActionVerbAndFields) {
  const std::string text = with_action(R"({ "at": "2026-01-10", "do": "restart_hots", "host": "H1" })");
  const auto d = diag_at(problems_of(text), "/actions/0/do");
  EXPECT_NE(d.message.find("unknown action string \"restart_hots\""), std::string::npos);
  EXPECT_NE(d.message.find("did you mean \"restart_host\"?"), std::string::npos);
  expect_at(text, d, "\"restart_hots\"");
  EXPECT_EQ(diag_at(problems_of(with_action(R"({ "at": "2026-01-10", "do": "link_up", "host": "H1" })")), "/actions/0/host")
                .message,
            "unknown key \"host\" for \"do\": \"link_up\" (allowed: at, do, between)");
  EXPECT_EQ(diag_at(problems_of(with_action(R"({ "at": "2026-01-10", "do": "restart_host" })")), "/actions/0").message,
            "missing required key \"host\"");
}

TEST(ScenarioErrors, ActionTimeOutsideRun) {
  const auto d = diag_at(problems_of(with_action(R"({ "at": "2026-03-01", "do": "restart_host", "host": "H1" })")),
                         "/actions/0/at");
  EXPECT_EQ(d.message, "2026-03-01 is outside the run (2026-01-05 to 2026-02-04)");
}

TEST(ScenarioErrors, ActionTargets) {
  const auto d = diag_at(problems_of(with_action(R"({ "at": "2026-01-10", "do": "retire_client", "clients": ["PC-1", "PC-6", "PC-01"] })")),
                         "/actions/0/clients/1");
  EXPECT_EQ(d.message,
            "no client group or client named \"PC-6\" (groups: office (\"PC-{n}\", 5 clients))");
  EXPECT_EQ(problems_of(with_action(R"({ "at": "2026-01-10", "do": "retire_client", "clients": ["PC-1", "PC-6", "PC-01"] })")).size(),
            2u);
  EXPECT_EQ(diag_at(problems_of(with_action(R"({ "at": "2026-01-10", "do": "retire_client", "clients": [] })")),
                    "/actions/0/clients")
                .message,
            "must be a non-empty list of client group or client names");
}

TEST(ScenarioErrors, ActionValues) {
  auto msg = [](std::string action, std::string ptr) { return diag_at(problems_of(with_action(action)), ptr).message; };
  EXPECT_EQ(msg(R"({ "at": "2026-01-10", "do": "set_licensing_mode", "host": "H1", "value": null })", "/actions/0/value"),
            "null (remove the value) is only allowed with \"via\": \"policy\"");
  EXPECT_NE(msg(R"({ "at": "2026-01-10", "do": "set_licensing_mode", "host": "H1", "value": 2, "apply": "later" })",
                "/actions/0/apply")
                .find("now|restart"),
            std::string::npos);
  EXPECT_EQ(msg(R"({ "at": "2026-01-10", "do": "set_license_servers", "host": "H1", "servers": ["LS2"] })",
                "/actions/0/servers/0"),
            "no license server named \"LS2\" (known: LS1)");
  EXPECT_EQ(msg(R"({ "at": "2026-01-10", "do": "set_policy", "host": "H1", "prevent_license_upgrade": 1 })",
                "/actions/0/prevent_license_upgrade"),
            "must be true or false, got number 1");
  EXPECT_EQ(msg(R"({ "at": "2026-01-10", "do": "revoke", "server": "LS1", "count": 1, "clients": "office" })", "/actions/0"),
            "revoke takes \"clients\" or \"count\", not both");
  EXPECT_EQ(msg(R"({ "at": "2026-01-10", "do": "revoke", "server": "LS1" })", "/actions/0"),
            "revoke needs \"clients\" (which licenses) or \"count\" (how many)");
  EXPECT_EQ(msg(R"({ "at": "2026-01-10", "do": "link_down", "between": ["H1", "LS1"] })", "/actions/0/between"),
            "the scenario has no \"network\", so there is no link to take down");
}

TEST(ScenarioErrors, KeyPackActions) {
  auto ds = problems_of(with_action(
      R"({ "at": "2026-01-10", "do": "add_key_pack", "server": "LS1", "key_pack": { "id": "P1", "type": "per_device", "version": 2019, "count": 1 } },
    { "at": "2026-01-09", "do": "remove_key_pack", "server": "LS1", "id": "P2" },
    { "at": "2026-01-11", "do": "add_key_pack", "server": "LS1", "key_pack": { "id": "P2", "type": "per_device", "version": 2019, "count": 1 } },
    { "at": "2026-01-12", "do": "remove_key_pack", "server": "LS1", "id": "P2" },
    { "at": "2026-01-13", "do": "remove_key_pack", "server": "LS1", "id": "P2" })"));
  EXPECT_EQ(diag_at(ds, "/actions/0/key_pack/id").message,
            "license server \"LS1\" already has a key pack \"P1\" (initially or added by an earlier action)");
  EXPECT_EQ(diag_at(ds, "/actions/1/id").message, "license server \"LS1\" has no key pack \"P2\" at this time (known: P1)");
  EXPECT_EQ(diag_at(ds, "/actions/4/id").message, "key pack \"P2\" was already removed by /actions/3");
  EXPECT_EQ(ds.size(), 3u) << all_text(ds);
}

TEST(ScenarioErrors, AddClientsValidatedLikeAGroup) {
  auto ds = problems_of(with_action(
      R"({ "at": "2026-01-10", "do": "add_clients", "clients": { "group": "office", "name": "N{n}", "count": 0, "hosts": ["H1"] } })"));
  EXPECT_EQ(diag_at(ds, "/actions/0/clients/group").message, "group name \"office\" is used twice");
  EXPECT_EQ(diag_at(ds, "/actions/0/clients/count").message, "must be an integer from 1 to 10000000, got 0");
}

TEST(ScenarioErrors, TargetGroupAddedLater) {
  auto ds = problems_of(with_action(
      R"({ "at": "2026-01-10", "do": "retire_client", "clients": "late" },
    { "at": "2026-01-11", "do": "add_clients", "clients": { "group": "late", "name": "L{n}", "count": 2, "hosts": ["H1"] } },
    { "at": "2026-01-12", "do": "retire_client", "clients": ["late", "L2"] })"));
  ASSERT_EQ(ds.size(), 1u) << all_text(ds);
  EXPECT_EQ(ds[0].pointer, "/actions/0/clients");
}

TEST(ScenarioErrors, Expectations) {
  auto msg = [](std::string e, std::string ptr) {
    return diag_at(problems_of(with(base, R"({ "at": "2026-01-20", "metric": "pool.LS1.P1.issued", "op": "<=", "value": 10 })", e)),
                   ptr)
        .message;
  };
  EXPECT_EQ(msg(R"({ "at": "2026-01-20", "metric": "pool.LS9.P1.issued", "op": "<=", "value": 10 })", "/expect/0/metric"),
            "unknown metric \"pool.LS9.P1.issued\": no license server named \"LS9\" (known: LS1)");
  EXPECT_EQ(msg(R"({ "at": "2026-01-20", "metric": "pool.LS1.P2.issued", "op": "<=", "value": 10 })", "/expect/0/metric"),
            "unknown metric \"pool.LS1.P2.issued\": license server \"LS1\" has no key pack \"P2\" (known: P1, per_device, per_user)");
  EXPECT_NE(msg(R"({ "at": "2026-01-20", "metric": "pools.LS1", "op": "<=", "value": 10 })", "/expect/0/metric")
                .find("known forms: pool.<server>"),
            std::string::npos);
  EXPECT_NE(msg(R"({ "at": "2026-01-20", "metric": "events.9999", "op": "<=", "value": 10 })", "/expect/0/metric")
                .find("known: 4, 18, 21"),
            std::string::npos);
  EXPECT_EQ(msg(R"({ "at": "2026-01-20", "metric": "host.H2.grace_days_left", "op": "<=", "value": 10 })", "/expect/0/metric"),
            "unknown metric \"host.H2.grace_days_left\": no session host named \"H2\" (known: H1)");
  EXPECT_NE(msg(R"({ "at": "2026-01-20", "metric": "client.PC-9.license", "op": "<=", "value": 10 })", "/expect/0/metric")
                .find("no client named \"PC-9\""),
            std::string::npos);
  EXPECT_NE(msg(R"({ "at": "2026-01-20", "metric": "connections.ok", "op": "=", "value": 10 })", "/expect/0/op")
                .find("==|!=|<|<=|>|>="),
            std::string::npos);
  EXPECT_EQ(msg(R"({ "at": "2026-01-20", "metric": "connections.allowed", "op": "<=", "value": "10" })", "/expect/0/value"),
            "must be a number, got string \"10\"");
  EXPECT_EQ(msg(R"({ "metric": "connections.allowed", "op": "<=", "value": 10 })", "/expect/0"),
            "missing \"at\" (an instant) or \"between\" ([from, to])");
  EXPECT_EQ(msg(R"({ "at": "2026-01-20", "when": "ever", "metric": "connections.allowed", "op": "<=", "value": 10 })",
                "/expect/0/when"),
            "\"when\" is only for \"between\" (an instant is checked once)");
  EXPECT_EQ(msg(R"({ "between": ["2026-01-20", "2026-01-19"], "metric": "connections.allowed", "op": "<=", "value": 10 })",
                "/expect/0/between/1"),
            "must not be before 2026-01-20, got 2026-01-19");
  EXPECT_EQ(msg(R"({ "between": ["2026-01-20", "2027-01-19"], "metric": "connections.allowed", "op": "<=", "value": 10 })",
                "/expect/0/between/1"),
            "2027-01-19 is outside the run (2026-01-05 to 2026-02-04)");
}

TEST(ScenarioErrors, EveryProblemAtOnce) {
  std::string text = with(base, "\"count\": 5", "\"count\": -5");
  text = with(text, "\"license_servers\": [\"LS1\"]", "\"license_servers\": [\"LS9\"]");
  text = with(text, "\"days\": 30,", "\"days\": 30, \"seeed\": 1, \"rules\": 5,");
  text = with(text, "\"op\": \"<=\"", "\"op\": \"=<\"");
  const auto ds = problems_of(text);
  EXPECT_EQ(ds.size(), 5u) << all_text(ds);
  for (std::size_t i = 1; i < ds.size(); ++i) EXPECT_LE(ds[i - 1].line, ds[i].line);  // in file order
  for (const auto& d : ds) EXPECT_GT(d.line, 0) << format_diagnostic(d);
}

TEST(ScenarioErrors, DeepNesting) {
  const std::string text = "{\"calsim\": 1, \"x-deep\": " + std::string(100000, '[') + std::string(100000, ']') + "}";
  const auto ds = problems_of(text);
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_EQ(ds[0].message, "nesting deeper than 64 levels");
  EXPECT_EQ(ds[0].column, 25 + 63);
}

TEST(ScenarioErrors, InvalidUtf8) {
  const auto ds = problems_of(with(base, "\"days\": 30,", "\"days\": 30, \"description\": \"caf\xE9\","));
  ASSERT_EQ(ds.size(), 1u);
  EXPECT_NE(ds[0].message.find("UTF-8"), std::string::npos);
  EXPECT_EQ(ds[0].line, 4);
  EXPECT_EQ(ds[0].message.find('\xE9'), std::string::npos) << "the bad byte is replaced in the message";
  EXPECT_NO_THROW((void)nlohmann::json(ds[0].message).dump());
}

TEST(ScenarioErrors, ColumnsCountCharacters) {
  const std::string text = with(base, "\"days\": 30,", "\"days\": 30, \"description\": \"café\", \"seed\": -1,");
  const auto d = diag_at(problems_of(text), "/seed");
  EXPECT_EQ(d.line, 4);
  EXPECT_EQ(d.column, static_cast<int>(std::string_view("  \"days\": 30, \"description\": \"cafe\", \"seed\": ").size()) + 1);
}

TEST(ScenarioErrors, FormatDiagnostic) {
  const auto d = diag_at(problems_of(with(base, "\"count\": 5", "\"count\": -5")), "/clients/0/count");
  EXPECT_EQ(format_diagnostic(d), "t.json:12:35: /clients/0/count: must be an integer from 1 to 10000000, got -5");
}

}  // namespace
}  // namespace calsim::test

namespace calsim::test {
namespace {

// Issue 19: an echoed key of megabytes is cut, with its length stated.
TEST(ScenarioErrors, HugeKeyIsCutInTheMessage) {
  std::string text = base;
  const std::string key(5 * 1024 * 1024, 'k');
  text.insert(text.find('{') + 1, "\"" + key + "\": 1, ");
  const auto problems = problems_of(text);
  ASSERT_FALSE(problems.empty());
  const std::string shown = format_diagnostic(problems.front());
  EXPECT_LT(shown.size(), 1000u) << shown.substr(0, 200);
  EXPECT_NE(shown.find("bytes in all"), std::string::npos) << shown.substr(0, 400);
}

}  // namespace
}  // namespace calsim::test
