// pretty_json (issue 18: truth.json written without building a document)
// against nlohmann's dump(2) of the same document, byte for byte.
#include "output/pretty_json.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>

namespace calsim::detail {
namespace {

using ojson = nlohmann::ordered_json;

// Strings that exercise every escape: quotes, backslash, the named control
// characters, other control characters, DEL, multibyte UTF-8 and bytes that
// are not UTF-8 (nlohmann replaces them).
const std::vector<std::string> strings = {
    "", "plain", "q\"uote", "back\\slash", "\b\f\n\r\t", std::string("\x01\x1f\x7f", 3), "é 中 😀",
    "bad \xff byte", "cut \xe4\xb8", "over \xc0\xaf long", "mixed é\x80", "slash / ok"};

// Writes a random document both ways: nlohmann builds `doc`, pretty_json writes `out`.
void random_value(std::mt19937_64& gen, int depth, ojson& doc, pretty_json& j) {
  const auto pick = gen() % (depth > 3 ? 5 : 7);
  switch (pick) {
    case 0: {
      const std::string& s = strings[gen() % strings.size()];
      doc = s;
      j.value(s);
      break;
    }
    case 1: {
      const auto v = static_cast<std::int64_t>(gen()) >> (gen() % 64);
      doc = v;
      j.value(v);
      break;
    }
    case 2: {
      const std::uint64_t v = gen();
      doc = v;
      j.value(v);
      break;
    }
    case 3:
      doc = (gen() & 1) != 0;
      j.value(doc.get<bool>());
      break;
    case 4:
      doc = nullptr;
      j.null();
      break;
    case 5: {
      doc = ojson::object();
      j.begin_object();
      const auto n = gen() % 4;
      for (std::uint64_t i = 0; i < n; ++i) {
        const std::string k = strings[gen() % strings.size()] + std::to_string(i);  // distinct keys
        j.key(k);
        random_value(gen, depth + 1, doc[k], j);
      }
      j.end_object();
      break;
    }
    default: {
      doc = ojson::array();
      j.begin_array();
      const auto n = gen() % 4;
      for (std::uint64_t i = 0; i < n; ++i) {
        doc.push_back(nullptr);
        random_value(gen, depth + 1, doc.back(), j);
      }
      j.end_array();
    }
  }
}

TEST(PrettyJson, SameBytesAsNlohmannDump2ForRandomDocuments) {
  std::mt19937_64 gen(20261204);
  int containers = 0;
  for (int round = 0; round < 2000; ++round) {
    ojson doc;
    std::string out;
    pretty_json j(out);
    random_value(gen, 0, doc, j);
    containers += doc.is_structured() ? 1 : 0;
    ASSERT_EQ(out, doc.dump(2, ' ', false, ojson::error_handler_t::replace)) << "round " << round;
  }
  EXPECT_GT(containers, 500);  // the rounds did test nesting
}

TEST(PrettyJson, EmptyContainersAndMembers) {
  std::string out;
  pretty_json j(out);
  j.begin_object();
  j.key("a");
  j.begin_array();
  j.end_array();
  j.key("b");
  j.begin_object();
  j.end_object();
  j.member("c", std::int64_t{-3});
  j.end_object();
  EXPECT_EQ(out, "{\n  \"a\": [],\n  \"b\": {},\n  \"c\": -3\n}");
}

}  // namespace
}  // namespace calsim::detail
