// The .jsonl files' string writer (append_json_string): every line parses,
// control characters escaped as \u00XX (\b and \f too: the streamed files'
// form, unlike truth.json's, which follows nlohmann), bytes that are not
// UTF-8 replaced by U+FFFD.
#include "output/json_text.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace calsim::detail {
namespace {

std::string literal(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

TEST(JsonText, ControlCharactersEscapedAndTheStringRoundTrips) {
  const std::string s = "a\"b\\c\n\r\t\b\f\x01\x1f\x7f é 中";
  const std::string out = literal(s);
  EXPECT_EQ(out, std::string("\"a\\\"b\\\\c\\n\\r\\t\\u0008\\u000c\\u0001\\u001f\x7f é 中\""));
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), s);
}

TEST(JsonText, BytesThatAreNotUtf8BecomeReplacementCharacters) {
  const std::string out = literal("bad \xff and cut \xe4\xb8");
  EXPECT_EQ(out, "\"bad \\ufffd and cut \\ufffd\\ufffd\"");
  EXPECT_EQ(nlohmann::json::parse(out).get<std::string>(), "bad \xef\xbf\xbd and cut \xef\xbf\xbd\xef\xbf\xbd");
}

}  // namespace
}  // namespace calsim::detail
