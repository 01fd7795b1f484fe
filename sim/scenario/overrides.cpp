#include "scenario/overrides.hpp"

#include "core/utf.hpp"

#include "scenario/json_parse.hpp"
#include "scenario/validate.hpp"

namespace calsim::detail {

namespace {

// "/a/b~1c" → {"a", "b/c"}; false on a bad "~" escape.
bool split_pointer(const std::string& p, std::vector<std::string>& tokens, std::string& error) {
  std::size_t i = 1;
  while (true) {
    const std::size_t next = p.find('/', i);
    const std::string raw = p.substr(i, next == std::string::npos ? std::string::npos : next - i);
    std::string tok;
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] != '~') {
        tok += raw[k];
      } else if (k + 1 < raw.size() && (raw[k + 1] == '0' || raw[k + 1] == '1')) {
        tok += raw[k + 1] == '0' ? '~' : '/';
        ++k;
      } else {
        error = "bad escape in the pointer: \"~\" must be followed by 0 or 1 (\"~0\" is ~, \"~1\" is /)";
        return false;
      }
    }
    tokens.push_back(std::move(tok));
    if (next == std::string::npos) return true;
    i = next + 1;
  }
}

std::optional<std::size_t> array_index(const std::string& tok) {
  if (tok.empty() || tok.size() > 9 || (tok.size() > 1 && tok[0] == '0')) return std::nullopt;
  std::size_t n = 0;
  for (char c : tok) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::size_t>(c - '0');
  }
  return n;
}

}  // namespace

void apply_overrides(json& doc, const std::vector<std::string>& overrides, diagnostics& out,
                     std::vector<set_origin>& origins) {
  for (const std::string& text : overrides) {
    auto fail = [&](const std::string& ptr, const std::string& msg) {
      out.push_back(diagnostic{"--set", 0, 0, ptr, quote(text) + ": " + msg});
    };
    if (!valid_utf8(text)) {
      out.push_back(diagnostic{"--set", 0, 0, "", quote(text) + ": not valid UTF-8 (give text as UTF-8)"});
      continue;
    }
    const std::size_t eq = text.find('=');
    if (eq == std::string::npos) {
      fail("", "expected /json/pointer=value (no \"=\")");
      continue;
    }
    const std::string ptr = text.substr(0, eq);
    const std::string value_text = text.substr(eq + 1);
    if (ptr.empty() || ptr[0] != '/') {
      fail(ptr, "the pointer must start with \"/\" and name a value inside the scenario, e.g. /clients/0/count");
      continue;
    }
    std::vector<std::string> tokens;
    std::string err;
    if (!split_pointer(ptr, tokens, err)) {
      fail(ptr, err);
      continue;
    }
    json value;
    if (parse_json(value_text, value, max_json_depth)) {
      value = json(value_text);  // not JSON: a string
    } else if (const auto dups = walk_json(value_text, [](const json_visit&) {}, max_json_depth + 1); !dups.empty()) {
      fail(ptr, "the value has the key " + quote(dups.front().key) + " twice (each key may appear once)");
      continue;
    }

    // Walk to the parent of the last token.
    json* cur = &doc;
    std::string at;
    bool ok = true;
    for (std::size_t k = 0; k + 1 < tokens.size() && ok; ++k) {
      const std::string& tok = tokens[k];
      if (cur->is_object()) {
        const auto it = cur->find(tok);
        if (it == cur->end()) {
          fail(ptr, (at.empty() ? std::string("the scenario") : at) + " has no member " + quote(tok));
          ok = false;
        } else {
          cur = &*it;
        }
      } else if (cur->is_array()) {
        const auto idx = array_index(tok);
        if (!idx || *idx >= cur->size()) {
          fail(ptr, (at.empty() ? std::string("the scenario") : at) + " has no item " + quote(tok) + " (it has " +
                        std::to_string(cur->size()) + " items)");
          ok = false;
        } else {
          cur = &(*cur)[*idx];
        }
      } else {
        fail(ptr, (at.empty() ? std::string("the scenario") : at) + " is " + describe(*cur) + ", which has no members");
        ok = false;
      }
      at = pointer_join(at, tok);
    }
    if (!ok) continue;
    const std::string& last = tokens.back();
    std::string where;
    if (cur->is_object()) {
      (*cur)[last] = std::move(value);
      where = pointer_join(at, last);
    } else if (cur->is_array()) {
      if (last == "-") {
        where = pointer_join(at, cur->size());
        cur->push_back(std::move(value));
      } else if (const auto idx = array_index(last); idx && *idx < cur->size()) {
        (*cur)[*idx] = std::move(value);
        where = pointer_join(at, *idx);
      } else {
        fail(ptr, (at.empty() ? std::string("the scenario") : at) + " has no item " + quote(last) + " (it has " +
                      std::to_string(cur->size()) + " items; use \"-\" to append)");
        continue;
      }
    } else {
      fail(ptr, (at.empty() ? std::string("the scenario") : at) + " is " + describe(*cur) +
                    ", which has no members");
      continue;
    }
    origins.push_back(set_origin{where, text});
  }
}

}  // namespace calsim::detail
