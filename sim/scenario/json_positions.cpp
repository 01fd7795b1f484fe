#include "scenario/json_positions.hpp"

#include <algorithm>
#include <numeric>
#include <unordered_set>

#include "core/utf.hpp"

namespace calsim::detail {

std::string pointer_escape(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string pointer_join(const std::string& base, std::string_view key) { return base + '/' + pointer_escape(key); }

std::string pointer_join(const std::string& base, std::size_t index) { return base + '/' + std::to_string(index); }

namespace {

class walker {
 public:
  walker(std::string_view t, const std::function<void(const json_visit&)>& v, std::size_t max_depth)
      : text_(t), visit_(v), max_depth_(max_depth) {}

  std::vector<duplicate_key> run() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    skip_ws();
    visit_(json_visit{pointer_, no_offset, pos_});
    value(0);
    return std::move(dups_);
  }

 private:
  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }

  void skip_ws() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  int hex4() {
    if (pos_ + 4 > text_.size()) return -1;
    int v = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = text_[pos_ + i];
      v <<= 4;
      if (c >= '0' && c <= '9') v |= c - '0';
      else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
      else return -1;
    }
    pos_ += 4;
    return v;
  }

  // Reads a string at pos_ (on the opening quote), unescaped into `out`.
  bool string(std::string& out) {
    if (!at('"')) return false;
    ++pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return true;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) return false;
      const char e = text_[pos_++];
      switch (e) {
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          int cp = hex4();
          if (cp < 0) return false;
          std::uint32_t code = static_cast<std::uint32_t>(cp);
          if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 1 < text_.size() && text_[pos_] == '\\' &&
              text_[pos_ + 1] == 'u') {
            pos_ += 2;
            const int lo = hex4();
            if (lo < 0) return false;
            code = surrogate_pair_code_point(static_cast<char32_t>(cp), static_cast<char32_t>(lo));
          }
          append_utf8(out, static_cast<char32_t>(code));
          break;
        }
        default: out += e; break;  // " \ /
      }
    }
    return false;
  }

  bool value(std::size_t depth) {
    if (pos_ >= text_.size()) return false;
    const char c = text_[pos_];
    if (c == '{' || c == '[') {
      if (depth >= max_depth_) return false;
      return c == '{' ? object(depth) : array(depth);
    }
    if (c == '"') {
      std::string ignored;
      return string(ignored);
    }
    while (pos_ < text_.size()) {  // number or literal
      const char d = text_[pos_];
      if (d == ',' || d == ']' || d == '}' || d == ' ' || d == '\t' || d == '\n' || d == '\r') break;
      ++pos_;
    }
    return true;
  }

  bool object(std::size_t depth) {
    ++pos_;
    skip_ws();
    if (at('}')) {
      ++pos_;
      return true;
    }
    std::unordered_set<std::string> seen;
    const std::size_t base = pointer_.size();
    while (true) {
      skip_ws();
      const std::size_t key_off = pos_;
      std::string key;
      if (!string(key)) return false;
      skip_ws();
      if (!at(':')) return false;
      ++pos_;
      skip_ws();
      pointer_ += '/';
      pointer_ += pointer_escape(key);
      if (!seen.insert(key).second) dups_.push_back({pointer_, key_off, key});
      visit_(json_visit{pointer_, key_off, pos_});
      const bool ok = value(depth + 1);
      pointer_.resize(base);
      if (!ok) return false;
      skip_ws();
      if (at(',')) {
        ++pos_;
        continue;
      }
      if (at('}')) {
        ++pos_;
        return true;
      }
      return false;
    }
  }

  bool array(std::size_t depth) {
    ++pos_;
    skip_ws();
    if (at(']')) {
      ++pos_;
      return true;
    }
    const std::size_t base = pointer_.size();
    for (std::size_t i = 0;; ++i) {
      skip_ws();
      pointer_ += '/';
      pointer_ += std::to_string(i);
      visit_(json_visit{pointer_, no_offset, pos_});
      const bool ok = value(depth + 1);
      pointer_.resize(base);
      if (!ok) return false;
      skip_ws();
      if (at(',')) {
        ++pos_;
        continue;
      }
      if (at(']')) {
        ++pos_;
        return true;
      }
      return false;
    }
  }

  std::string_view text_;
  const std::function<void(const json_visit&)>& visit_;
  std::size_t max_depth_;
  std::size_t pos_ = 0;
  std::string pointer_;
  std::vector<duplicate_key> dups_;
};

}  // namespace

std::vector<duplicate_key> walk_json(std::string_view text, const std::function<void(const json_visit&)>& visit,
                                     std::size_t max_depth) {
  return walker(text, visit, max_depth).run();
}

std::vector<text_pos> line_columns(std::string_view text, const std::vector<std::size_t>& offsets) {
  std::vector<std::size_t> order(offsets.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return offsets[a] < offsets[b]; });
  std::vector<text_pos> out(offsets.size());
  const std::size_t bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  std::size_t i = 0;
  int line = 1, column = 1;
  for (std::size_t k : order) {
    const std::size_t target = std::min(offsets[k], text.size());
    for (; i < target; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c == '\n') {
        ++line;
        column = 1;
      } else if (!utf8_continuation(c) && i >= bom) {
        ++column;
      }
    }
    out[k] = text_pos{line, column};
  }
  return out;
}

}  // namespace calsim::detail
