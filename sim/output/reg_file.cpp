// Registry files exactly as regedit exports them (RULES.md R-MODE-1/3,
// R-GRACE-2, R-CLI-1 say which keys): UTF-16 LE with a byte-order mark, CRLF,
// "Windows Registry Editor Version 5.00", a blank line after every key.
// Values: "Name"="text" (\ and " escaped), @= for the default value,
// dword:0000000a, hex:01,02 and hex(7): (each string UTF-16 LE and
// NUL-terminated, then a final NUL). Hex data wraps like regedit: after a
// byte whose comma brings the line to 77 columns or more, the line ends with
// "\" and continues on the next, indented by two spaces.
#include <cstdint>
#include <cstdio>

#include "calsim/output.hpp"
#include "core/utf.hpp"

namespace calsim {
namespace {

constexpr std::size_t hex_wrap_column = 77;  // regedit's MAX_HEX_CHARS

std::string reg_quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '\\' || c == '"') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::size_t columns(std::string_view utf8) { return detail::utf8_to_utf16(utf8).size(); }

// "hex:..." / "hex(7):..." after a line prefix of `used` columns.
std::string hex_data(std::string_view prefix, const std::vector<std::uint8_t>& bytes, std::size_t used) {
  static const char digits[] = "0123456789abcdef";
  std::string out(prefix);
  std::size_t line = used + prefix.size();
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    out.push_back(digits[bytes[i] >> 4]);
    out.push_back(digits[bytes[i] & 15]);
    if (i + 1 == bytes.size()) break;
    out.push_back(',');
    line += 3;
    if (line >= hex_wrap_column) {
      out += "\\\r\n  ";
      line = 2;
    }
  }
  return out;
}

std::vector<std::uint8_t> multi_string_bytes(const std::vector<std::string>& strings) {
  std::string raw;
  for (const auto& s : strings) {
    detail::append_utf16le(raw, detail::utf8_to_utf16(s));
    raw.append(2, '\0');
  }
  raw.append(2, '\0');
  return {raw.begin(), raw.end()};
}

std::string value_line(const reg_value& v) {
  std::string line = v.name.empty() ? "@=" : reg_quoted(v.name) + "=";
  const std::size_t used = columns(line);
  switch (v.type) {
    case reg_value::kind::string:
      line += reg_quoted(v.text);
      break;
    case reg_value::kind::dword: {
      char buf[16];
      std::snprintf(buf, sizeof buf, "dword:%08x", v.dword);
      line += buf;
      break;
    }
    case reg_value::kind::binary:
      line += hex_data("hex:", v.bytes, used);
      break;
    case reg_value::kind::multi_string:
      line += hex_data("hex(7):", multi_string_bytes(v.strings), used);
      break;
  }
  return line;
}

[[noreturn]] void bad(std::size_t line, const std::string& what) {
  throw output_error("registry file line " + std::to_string(line) + ": " + what);
}

// Parses a quoted string at s[pos] (pos at the opening quote); pos moves past it.
std::string parse_quoted(std::string_view s, std::size_t& pos, std::size_t line) {
  if (pos >= s.size() || s[pos] != '"') bad(line, "expected '\"'");
  std::string out;
  for (++pos; pos < s.size(); ++pos) {
    if (s[pos] == '\\' && pos + 1 < s.size()) {
      out.push_back(s[++pos]);
    } else if (s[pos] == '"') {
      ++pos;
      return out;
    } else {
      out.push_back(s[pos]);
    }
  }
  bad(line, "unterminated string");
}

std::vector<std::uint8_t> parse_hex(std::string_view s, std::size_t line) {
  std::vector<std::uint8_t> out;
  std::size_t i = 0;
  auto nibble = [&](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    bad(line, "bad hex digit");
  };
  while (i < s.size()) {
    if (s[i] == ' ' || s[i] == ',') {
      ++i;
      continue;
    }
    if (i + 1 >= s.size()) bad(line, "odd hex digit count");
    out.push_back(static_cast<std::uint8_t>(nibble(s[i]) * 16 + nibble(s[i + 1])));
    i += 2;
  }
  return out;
}

std::vector<std::string> parse_multi_string(const std::vector<std::uint8_t>& bytes, std::size_t line) {
  if (bytes.size() % 2 != 0) bad(line, "hex(7) data of odd length");
  std::vector<std::string> out;
  std::u16string current;
  for (std::size_t i = 0; i < bytes.size(); i += 2) {
    const char16_t u = static_cast<char16_t>(bytes[i] | (bytes[i + 1] << 8));
    if (u != 0) {
      current.push_back(u);
    } else if (current.empty()) {
      break;  // the final NUL
    } else {
      out.push_back(detail::utf16_to_utf8(current));
      current.clear();
    }
  }
  return out;
}

