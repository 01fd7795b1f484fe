#include "scenario/check.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/calendar.hpp"
#include "core/utf.hpp"

namespace calsim::detail {

namespace {
constexpr std::size_t max_shown = 60;  // characters of a value shown in a message

std::string truncate(std::string s) {
  if (s.size() > max_shown) {
    std::size_t cut = max_shown;
    while (cut > 0 && utf8_continuation(static_cast<unsigned char>(s[cut]))) --cut;  // whole UTF-8 sequences
    s = s.substr(0, cut) + "…";
  }
  return s;
}

std::string dump(const json& v) { return v.dump(-1, ' ', false, json::error_handler_t::replace); }

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

constexpr std::array<int, 8> versions{2000, 2003, 2008, 2012, 2016, 2019, 2022, 2025};

}  // namespace

std::string describe(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return v.get<bool>() ? "boolean true" : "boolean false";
    case json::value_t::string: return "string " + quote(v.get_ref<const std::string&>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float: return "number " + truncate(dump(v));
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    default: return "an unsupported value";
  }
}

std::string quote(std::string_view s) {
  const std::string shown = truncate(std::string(s));
  return dump(json(shown));
}

std::string join_names(const std::vector<std::string>& names, std::size_t max) {
  if (names.empty()) return "none";
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < max; ++i) {
    if (i) out += ", ";
    out += truncate(names[i]);
  }
  if (names.size() > max) out += ", … (" + std::to_string(names.size()) + " in all)";
  return out;
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.size() > 64) return "";
  std::string best;
  if (word.size() >= 3)  // a prefix of exactly one candidate: "prevent" → "prevent_license_upgrade"
    for (const auto& c : candidates)
      if (c.size() > word.size() && c.compare(0, word.size(), word) == 0) {
        if (!best.empty()) {
          best.clear();
          break;
        }
        best = c;
      }
  if (!best.empty()) return best;
  std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    if (c.size() > 64) continue;
    const std::size_t d = edit_distance(word, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

// A value where a number was expected: plain for numbers ("-5"), else described.
std::string got_number(const json& v) { return v.is_number() ? truncate(dump(v)) : describe(v); }

std::string time_text(sim_time t) { return t == day_floor(t) ? format_date(t) : format_datetime(t); }

const json* member(const json& obj, std::string_view key) {
  if (!obj.is_object()) return nullptr;
  const auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

void checker::error(const std::string& pointer, std::string message) {
  problems_.push_back({pointer, false, std::move(message)});
}

void checker::key_error(const std::string& pointer, std::string message) {
  problems_.push_back({pointer, true, std::move(message)});
}

bool checker::object(const json& v, const std::string& ptr, key_list allowed, std::string_view what) {
  return object(v, ptr, std::vector<std::string>(allowed.begin(), allowed.end()), what);
}

bool checker::object(const json& v, const std::string& ptr, const std::vector<std::string>& allowed,
                     std::string_view what) {
  if (!v.is_object()) {
    error(ptr, "must be an object, got " + describe(v));
    return false;
  }
  for (const auto& [key, value] : v.items()) {
    if (key.rfind("x-", 0) == 0) continue;
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string msg = "unknown key " + quote(key);
    if (!what.empty()) msg += std::string(" for ") + std::string(what);
    msg += " (allowed: " + join_names(allowed, 40) + ")";
    const std::string guess = closest(key, allowed);
    if (!guess.empty()) msg += "; did you mean " + quote(guess) + "?";
    key_error(pointer_join(ptr, key), std::move(msg));
  }
  return true;
}

bool checker::array(const json& v, const std::string& ptr, bool non_empty) {
  if (!v.is_array()) {
    error(ptr, std::string("must be ") + (non_empty ? "a non-empty list" : "a list") + ", got " + describe(v));
    return false;
  }
  if (non_empty && v.empty()) {
    error(ptr, "must be a non-empty list, got an empty list");
    return false;
  }
  return true;
}

const json* checker::required(const json& obj, const std::string& ptr, std::string_view key) {
  const json* m = member(obj, key);
  if (!m && obj.is_object()) error(ptr, "missing required key " + quote(key));
  return m;
}

std::optional<std::string> checker::string(const json& v, const std::string& ptr, bool non_empty) {
  if (!v.is_string()) {
    error(ptr, "must be a string, got " + describe(v));
    return std::nullopt;
  }
  if (non_empty && v.get_ref<const std::string&>().empty()) {
    error(ptr, "must be a non-empty string");
    return std::nullopt;
  }
  return v.get<std::string>();
}

std::optional<bool> checker::boolean(const json& v, const std::string& ptr) {
  if (!v.is_boolean()) {
    error(ptr, "must be true or false, got " + describe(v));
    return std::nullopt;
  }
  return v.get<bool>();
}

std::optional<std::int64_t> checker::integer(const json& v, const std::string& ptr, std::int64_t lo,
                                             std::int64_t hi) {
  const std::string range = hi == std::numeric_limits<std::int64_t>::max()
                                ? "an integer >= " + std::to_string(lo)
                                : "an integer from " + std::to_string(lo) + " to " + std::to_string(hi);
  bool ok = false;
  std::int64_t n = 0;
  if (v.is_number_unsigned()) {
    const auto u = v.get<std::uint64_t>();
    if (u <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      n = static_cast<std::int64_t>(u);
      ok = true;
    }
  } else if (v.is_number_integer()) {
    n = v.get<std::int64_t>();
    ok = true;
  }
  if (!ok || n < lo || n > hi) {
    error(ptr, "must be " + range + ", got " + got_number(v));
    return std::nullopt;
  }
  return n;
}

std::optional<std::uint64_t> checker::unsigned_integer(const json& v, const std::string& ptr) {
  if (!v.is_number_unsigned()) {
    error(ptr, "must be an integer from 0 to 18446744073709551615, got " + got_number(v));
    return std::nullopt;
  }
  return v.get<std::uint64_t>();
}

std::optional<double> checker::number(const json& v, const std::string& ptr, double lo, double hi, bool lo_open) {
  const std::string range = std::string("a number ") + (lo_open ? "above " : "from ") + dump(json(lo)) + " to " +
                            dump(json(hi));
  if (!v.is_number()) {
    error(ptr, "must be " + range + ", got " + describe(v));
    return std::nullopt;
  }
  const double d = v.get<double>();
  if (!std::isfinite(d) || d < lo || d > hi || (lo_open && d == lo)) {
    error(ptr, "must be " + range + ", got " + got_number(v));
    return std::nullopt;
  }
  return d;
}

std::optional<std::size_t> checker::choice(const json& v, const std::string& ptr, key_list names) {
  return choice(v, ptr, std::vector<std::string>(names.begin(), names.end()));
}

std::optional<std::size_t> checker::choice(const json& v, const std::string& ptr,
                                           const std::vector<std::string>& all) {
  std::string one_of;
  for (std::size_t i = 0; i < all.size(); ++i) one_of += (i ? "|" : "") + all[i];
  if (!v.is_string()) {
    error(ptr, "must be one of " + one_of + ", got " + describe(v));
    return std::nullopt;
  }
  const auto& s = v.get_ref<const std::string&>();
  const auto it = std::find(all.begin(), all.end(), s);
  if (it == all.end()) {
    std::string msg = "must be one of " + one_of + ", got " + describe(v);
    const std::string guess = closest(s, all);
    if (!guess.empty()) msg += "; did you mean " + quote(guess) + "?";
    error(ptr, std::move(msg));
    return std::nullopt;
  }
  return static_cast<std::size_t>(it - all.begin());
}

std::optional<sim_time> checker::time(const json& v, const std::string& ptr) {
  static const std::string form = "a date \"YYYY-MM-DD\" or date-time \"YYYY-MM-DDTHH:MM[:SS]\" (UTC, no zone)";
  if (!v.is_string()) {
    error(ptr, "must be " + form + ", got " + describe(v));
    return std::nullopt;
  }
  const auto t = parse_iso(v.get_ref<const std::string&>());
  if (!t) {
    error(ptr, "must be " + form + " of a real day from 1970 to 9999, got " + describe(v));
    return std::nullopt;
  }
  return t;
}

std::optional<int> checker::hh_mm(const json& v, const std::string& ptr) {
  if (!v.is_string()) {
    error(ptr, "must be a time of day \"HH:MM\" (00:00 to 23:59), got " + describe(v));
    return std::nullopt;
  }
  const auto m = parse_hh_mm(v.get_ref<const std::string&>());
  if (!m) error(ptr, "must be a time of day \"HH:MM\" (00:00 to 23:59), got " + describe(v));
  return m;
}

std::optional<int> checker::version(const json& v, const std::string& ptr) {
  if (v.is_number_integer()) {
    for (int ver : versions)
      if (v == ver) return ver;
  }
  error(ptr, "must be a Windows Server version, one of 2000, 2003, 2008, 2012, 2016, 2019, 2022, 2025, got " +
                 got_number(v));
  return std::nullopt;
}

}  // namespace calsim::detail
