// Export-Csv files of the license server's WMI classes (wmi_csv.hpp).
#include "scenario/wmi_csv.hpp"

#include <cctype>

#include "core/calendar.hpp"

namespace calsim::detail {
namespace {

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// Digits of text[at, at + n) as a number, or -1.
int digits(std::string_view text, std::size_t at, std::size_t n) {
  if (at + n > text.size()) return -1;
  int v = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

std::optional<sim_time> from_fields(int y, int mo, int d, int h, int mi, int s) {
  if (y < 1970 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59)
    return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s);
  return parse_iso(buf);  // checks the day exists
}

// "20260721093000.000000+000"
std::optional<sim_time> cim_time(std::string_view t) {
  if (t.size() != 25 || t[14] != '.' || (t[21] != '+' && t[21] != '-')) return std::nullopt;
  const int offset = digits(t, 22, 3);
  if (digits(t, 15, 6) < 0 || offset < 0) return std::nullopt;
  const auto local = from_fields(digits(t, 0, 4), digits(t, 4, 2), digits(t, 6, 2), digits(t, 8, 2),
                                 digits(t, 10, 2), digits(t, 12, 2));
  if (!local) return std::nullopt;
  return *local - (t[21] == '+' ? 1 : -1) * static_cast<sim_time>(offset) * 60;  // to UTC
}

// "7/21/2026 9:30:00 AM" (en-US, as Export-Csv writes a DateTime)
std::optional<sim_time> us_time(std::string_view t) {
  int mo = 0, d = 0, y = 0, h = 0, mi = 0, s = 0;
  char ampm[3] = {0, 0, 0};
  const std::string text(t);
  int used = 0;
  if (std::sscanf(text.c_str(), "%d/%d/%d %d:%d:%d %2[APMapm]%n", &mo, &d, &y, &h, &mi, &s, ampm, &used) != 7 ||
      used != static_cast<int>(text.size()) || h < 1 || h > 12)
    return std::nullopt;
  const bool pm = ampm[0] == 'P' || ampm[0] == 'p';
  if ((ampm[1] != 'M' && ampm[1] != 'm') || (!pm && ampm[0] != 'A' && ampm[0] != 'a')) return std::nullopt;
  return from_fields(y, mo, d, (h % 12) + (pm ? 12 : 0), mi, s);
}

}  // namespace

int csv_table::column(std::string_view name) const {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (iequal(header[i], name)) return static_cast<int>(i);
  return -1;
}

std::optional<csv_table> read_export_csv(std::string_view text, std::string& error) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a UTF-8 BOM (Export-Csv -Encoding UTF8)
  csv_table table;
  std::size_t line = 1, i = 0;
  bool header_done = false;
  while (i < text.size()) {
    const std::size_t row_line = line;
    if (!header_done && table.header.empty() && text.substr(i).starts_with("#TYPE")) {  // the class line
      while (i < text.size() && text[i] != '\n') ++i;
      ++i, ++line;
      continue;
    }
    std::vector<std::string> fields(1);
    bool quoted = false, end_of_row = false;
    while (i < text.size() && !end_of_row) {
      const char ch = text[i++];
      if (quoted) {
        if (ch == '"' && i < text.size() && text[i] == '"') fields.back() += '"', ++i;
        else if (ch == '"') quoted = false;
        else {
          if (ch == '\n') ++line;
          fields.back() += ch;
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        fields.emplace_back();
      } else if (ch == '\n') {
        end_of_row = true;
        ++line;
      } else if (ch != '\r') {
        fields.back() += ch;
      }
    }
    if (quoted) {
      error = "line " + std::to_string(row_line) + ": a quoted field is not closed";
      return std::nullopt;
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // a blank line
    if (!header_done) {
      table.header = std::move(fields);
      header_done = true;
      continue;
    }
    if (fields.size() != table.header.size()) {
      error = "line " + std::to_string(row_line) + ": " + std::to_string(fields.size()) + " fields, the header has " +
              std::to_string(table.header.size());
      return std::nullopt;
    }
    table.rows.push_back({row_line, std::move(fields)});
  }
  if (!header_done) {
    error = "line 1: no header (an Export-Csv file starts with \"#TYPE …\" and a line of column names)";
    return std::nullopt;
  }
  return table;
}

std::optional<sim_time> parse_wmi_time(std::string_view text) {
  if (auto t = cim_time(text)) return t;
  if (auto t = us_time(text)) return t;
  return parse_iso(std::string(text));
}

std::optional<std::array<std::uint8_t, 20>> parse_hardware_id(std::string_view s) {
  auto hex = [](char ch) -> int {
    if (ch >= '0' && ch <= '9') return ch - '0';
    if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
    return -1;
  };
  if (s.size() != 40) return std::nullopt;
  std::array<std::uint8_t, 20> bytes{};
  for (std::size_t b = 0; b < 20; ++b) {
    const int hi = hex(s[2 * b]), lo = hex(s[2 * b + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    bytes[b] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return bytes;
}

}  // namespace calsim::detail