reg_value parse_value(std::string_view s, std::size_t line) {
  reg_value v;
  std::size_t pos = 0;
  if (s.starts_with("@")) {
    pos = 1;
  } else {
    v.name = parse_quoted(s, pos, line);
  }
  if (pos >= s.size() || s[pos] != '=') bad(line, "expected '='");
  const std::string_view data = s.substr(pos + 1);
  if (data.starts_with("\"")) {
    std::size_t p = 0;
    v.type = reg_value::kind::string;
    v.text = parse_quoted(data, p, line);
    if (p != data.size()) bad(line, "text after string value");
  } else if (data.starts_with("dword:")) {
    const std::string_view h = data.substr(6);
    if (h.size() != 8) bad(line, "dword needs 8 hex digits");
    v.type = reg_value::kind::dword;
    for (char c : h) {
      const auto b = parse_hex(std::string{'0', c}, line);
      v.dword = (v.dword << 4) | b[0];
    }
  } else if (data.starts_with("hex:")) {
    v.type = reg_value::kind::binary;
    v.bytes = parse_hex(data.substr(4), line);
  } else if (data.starts_with("hex(7):")) {
    v.type = reg_value::kind::multi_string;
    v.strings = parse_multi_string(parse_hex(data.substr(7), line), line);
  } else {
    bad(line, "unsupported value form");
  }
  return v;
}

}  // namespace

std::string format_reg_file(const node_registry& registry) {
  std::string text = "Windows Registry Editor Version 5.00\r\n\r\n";
  for (const auto& key : registry.keys) {
    text += "[" + key.path + "]\r\n";
    for (const auto& v : key.values) text += value_line(v) + "\r\n";
    text += "\r\n";
  }
  std::string bytes = "\xFF\xFE";
  detail::append_utf16le(bytes, detail::utf8_to_utf16(text));
  return bytes;
}

std::vector<reg_key> parse_reg_file(std::string_view bytes) {
  if (bytes.size() < 2 || static_cast<unsigned char>(bytes[0]) != 0xFF ||
      static_cast<unsigned char>(bytes[1]) != 0xFE)
    throw output_error("registry file: no UTF-16 LE byte-order mark");
  if (bytes.size() % 2 != 0) throw output_error("registry file: odd byte count for UTF-16");
  std::u16string units;
  for (std::size_t i = 2; i < bytes.size(); i += 2)
    units.push_back(static_cast<char16_t>(static_cast<unsigned char>(bytes[i]) |
                                          (static_cast<unsigned char>(bytes[i + 1]) << 8)));
  const std::string text = detail::utf16_to_utf8(units);

  std::vector<reg_key> keys;
  std::size_t line_no = 0, pos = 0;
  bool header = false;
  std::string pending;  // a hex value continued with "\"
  std::size_t pending_line = 0;
  while (pos < text.size()) {
    std::size_t end = text.find("\r\n", pos);
    if (end == std::string::npos) throw output_error("registry file: a line does not end with CRLF");
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 2;
    ++line_no;
    if (!pending.empty()) {
      while (line.starts_with(" ")) line.remove_prefix(1);
      pending += line;
      if (!pending.ends_with("\\")) {
        keys.back().values.push_back(parse_value(pending, pending_line));
        pending.clear();
      } else {
        pending.pop_back();
      }
      continue;
    }
    if (!header) {
      if (line != "Windows Registry Editor Version 5.00") bad(line_no, "missing the regedit header");
      header = true;
      continue;
    }
    if (line.empty()) continue;
    if (line.starts_with("[")) {
      if (!line.ends_with("]") || line.starts_with("[-")) bad(line_no, "bad key line");
      keys.push_back({std::string(line.substr(1, line.size() - 2)), {}});
      continue;
    }
    if (keys.empty()) bad(line_no, "value before any key");
    if (line.ends_with("\\") && !line.ends_with("\"")) {
      pending = std::string(line.substr(0, line.size() - 1));
      pending_line = line_no;
      continue;
    }
    keys.back().values.push_back(parse_value(line, line_no));
  }
  if (!header) throw output_error("registry file: empty");
  if (!pending.empty()) bad(pending_line, "continued value at end of file");
  return keys;
}

}  // namespace calsim
