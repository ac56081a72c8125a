#include <gtest/gtest.h>
#include <sql.h>

#include <cstdint>
#include <string>
#include <vector>

#include "common/unicode.hpp"

using namespace pgw::common;

namespace {
const std::string kGrin = "\xF0\x9F\x98\x80";  // U+1F600
const std::u16string kGrin16 = u"\U0001F600";
const std::string kFffd = "\xEF\xBF\xBD";
}  // namespace

TEST(UnicodeTest, SqlWcharIsSixteenBits) {
  // The W entry points hand us SQLWCHAR buffers; unixODBC itself is built with 2-byte SQLWCHAR.
  EXPECT_EQ(sizeof(SQLWCHAR), 2u) << "SQL_WCHART_CONVERT must not be defined (even as 0)";
}

TEST(UnicodeTest, EmptyStrings) {
  EXPECT_EQ(utf8_to_utf16(""), u"");
  EXPECT_EQ(utf16_to_utf8(u""), "");
  EXPECT_EQ(utf16_to_utf8(nullptr, 0), "");
  EXPECT_EQ(utf8_code_points(""), 0u);
  EXPECT_EQ(utf8_truncation_point("", 5), 0u);
  EXPECT_EQ(utf16_truncation_point(u"", 5), 0u);
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf16(u""));
}

TEST(UnicodeTest, RoundTripsEveryLength) {
  const std::string text = "A\xC3\xA9\xE2\x82\xAC" + kGrin;  // A, U+00E9, U+20AC, U+1F600
  const std::u16string expected = u"A\u00E9\u20AC\U0001F600";
  EXPECT_EQ(utf8_to_utf16(text), expected);
  EXPECT_EQ(utf16_to_utf8(expected), text);
  EXPECT_EQ(utf8_code_points(text), 4u);
  EXPECT_EQ(utf16_code_points(expected), 4u);
  EXPECT_EQ(utf16_units_for_utf8(text), 5u);
  EXPECT_EQ(utf8_bytes_for_utf16(expected), text.size());
}

TEST(UnicodeTest, NonBmpBecomesSurrogatePair) {
  const std::u16string w = utf8_to_utf16(kGrin);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0], 0xD83D);
  EXPECT_EQ(w[1], 0xDE00);
  EXPECT_EQ(utf16_to_utf8(w), kGrin);
}

TEST(UnicodeTest, BoundaryCodePoints) {
  EXPECT_EQ(utf8_to_utf16("\x7F"), u"\u007F");
  EXPECT_EQ(utf8_to_utf16("\xC2\x80"), u"\u0080");
  EXPECT_EQ(utf8_to_utf16("\xEF\xBF\xBF"), u"\uFFFF");
  EXPECT_EQ(utf8_to_utf16("\xF0\x90\x80\x80"), u"\U00010000");
  EXPECT_EQ(utf8_to_utf16("\xF4\x8F\xBF\xBF"), u"\U0010FFFF");
  EXPECT_EQ(utf16_to_utf8(u"\U0010FFFF"), "\xF4\x8F\xBF\xBF");
}

TEST(UnicodeTest, LoneSurrogatesBecomeReplacementCharacter) {
  const std::u16string lone_high = {u'a', char16_t(0xD83D), u'b'};
  EXPECT_EQ(utf16_to_utf8(lone_high), "a" + kFffd + "b");
  const std::u16string lone_low = {char16_t(0xDE00), u'b'};
  EXPECT_EQ(utf16_to_utf8(lone_low), kFffd + "b");
  const std::u16string high_at_end = {u'a', char16_t(0xD83D)};
  EXPECT_EQ(utf16_to_utf8(high_at_end), "a" + kFffd);
  const std::u16string reversed = {char16_t(0xDE00), char16_t(0xD83D)};
  EXPECT_EQ(utf16_to_utf8(reversed), kFffd + kFffd);
  EXPECT_FALSE(is_valid_utf16(lone_high));
  EXPECT_FALSE(is_valid_utf16(lone_low));
  EXPECT_TRUE(is_valid_utf16(kGrin16));
  EXPECT_EQ(utf8_bytes_for_utf16(lone_high), 5u);
  EXPECT_EQ(utf16_code_points(lone_high), 3u);
}

