// Hand-written JSON for the streamed .jsonl files (fields in the documented
// order, no intermediate objects: these files can hold millions of lines).
#pragma once
#include <string>
#include <string_view>

#include "calsim/time.hpp"

namespace calsim::detail {

// One byte as it stands inside a JSON string (from 0x20 up, itself): quote,
// backslash and control characters escaped (\n, \r, \t by name, the others
// as \u00XX; with named_b_f, \b and \f by name as nlohmann writes them).
void append_json_byte(std::string& out, unsigned char c, bool named_b_f);
// A JSON string literal with quotes; control characters escaped, invalid
// UTF-8 bytes replaced by U+FFFD so every line parses.
void append_json_string(std::string& out, std::string_view text);
// A JSON string, or null when text is empty.
void append_json_string_or_null(std::string& out, std::string_view text);

// format_datetime() with the date part cached (records arrive in time order).
class datetime_text {
 public:
  const std::string& operator()(sim_time t);

 private:
  sim_time day_ = -1;
  std::string date_;  // "YYYY-MM-DDT"
  std::string text_;
};

}  // namespace calsim::detail
