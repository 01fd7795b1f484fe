// The scenario enums' name tables: each value has exactly one row, names
// parse back to their value, and no enumerator was added without a row.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

#include "core/scenario_enums.hpp"

namespace calsim::detail {
namespace {

// The compiler's spelling of a constant: "calsim::pack_kind::open" when V is a
// named enumerator, "(calsim::pack_kind)3" when it is not (GCC and Clang).
template <auto V>
constexpr std::string_view spelled() {
  return __PRETTY_FUNCTION__;
}
template <class E, std::size_t N>
constexpr bool enumerator_named() {
  constexpr std::string_view s = spelled<static_cast<E>(N)>();
  return s.find("V = (") == std::string_view::npos;
}

// The table has a row for every enumerator: the value just past the rows is
// not a named enumerator (so an enumerator added at the end without a row
// fails here), and the last row's value is.
template <class Row, std::size_t N>
void expect_complete(const std::array<Row, N>& table, const char* what) {
  using E = decltype(Row::value);
  EXPECT_TRUE(covers_each_once(table)) << what;
  EXPECT_TRUE((enumerator_named<E, N - 1>())) << what;
  EXPECT_FALSE((enumerator_named<E, N>())) << what << ": an enumerator without a row";
  for (const auto& row : table) {
    EXPECT_EQ(value_of(table, row.name), row.value) << what << " " << row.name;
    EXPECT_EQ(name_of(table, row.value), row.name) << what;
  }
  EXPECT_FALSE(value_of(table, "no-such-name").has_value()) << what;
}

TEST(ScenarioEnums, EveryTableCoversItsEnumOnce) {
  expect_complete(rules_profiles, "rules_profile");
  expect_complete(pack_types, "pack_type");
  expect_complete(pack_kinds, "pack_kind");
  expect_complete(client_kinds, "client_kind");
  expect_complete(day_rules, "day_rule");
  expect_complete(config_vias, "config_via");
  expect_complete(compare_ops, "compare_op");
  expect_complete(node_kinds, "node_kind");
  expect_complete(action_verbs, "action_verb");
}

TEST(ScenarioEnums, TheCheckCatchesDuplicatesAndGaps) {
  constexpr enum_table<pack_kind, 3> duplicate{{
      {pack_kind::retail, "retail"}, {pack_kind::retail, "volume"}, {pack_kind::open, "open"}}};
  static_assert(!covers_each_once(duplicate));
  constexpr enum_table<pack_kind, 2> missing{{{pack_kind::retail, "retail"}, {pack_kind::open, "open"}}};
  static_assert(!covers_each_once(missing));
  constexpr enum_table<pack_kind, 3> same_name{{
      {pack_kind::retail, "retail"}, {pack_kind::volume, "retail"}, {pack_kind::open, "open"}}};
  static_assert(covers_each_once(same_name) && !names_unique(same_name));
}

TEST(ScenarioEnums, LookupGoesByValueNotPosition) {
  // A table in another order than the enum still maps each value to its name.
  constexpr enum_table<pack_kind, 3> shuffled{{
      {pack_kind::open, "open"}, {pack_kind::retail, "retail"}, {pack_kind::volume, "volume"}}};
  static_assert(covers_each_once(shuffled));
  EXPECT_EQ(name_of(shuffled, pack_kind::retail), "retail");
  EXPECT_EQ(value_of(shuffled, "volume"), pack_kind::volume);
  EXPECT_EQ(names_of(shuffled), (std::vector<std::string>{"open", "retail", "volume"}));
}

TEST(ScenarioEnums, ActionVerbFieldsNameTheirSubject) {
  for (const auto& row : action_verbs) {
    std::set<std::string_view> fields;
    for (const auto f : row.fields) {
      if (!f.empty()) {
        EXPECT_TRUE(fields.insert(f).second) << row.name << " lists " << f << " twice";
      }
    }
    const char* subject_field = "";
    switch (row.subject) {
      case action_subject::host: subject_field = "host"; break;
      case action_subject::server: subject_field = "server"; break;
      case action_subject::clients:
      case action_subject::new_group: subject_field = "clients"; break;
      case action_subject::link: subject_field = "between"; break;
    }
    EXPECT_TRUE(takes_field(row.value, subject_field)) << row.name;
    EXPECT_FALSE(takes_field(row.value, "at")) << row.name;  // "at" and "do" are every action's
  }
  EXPECT_TRUE(takes_field(action_verb::revoke, "count"));
  EXPECT_FALSE(takes_field(action_verb::restart_host, "count"));
}

}  // namespace
}  // namespace calsim::detail
