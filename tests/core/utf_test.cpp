// The UTF-8/UTF-16 module: what counts as well-formed UTF-8 (Unicode table
// 3-7), replacement of invalid bytes, and the UTF-16 round trip.
#include <gtest/gtest.h>

#include <string>

#include "core/utf.hpp"

namespace calsim::detail {
namespace {

using namespace std::string_literals;

TEST(Utf8, WellFormedSequences) {
  EXPECT_TRUE(valid_utf8(""));
  EXPECT_TRUE(valid_utf8("plain ASCII\n"));
  EXPECT_TRUE(valid_utf8("\xC2\x80"));              // U+0080, smallest 2-byte
  EXPECT_TRUE(valid_utf8("\xDF\xBF"));              // U+07FF
  EXPECT_TRUE(valid_utf8("\xE0\xA0\x80"));          // U+0800, smallest 3-byte
  EXPECT_TRUE(valid_utf8("\xED\x9F\xBF"));          // U+D7FF, just below the surrogates
  EXPECT_TRUE(valid_utf8("\xEE\x80\x80"));          // U+E000, just above them
  EXPECT_TRUE(valid_utf8("\xEF\xBF\xBD"));          // U+FFFD
  EXPECT_TRUE(valid_utf8("\xF0\x90\x80\x80"));      // U+10000, smallest 4-byte
  EXPECT_TRUE(valid_utf8("\xF0\x9F\x98\x80"));      // U+1F600 😀
  EXPECT_TRUE(valid_utf8("\xF4\x8F\xBF\xBF"));      // U+10FFFF, the last code point
  EXPECT_EQ(utf8_sequence_length("a\xF0\x9F\x98\x80", 1), 4u);
  EXPECT_EQ(utf8_sequence_length("\xC3\xA9", 0), 2u);
}

TEST(Utf8, OverlongFormsAreInvalid) {
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));          // '/' in two bytes
  EXPECT_FALSE(valid_utf8("\xC1\xBF"));
  EXPECT_FALSE(valid_utf8("\xE0\x80\xAF"));      // '/' in three bytes
  EXPECT_FALSE(valid_utf8("\xE0\x9F\xBF"));      // U+07FF in three bytes
  EXPECT_FALSE(valid_utf8("\xF0\x80\x80\xAF"));  // '/' in four bytes
  EXPECT_FALSE(valid_utf8("\xF0\x8F\xBF\xBF"));  // U+FFFF in four bytes
}

TEST(Utf8, SurrogatesAndValuesPastTheLastCodePointAreInvalid) {
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));          // U+D800
  EXPECT_FALSE(valid_utf8("\xED\xBF\xBF"));          // U+DFFF
  EXPECT_FALSE(valid_utf8("\xED\xA0\xBD\xED\xB8\x80"));  // a CESU-8 surrogate pair
  EXPECT_FALSE(valid_utf8("\xF4\x90\x80\x80"));      // U+110000
  EXPECT_FALSE(valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(valid_utf8("\xFF"));
}

