// UTF-8 and UTF-16: the one place that says what well-formed UTF-8 is (Unicode
// 15, table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF) and
// how code points are encoded. Invalid input never throws: it becomes U+FFFD,
// one replacement per byte that does not start a well-formed sequence.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace calsim::detail {

// True for a UTF-8 continuation byte (10xxxxxx): not the start of a character.
constexpr bool utf8_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// The code point of a UTF-16 surrogate pair (hi in D800..DBFF, lo in DC00..DFFF).
constexpr char32_t surrogate_pair_code_point(char32_t hi, char32_t lo) {
  return 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
}

// Length (1 to 4) of the well-formed UTF-8 sequence starting at s[i], or 0
// when the bytes there are not one (i < s.size()).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i);

// True when `s` is well-formed UTF-8.
bool valid_utf8(std::string_view s);

// `s` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD.
std::string utf8_sanitized(std::string_view s);

// Appends the UTF-8 encoding of `cp` (no check: a surrogate or a value past
// U+10FFFF is encoded as its bit pattern says; callers pass scalar values).
void append_utf8(std::string& out, char32_t cp);

// UTF-8 → UTF-16; each invalid byte becomes U+FFFD.
std::u16string utf8_to_utf16(std::string_view utf8);

// UTF-16 → UTF-8; each lone surrogate becomes U+FFFD.
std::string utf16_to_utf8(std::u16string_view utf16);

// Appends each code unit as two little-endian bytes (regedit's UTF-16 LE).
void append_utf16le(std::string& out, std::u16string_view text);

}  // namespace calsim::detail
