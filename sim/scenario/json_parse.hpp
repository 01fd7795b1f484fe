// Strict JSON parsing (nlohmann, through SAX) that reports where it failed and
// refuses nesting deeper than a limit, without throwing.
#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace calsim::detail {

struct parse_failure {
  std::size_t offset = 0;  // byte offset of the problem
  std::string message;     // without nlohmann's "[json.exception…] parse error at …:" prefix
};

std::optional<parse_failure> parse_json(std::string_view text, nlohmann::json& out, std::size_t max_depth);

// True when the text holds nothing but whitespace (and a UTF-8 byte-order mark).
bool blank_text(std::string_view text);

}  // namespace calsim::detail
