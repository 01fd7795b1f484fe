#include "output/json_text.hpp"

#include <cstdint>

#include "core/calendar.hpp"
#include "core/utf.hpp"

namespace calsim::detail {

void append_json_byte(std::string& out, unsigned char c, bool named_b_f) {
  static const char hex[] = "0123456789abcdef";
  switch (c) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    case '\b':
      if (named_b_f) {
        out += "\\b";
        return;
      }
      break;
    case '\f':
      if (named_b_f) {
        out += "\\f";
        return;
      }
      break;
    default: break;
  }
  if (c < 0x20) {
    out += "\\u00";
    out.push_back(hex[c >> 4]);
    out.push_back(hex[c & 15]);
  } else {
    out.push_back(static_cast<char>(c));
  }
}

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      append_json_byte(out, c, false);
    } else if (const std::size_t n = utf8_sequence_length(s, i); n > 0) {
      out.append(s.substr(i, n));
      i += n - 1;
    } else {
      out += "\\ufffd";
    }
  }
  out.push_back('"');
}

void append_json_string_or_null(std::string& out, std::string_view text) {
  if (text.empty()) {
    out += "null";
  } else {
    append_json_string(out, text);
  }
}

const std::string& datetime_text::operator()(sim_time t) {
  const sim_time day = day_floor(t);
  if (day != day_) {
    day_ = day;
    date_ = format_date(day) + "T";
  }
  const sim_time s = t - day;
  const int h = static_cast<int>(s / 3600), m = static_cast<int>(s / 60 % 60), sec = static_cast<int>(s % 60);
  text_ = date_;
  text_.push_back(static_cast<char>('0' + h / 10));
  text_.push_back(static_cast<char>('0' + h % 10));
  text_.push_back(':');
  text_.push_back(static_cast<char>('0' + m / 10));
  text_.push_back(static_cast<char>('0' + m % 10));
  text_.push_back(':');
  text_.push_back(static_cast<char>('0' + sec / 10));
  text_.push_back(static_cast<char>('0' + sec % 10));
  return text_;
}

}  // namespace calsim::detail
