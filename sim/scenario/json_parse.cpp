#include "scenario/json_parse.hpp"

#include <vector>

#include "core/utf.hpp"

namespace calsim::detail {

namespace {

using json = nlohmann::json;

// Builds the document through nlohmann's public SAX interface, with a depth
// limit and a record of the failure. Like nlohmann's own DOM builder, a
// duplicate key keeps its last value (json_positions reports duplicates).
class sax_handler final : public nlohmann::json_sax<json> {
 public:
  sax_handler(json& out, std::size_t max_depth) : root_(out), max_depth_(max_depth) {}

  bool null() override { return add(json(nullptr)); }
  bool boolean(bool v) override { return add(json(v)); }
  bool number_integer(number_integer_t v) override { return add(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return add(json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return add(json(v)); }
  bool string(string_t& v) override { return add(json(std::move(v))); }
  bool binary(binary_t& v) override { return add(json(std::move(v))); }

  bool start_object(std::size_t) override {
    if (++depth_ > max_depth_) return too_deep();
    stack_.push_back(add_container(json::value_t::object));
    return true;
  }
  bool key(string_t& k) override {
    member_ = &(*stack_.back())[std::move(k)];
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override {
    if (++depth_ > max_depth_) return too_deep();
    stack_.push_back(add_container(json::value_t::array));
    return true;
  }
  bool end_array() override { return close(); }

  // `position` is the byte count read when the error was found; the text of
  // `ex` gives only the message (its own line/column prefix is dropped).
  bool parse_error(std::size_t position, const std::string& last_token, const json::exception& ex) override {
    std::string msg = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 4: syntax error …"
    if (const auto b = msg.find("] "); msg.rfind("[json.exception.", 0) == 0 && b != std::string::npos)
      msg.erase(0, b + 2);
    if (msg.rfind("parse error", 0) == 0)
      if (const auto colon = msg.find(": "); colon != std::string::npos) msg.erase(0, colon + 2);
    std::size_t offset = position > 0 ? position - 1 : 0;
    if (ex.id == 406 && position >= last_token.size()) offset = position - last_token.size();  // number overflow
    failure_ = parse_failure{offset, utf8_sanitized(msg)};  // the last token may hold the bad bytes
    return false;
  }

  bool deep() const { return deep_; }
  const std::optional<parse_failure>& failure() const { return failure_; }

 private:
  bool too_deep() {
    deep_ = true;
    return false;
  }
  // Places a scalar: the root, the next array element or the pending member.
  bool add(json&& v) {
    place(std::move(v));
    return true;
  }
  json* place(json&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    json& parent = *stack_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(v));
      return &parent.back();
    }
    *member_ = std::move(v);
    return member_;
  }
  json* add_container(json::value_t type) { return place(json(type)); }
  bool close() {
    --depth_;
    stack_.pop_back();
    return true;
  }

  json& root_;
  std::vector<json*> stack_;  // the open objects and arrays, innermost last
  json* member_ = nullptr;    // the value of the last key read
  std::size_t max_depth_;
  std::size_t depth_ = 0;
  bool deep_ = false;
  std::optional<parse_failure> failure_;
};

// Offset of the first bracket that goes deeper than max_depth.
std::size_t deep_offset(std::string_view text, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return i;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return 0;
}

}  // namespace

bool blank_text(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::optional<parse_failure> parse_json(std::string_view text, json& out, std::size_t max_depth) {
  out = json();
  sax_handler h(out, max_depth);
  bool ok = false;
  try {
    ok = json::sax_parse(text.begin(), text.end(), &h);
  } catch (const std::bad_alloc&) {
    throw;  // not a syntax error: out of memory (exit 3)
  } catch (const std::exception& e) {
    return parse_failure{0, e.what()};  // not expected: the handler never throws
  }
  if (ok) return std::nullopt;
  out = json();
  if (h.deep())
    return parse_failure{deep_offset(text, max_depth),
                         "nesting deeper than " + std::to_string(max_depth) + " levels"};
  if (h.failure()) return h.failure();
  return parse_failure{0, "JSON syntax error"};
}

}  // namespace calsim::detail