TEST(Utf8, TruncatedAndStrayBytesAreInvalid) {
  EXPECT_FALSE(valid_utf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(valid_utf8("\xC3"));              // lead byte at the end
  EXPECT_FALSE(valid_utf8("\xE2\x82"));          // 3-byte sequence cut short
  EXPECT_FALSE(valid_utf8("\xF0\x9F\x98"));      // 4-byte sequence cut short
  EXPECT_FALSE(valid_utf8("\xE2\x28\xA1"));      // second byte not a continuation
  EXPECT_FALSE(valid_utf8("\xF0\x9F\x28\x80"));  // third byte not a continuation
  EXPECT_EQ(utf8_sequence_length("\xE2\x82", 0), 0u);
}

TEST(Utf8, SanitizedReplacesEachBadByte) {
  EXPECT_EQ(utf8_sanitized("ok"), "ok");
  EXPECT_EQ(utf8_sanitized("a\xFF" "b"), "a\xEF\xBF\xBD" "b");
  // An overlong form: both bytes are bad (C0 never starts a sequence; AF is a stray continuation).
  EXPECT_EQ(utf8_sanitized("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  // A cut-short sequence loses its lead byte, then the rest is read again.
  EXPECT_EQ(utf8_sanitized("\xE2\x82" "x"), "\xEF\xBF\xBD\xEF\xBF\xBD" "x");
  EXPECT_EQ(utf8_sanitized("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");
  EXPECT_TRUE(valid_utf8(utf8_sanitized("\xED\xA0\x80\xF4\x90\x80\x80\xC3")));
}

TEST(Utf8, AppendEncodesEachLength) {
  std::string s;
  append_utf8(s, U'A');
  append_utf8(s, U'\u00E9');
  append_utf8(s, U'\u20AC');
  append_utf8(s, U'\U0001F600');
  EXPECT_EQ(s, "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
}

TEST(Utf16, FromUtf8) {
  EXPECT_EQ(utf8_to_utf16("A\xC3\xA9\xE2\x82\xAC"), u"A\u00E9\u20AC");
  // A 4-byte character becomes a surrogate pair.
  EXPECT_EQ(utf8_to_utf16("\xF0\x9F\x98\x80"), std::u16string({0xD83D, 0xDE00}));
  EXPECT_EQ(utf8_to_utf16("\xF4\x8F\xBF\xBF"), std::u16string({0xDBFF, 0xDFFF}));
  // Invalid bytes become U+FFFD, one per byte.
  EXPECT_EQ(utf8_to_utf16("a\xC0\xAF" "b"), u"a\uFFFD\uFFFDb");
  EXPECT_EQ(utf8_to_utf16("\xED\xA0\x80"), u"\uFFFD\uFFFD\uFFFD");
}

TEST(Utf16, ToUtf8) {
  EXPECT_EQ(utf16_to_utf8(u"A\u00E9\u20AC"), "A\xC3\xA9\xE2\x82\xAC");
  EXPECT_EQ(utf16_to_utf8(std::u16string({0xD83D, 0xDE00})), "\xF0\x9F\x98\x80");
  // Lone surrogates (high at the end, high then non-low, lone low) become U+FFFD.
  EXPECT_EQ(utf16_to_utf8(std::u16string({0xD83D})), "\xEF\xBF\xBD");
  EXPECT_EQ(utf16_to_utf8(std::u16string({0xD83D, u'x'})), "\xEF\xBF\xBDx");
  EXPECT_EQ(utf16_to_utf8(std::u16string({0xDE00, 0xD83D})), "\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(Utf16, RoundTripOfWellFormedText) {
  const std::string text = "LS1 \xE2\x80\x94 caf\xC3\xA9 \xF0\x9F\x98\x80 \xE4\xB8\xAD";
  EXPECT_EQ(utf16_to_utf8(utf8_to_utf16(text)), text);
}

TEST(Utf16, SurrogatePairsAndContinuationBytes) {
  static_assert(surrogate_pair_code_point(0xD800, 0xDC00) == 0x10000);
  static_assert(surrogate_pair_code_point(0xD83D, 0xDE00) == 0x1F600);
  static_assert(surrogate_pair_code_point(0xDBFF, 0xDFFF) == 0x10FFFF);
  EXPECT_TRUE(utf8_continuation(0x80));
  EXPECT_TRUE(utf8_continuation(0xBF));
  EXPECT_FALSE(utf8_continuation(0x7F));
  EXPECT_FALSE(utf8_continuation(0xC2));
}

TEST(Utf16, LittleEndianBytes) {
  std::string out = "x";
  append_utf16le(out, std::u16string({u'A', 0x20AC, 0xD83D}));
  EXPECT_EQ(out, "xA\x00\xAC\x20\x3D\xD8"s);
}

}  // namespace
}  // namespace calsim::detail
