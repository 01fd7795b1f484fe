// A table of {enum value, name} pairs: the one place an enum's names are
// written, used both to parse (scenario loader) and to print (outputs).
// Lookups go by value, never by position, so reordering an enum cannot
// change a mapping; covers_each_once() lets a static_assert check that every
// value 0..N-1 has exactly one row.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace calsim::detail {

template <class E>
struct enum_name {
  E value;
  std::string_view name;
};

template <class E, std::size_t N>
using enum_table = std::array<enum_name<E>, N>;

// The functions below take any std::array of rows with `value` and `name`
// members (enum_name, or a richer row such as action_verb_row).

// True when the rows hold each of the values 0..N-1 exactly once (so, with
// the enum's enumerators numbered 0.., a row per enumerator and no duplicate).
template <class Row, std::size_t N>
constexpr bool covers_each_once(const std::array<Row, N>& table) {
  using E = decltype(Row::value);
  for (std::size_t v = 0; v < N; ++v) {
    std::size_t seen = 0;
    for (const auto& row : table)
      seen += static_cast<std::size_t>(static_cast<std::underlying_type_t<E>>(row.value)) == v ? 1 : 0;
    if (seen != 1) return false;
  }
  return true;
}

// True when no two rows share a name.
template <class Row, std::size_t N>
constexpr bool names_unique(const std::array<Row, N>& table) {
  for (std::size_t i = 0; i < N; ++i)
    for (std::size_t j = i + 1; j < N; ++j)
      if (table[i].name == table[j].name) return false;
  return true;
}

// The row of `value`, or nullptr.
template <class Row, std::size_t N>
constexpr const Row* row_of(const std::array<Row, N>& table, decltype(Row::value) value) {
  for (const auto& row : table)
    if (row.value == value) return &row;
  return nullptr;
}

// The name of `value` ("?" when the table has no row for it).
template <class Row, std::size_t N>
constexpr std::string_view name_of(const std::array<Row, N>& table, decltype(Row::value) value) {
  for (const auto& row : table)
    if (row.value == value) return row.name;
  return "?";
}

// The value named `name`, or nullopt.
template <class Row, std::size_t N>
constexpr std::optional<decltype(Row::value)> value_of(const std::array<Row, N>& table, std::string_view name) {
  for (const auto& row : table)
    if (row.name == name) return row.value;
  return std::nullopt;
}

// Every name, in table order (for "must be one of …" messages).
template <class Row, std::size_t N>
std::vector<std::string> names_of(const std::array<Row, N>& table) {
  std::vector<std::string> out;
  out.reserve(N);
  for (const auto& row : table) out.emplace_back(row.name);
  return out;
}

}  // namespace calsim::detail
