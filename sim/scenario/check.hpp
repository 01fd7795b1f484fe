// Shared checks for the scenario validator: every problem is recorded (never
// thrown) with the JSON pointer it is about; positions are added afterwards.
#pragma once
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calsim/time.hpp"
#include "core/enum_table.hpp"
#include "scenario/json_positions.hpp"

namespace calsim::detail {

using json = nlohmann::json;

struct problem {
  std::string pointer;
  bool at_key = false;  // position of the member's key (unknown/duplicate keys), else of the value
  std::string message;
  std::size_t offset = no_offset;  // known position (duplicate keys), else looked up by pointer
};

using key_list = std::initializer_list<std::string_view>;

// A value for messages: `number 5`, `string "abc"`, `an object`, … (truncated).
std::string describe(const json& v);
// A string quoted for messages (JSON escaping, invalid UTF-8 replaced, truncated).
std::string quote(std::string_view s);
// A value where a number was expected: "-5" for numbers, else as describe().
std::string got_number(const json& v);
// "a, b, c" (at most `max` names, then "… (N in all)"); "none" when empty.
std::string join_names(const std::vector<std::string>& names, std::size_t max = 20);
// The closest of `candidates` to `word` by edit distance, or "" when none is close.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);
std::string time_text(sim_time t);  // "2026-01-05" at midnight, else "2026-01-05T08:00:00"

// The member `key` of `obj`, or nullptr (also when obj is not an object).
const json* member(const json& obj, std::string_view key);

class checker {
 public:
  void error(const std::string& pointer, std::string message);
  void key_error(const std::string& pointer, std::string message);
  const std::vector<problem>& problems() const { return problems_; }
  std::size_t count() const { return problems_.size(); }

  // Checks that `v` is an object whose keys are all in `allowed` (or start
  // with "x-"); `what` names the object in unknown-key messages ("" = none).
  bool object(const json& v, const std::string& ptr, key_list allowed, std::string_view what = {});
  bool object(const json& v, const std::string& ptr, const std::vector<std::string>& allowed,
              std::string_view what = {});
  bool array(const json& v, const std::string& ptr, bool non_empty = false);
  // Missing required member → error at the object; returns the member or nullptr.
  const json* required(const json& obj, const std::string& ptr, std::string_view key);

  std::optional<std::string> string(const json& v, const std::string& ptr, bool non_empty = false);
  std::optional<bool> boolean(const json& v, const std::string& ptr);
  std::optional<std::int64_t> integer(const json& v, const std::string& ptr, std::int64_t lo, std::int64_t hi);
  std::optional<std::uint64_t> unsigned_integer(const json& v, const std::string& ptr);
  // lo_open: the lower bound itself is excluded (0 < λ).
  std::optional<double> number(const json& v, const std::string& ptr, double lo, double hi, bool lo_open = false);
  // Index of the string value in `names`.
  std::optional<std::size_t> choice(const json& v, const std::string& ptr, key_list names);
  std::optional<std::size_t> choice(const json& v, const std::string& ptr, const std::vector<std::string>& names);
  // The value of the table row named by the string value (core/enum_table.hpp).
  template <class Row, std::size_t N>
  std::optional<decltype(Row::value)> choice(const json& v, const std::string& ptr, const std::array<Row, N>& table) {
    if (const auto i = choice(v, ptr, names_of(table))) return table[*i].value;
    return std::nullopt;
  }
  std::optional<sim_time> time(const json& v, const std::string& ptr);
  std::optional<int> hh_mm(const json& v, const std::string& ptr);
  std::optional<int> version(const json& v, const std::string& ptr);

 private:
  std::vector<problem> problems_;
};

}  // namespace calsim::detail
