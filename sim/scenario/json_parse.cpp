#include "scenario/json_parse.hpp"

#include "core/utf.hpp"

namespace calsim::detail {

namespace {

using json = nlohmann::json;

// The DOM builder, plus a depth limit and a record of the failure.
class sax_handler : public nlohmann::detail::json_sax_dom_parser<json> {
  using base = nlohmann::detail::json_sax_dom_parser<json>;

 public:
  sax_handler(json& out, std::size_t max_depth) : base(out, false), max_depth_(max_depth) {}

  bool start_object(std::size_t n) {
    if (++depth_ > max_depth_) return too_deep();
    return base::start_object(n);
  }
  bool end_object() {
    --depth_;
    return base::end_object();
  }
  bool start_array(std::size_t n) {
    if (++depth_ > max_depth_) return too_deep();
    return base::start_array(n);
  }
  bool end_array() {
    --depth_;
    return base::end_array();
  }
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& ex) {
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
