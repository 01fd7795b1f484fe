#include "scenario/name_pattern.hpp"

namespace calsim::detail {

namespace {

bool client_literal(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

std::string index_text(std::int64_t n, int width) {
  std::string s = std::to_string(n);
  if (static_cast<int>(s.size()) < width) s.insert(0, static_cast<std::size_t>(width) - s.size(), '0');
  return s;
}

}  // namespace

std::optional<name_pattern> parse_name_pattern(std::string_view text, bool user, std::string& error) {
  name_pattern p;
  p.source = std::string(text);
  if (text.empty()) {
    error = "must not be empty";
    return std::nullopt;
  }
  std::string literal;
  auto flush = [&] {
    if (!literal.empty()) p.parts.push_back({name_pattern::part::kind::text, literal, 0});
    literal.clear();
  };
  const std::string allowed = user ? "{n}, {n:0W} (W 1 to 9) or {name}" : "{n} or {n:0W} (W 1 to 9)";
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{') {
      const std::size_t close = text.find('}', i);
      if (close == std::string_view::npos) {
        error = "unclosed \"{\" at character " + std::to_string(i + 1) + " (allowed: " + allowed + ")";
        return std::nullopt;
      }
      const std::string_view field = text.substr(i + 1, close - i - 1);
      flush();
      if (field == "n") {
        p.parts.push_back({name_pattern::part::kind::index, "", 0});
      } else if (field.size() == 4 && field.substr(0, 3) == "n:0" && field[3] >= '1' && field[3] <= '9') {
        p.parts.push_back({name_pattern::part::kind::index, "", field[3] - '0'});
      } else if (user && field == "name") {
        p.parts.push_back({name_pattern::part::kind::name, "", 0});
      } else {
        std::string shown(field.substr(0, 40));
        for (char& ch : shown)
          if (static_cast<unsigned char>(ch) < 0x20 || static_cast<unsigned char>(ch) >= 0x7F) ch = '?';
        error = "unknown field \"{" + shown + "}\" (allowed: " + allowed + ")";
        return std::nullopt;
      }
      i = close;
    } else if (c == '}') {
      error = "unmatched \"}\" at character " + std::to_string(i + 1);
      return std::nullopt;
    } else if (user ? static_cast<unsigned char>(c) < 0x20 || c == 0x7F : !client_literal(c)) {
      error = user ? "control character at character " + std::to_string(i + 1)
                   : "character " + std::to_string(i + 1) +
                         " is not allowed in a client name (allowed: letters, digits, '.', '_', '-' and {n}, {n:0W})";
      return std::nullopt;
    } else {
      literal += c;
    }
  }
  flush();
  return p;
}

bool has_index(const name_pattern& p) {
  for (const auto& part : p.parts)
    if (part.what == name_pattern::part::kind::index) return true;
  return false;
}

std::string format_name(const name_pattern& p, std::int64_t n, std::string_view name) {
  std::string out;
  for (const auto& part : p.parts) {
    switch (part.what) {
      case name_pattern::part::kind::text: out += part.text; break;
      case name_pattern::part::kind::index: out += index_text(n, part.width); break;
      case name_pattern::part::kind::name: out += name; break;
    }
  }
  return out;
}

std::optional<std::int64_t> match_name(const name_pattern& p, std::string_view s, std::int64_t count) {
  if (count < 1) return std::nullopt;
  // Literal prefix up to the first index field.
  std::size_t pos = 0, k = 0;
  for (; k < p.parts.size() && p.parts[k].what != name_pattern::part::kind::index; ++k) {
    if (p.parts[k].what != name_pattern::part::kind::text) return std::nullopt;  // {name}: user patterns only
    if (s.substr(pos, p.parts[k].text.size()) != p.parts[k].text) return std::nullopt;
    pos += p.parts[k].text.size();
  }
  if (k == p.parts.size()) {
    if (pos == s.size()) return 1;
    return std::nullopt;
  }
  // The first index field fixes n; the rest must then format exactly to `s`.
  std::int64_t n = 0;
  for (std::size_t len = 1; len <= 10 && pos + len <= s.size(); ++len) {
    const char c = s[pos + len - 1];
    if (c < '0' || c > '9') break;
    n = n * 10 + (c - '0');
    if (n < 1 || n > count) continue;
    if (index_text(n, p.parts[k].width) != s.substr(pos, len)) continue;
    if (format_name(p, n, "") == s) return n;
  }
  return std::nullopt;
}

}  // namespace calsim::detail
