// Positions in JSON text: which line and column each JSON pointer starts at,
// and duplicate keys (nlohmann keeps the last one silently).
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace calsim::detail {

inline constexpr std::size_t no_offset = static_cast<std::size_t>(-1);

// "~" → "~0", "/" → "~1" (RFC 6901).
std::string pointer_escape(std::string_view key);
std::string pointer_join(const std::string& base, std::string_view key);
std::string pointer_join(const std::string& base, std::size_t index);

struct json_visit {
  const std::string& pointer;
  std::size_t key_offset;    // offset of the member's key, or no_offset
  std::size_t value_offset;  // offset of the value's first byte
};

struct duplicate_key {
  std::string pointer;  // of the duplicated member
  std::size_t key_offset = 0;
  std::string key;
};

// Walks syntactically valid JSON text (as accepted by nlohmann), calling
// `visit` for every value in document order. Robust on any input (stops
// quietly at anything unexpected). Recursion is bounded by `max_depth`.
std::vector<duplicate_key> walk_json(std::string_view text, const std::function<void(const json_visit&)>& visit,
                                     std::size_t max_depth);

struct text_pos {
  int line = 0;
  int column = 0;
};

// 1-based line and column (in UTF-8 code points) of each offset, in one pass.
std::vector<text_pos> line_columns(std::string_view text, const std::vector<std::size_t>& offsets);

}  // namespace calsim::detail
