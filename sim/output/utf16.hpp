// UTF-8 <-> UTF-16 LE, for the registry files (regedit writes UTF-16 LE).
#pragma once
#include <string>
#include <string_view>

namespace calsim::detail {

std::u16string utf8_to_utf16(std::string_view utf8);  // invalid bytes become U+FFFD
std::string utf16_to_utf8(std::u16string_view utf16); // lone surrogates become U+FFFD
// Appends each code unit as two little-endian bytes.
void append_utf16le(std::string& out, std::u16string_view text);

}  // namespace calsim::detail
