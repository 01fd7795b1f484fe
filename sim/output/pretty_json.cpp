#include "output/pretty_json.hpp"

#include <nlohmann/json.hpp>

#include "core/utf.hpp"
#include "output/json_text.hpp"

namespace calsim::detail {

void append_json_string_as_nlohmann(std::string& out, std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {  // not UTF-8: nlohmann's own replacement of the bad bytes
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : utf8_sequence_length(s, i);
    if (n == 0) {
      out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    i += n;
  }
  out.push_back('"');
  for (const char ch : s) append_json_byte(out, static_cast<unsigned char>(ch), true);  // UTF-8 passes as it is
  out.push_back('"');
}

void pretty_json::indent(std::size_t depth) { out_.append(2 * depth, ' '); }

void pretty_json::next_item() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (counts_.empty()) return;  // the top-level value
  out_ += counts_.back()++ == 0 ? "\n" : ",\n";
  indent(counts_.size());
}

void pretty_json::open(char bracket) {
  next_item();
  out_.push_back(bracket);
  counts_.push_back(0);
}

void pretty_json::close(char bracket) {
  const std::size_t n = counts_.back();
  counts_.pop_back();
  if (n > 0) {
    out_.push_back('\n');
    indent(counts_.size());
  }
  out_.push_back(bracket);
}

void pretty_json::key(std::string_view k) {
  next_item();
  append_json_string_as_nlohmann(out_, k);
  out_ += ": ";
  after_key_ = true;
}

void pretty_json::value(std::string_view s) {
  next_item();
  append_json_string_as_nlohmann(out_, s);
}

void pretty_json::value(std::int64_t v) {
  next_item();
  out_ += std::to_string(v);
}

void pretty_json::value(std::uint64_t v) {
  next_item();
  out_ += std::to_string(v);
}

void pretty_json::value(bool v) {
  next_item();
  out_ += v ? "true" : "false";
}

void pretty_json::null() {
  next_item();
  out_ += "null";
}

}  // namespace calsim::detail