TEST(UnicodeTest, IllFormedUtf8UsesMaximalSubparts) {
  // Stray continuation, C0/C1 leads and F5+ are one replacement each.
  EXPECT_EQ(utf8_to_utf16("a\x80z"), u"a\uFFFDz");
  EXPECT_EQ(utf8_to_utf16("\xC0\xAF"), u"\uFFFD\uFFFD");
  EXPECT_EQ(utf8_to_utf16("\xF5\x80"), u"\uFFFD\uFFFD");
  // Truncated sequences: the valid prefix is one subpart.
  EXPECT_EQ(utf8_to_utf16("\xE2\x82"), u"\uFFFD");
  EXPECT_EQ(utf8_to_utf16("\xF0\x9F\x98z"), u"\uFFFDz");
  // Overlong (E0 80..9F), encoded surrogate (ED A0..BF), above U+10FFFF (F4 90..).
  EXPECT_EQ(utf8_to_utf16("\xE0\x80\x80"), u"\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(utf8_to_utf16("\xED\xA0\x80"), u"\uFFFD\uFFFD\uFFFD");
  EXPECT_EQ(utf8_to_utf16("\xF4\x90\x80\x80"), u"\uFFFD\uFFFD\uFFFD\uFFFD");
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));
  EXPECT_FALSE(is_valid_utf8("\xE2\x82"));
  EXPECT_TRUE(is_valid_utf8("plain \xC3\xA9"));
  EXPECT_EQ(utf8_code_points("\xE0\x80\x80"), 3u);
  EXPECT_EQ(utf16_units_for_utf8("\xF0\x9F\x98z"), 2u);
}

TEST(UnicodeTest, SqlWcharBufferInterop) {
  const std::vector<std::uint16_t> buffer = {0x0048, 0xD83D, 0xDE00, 0x0000};
  EXPECT_EQ(utf16_length(buffer.data()), 3u);
  EXPECT_EQ(utf16_length(nullptr), 0u);
  EXPECT_EQ(utf16_to_utf8(buffer.data(), 3), "H" + kGrin);

  std::vector<std::uint16_t> out(4, 0xFFFF);
  copy_utf16(u"H\U0001F600", out.data(), 3);
  EXPECT_EQ(out, (std::vector<std::uint16_t>{0x0048, 0xD83D, 0xDE00, 0xFFFF}));
  copy_utf16(u"xy", out.data(), 10);  // never copies past the source
  EXPECT_EQ(out[0], u'x');
  EXPECT_EQ(out[2], 0xDE00);
}

TEST(UnicodeTest, Utf8TruncationNeverSplitsASequence) {
  const std::string text = "ab\xC3\xA9" + kGrin + "c";  // a b é 😀 c : 1 1 2 4 1 bytes
  EXPECT_EQ(utf8_truncation_point(text, 0), 0u);
  EXPECT_EQ(utf8_truncation_point(text, 2), 2u);
  EXPECT_EQ(utf8_truncation_point(text, 3), 2u);  // inside é
  EXPECT_EQ(utf8_truncation_point(text, 4), 4u);
  EXPECT_EQ(utf8_truncation_point(text, 5), 4u);  // inside 😀
  EXPECT_EQ(utf8_truncation_point(text, 7), 4u);
  EXPECT_EQ(utf8_truncation_point(text, 8), 8u);
  EXPECT_EQ(utf8_truncation_point(text, 9), 9u);
  EXPECT_EQ(utf8_truncation_point(text, 100), 9u);
}

TEST(UnicodeTest, Utf8TruncationTreatsIllFormedBytesAsTheirOwnUnits) {
  // E2 82 is a truncated sequence (one subpart) followed by 'z'.
  EXPECT_EQ(utf8_truncation_point("\xE2\x82z", 1), 0u);
  EXPECT_EQ(utf8_truncation_point("\xE2\x82z", 2), 2u);
  // E0 80: E0 alone is a subpart (80 is not allowed after E0), then 80 is a stray byte.
  EXPECT_EQ(utf8_truncation_point("\xE0\x80\x80", 1), 1u);
  EXPECT_EQ(utf8_truncation_point("\xE0\x80\x80", 2), 2u);
  // Runs of continuation bytes: each is a unit.
  EXPECT_EQ(utf8_truncation_point("\x80\x80\x80\x80\x80\x80", 5), 5u);
  EXPECT_EQ(utf8_truncation_point("a" + kGrin + "\x80", 5), 5u);
  EXPECT_EQ(utf8_truncation_point("a" + kGrin + "\x80", 4), 1u);
}

TEST(UnicodeTest, Utf16TruncationNeverSplitsASurrogatePair) {
  const std::u16string text = u"a\U0001F600b";  // a D83D DE00 b
  EXPECT_EQ(utf16_truncation_point(text, 1), 1u);
  EXPECT_EQ(utf16_truncation_point(text, 2), 1u);
  EXPECT_EQ(utf16_truncation_point(text, 3), 3u);
  EXPECT_EQ(utf16_truncation_point(text, 4), 4u);
  EXPECT_EQ(utf16_truncation_point(text, 0), 0u);
  // A lone high surrogate before a BMP unit may be cut after.
  const std::u16string lone = {char16_t(0xD83D), u'x'};
  EXPECT_EQ(utf16_truncation_point(lone, 1), 1u);
}
