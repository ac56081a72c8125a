// write_string / utf8_from: the rules every string output of the driver follows.
#include <gtest/gtest.h>

#include <cstring>

#include "odbc/diagnostics.hpp"
#include "odbc/strings.hpp"

namespace pgw::odbc {
namespace {

// "aé€😀": 1 + 2 + 3 + 4 UTF-8 bytes; 1 + 1 + 1 + 2 UTF-16 units.
const std::string kMixed = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";

TEST(WriteString, Utf8FitsAndReportsLengthWithoutTerminator) {
  char buf[16];
  std::memset(buf, 'x', sizeof buf);
  StringOutResult r = write_string(StringOut{buf, 16, Encoding::Utf8, LengthUnit::Bytes}, "hello");
  EXPECT_EQ(r.full_length, 5);
  EXPECT_FALSE(r.truncated);
  EXPECT_STREQ(buf, "hello");
}

TEST(WriteString, Utf8ExactlyCapacityIsTruncatedForTheTerminator) {
  char buf[5];
  StringOutResult r = write_string(StringOut{buf, 5, Encoding::Utf8, LengthUnit::Bytes}, "hello");
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.full_length, 5);
  EXPECT_STREQ(buf, "hell");
}

TEST(WriteString, Utf8NeverCutsInsideASequence) {
  char buf[8];
  // Room for 7 bytes: "aé€" is 6, the emoji needs 4 -> cut after the euro sign.
  StringOutResult r = write_string(StringOut{buf, 8, Encoding::Utf8, LengthUnit::Bytes}, kMixed);
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.full_length, 10);
  EXPECT_STREQ(buf, "a\xC3\xA9\xE2\x82\xAC");
  // Room for 2 bytes: "a" plus half of "é" -> only "a".
  r = write_string(StringOut{buf, 3, Encoding::Utf8, LengthUnit::Bytes}, kMixed);
  EXPECT_STREQ(buf, "a");
}

TEST(WriteString, NullBufferGivesLengthOnlyAndNoTruncation) {
  StringOutResult r =
      write_string(StringOut{nullptr, 0, Encoding::Utf16, LengthUnit::Bytes}, kMixed);
  EXPECT_EQ(r.full_length, 10);  // 5 units * 2 bytes
  EXPECT_FALSE(r.truncated);
  r = write_string(StringOut{nullptr, 0, Encoding::Utf16, LengthUnit::Chars}, kMixed);
  EXPECT_EQ(r.full_length, 5);
}

TEST(WriteString, ZeroCapacityWithABufferIsTruncatedAndWritesNothing) {
  char buf[2] = {'x', 'x'};
  StringOutResult r = write_string(StringOut{buf, 0, Encoding::Utf8, LengthUnit::Bytes}, "a");
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(buf[0], 'x');
}

TEST(WriteString, Utf16InCharacters) {
  SQLWCHAR buf[8];
  StringOutResult r = write_string(StringOut{buf, 8, Encoding::Utf16, LengthUnit::Chars}, kMixed);
  EXPECT_FALSE(r.truncated);
  EXPECT_EQ(r.full_length, 5);
  const SQLWCHAR expected[] = {u'a', 0x00E9, 0x20AC, 0xD83D, 0xDE00, 0};
  for (int i = 0; i < 6; ++i) EXPECT_EQ(buf[i], expected[i]) << i;
}

TEST(WriteString, Utf16NeverSplitsASurrogatePair) {
  SQLWCHAR buf[8];
  // 5 characters of room: 4 units fit before the terminator, but the 4th is a high surrogate.
  StringOutResult r = write_string(StringOut{buf, 5, Encoding::Utf16, LengthUnit::Chars}, kMixed);
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.full_length, 5);
  EXPECT_EQ(buf[2], 0x20AC);
  EXPECT_EQ(buf[3], 0);
}

TEST(WriteString, Utf16InBytesCountsBytesAndIgnoresAnOddByte) {
  SQLWCHAR buf[8];
  // 7 bytes = 3 whole units: 2 characters and the terminator.
  StringOutResult r = write_string(StringOut{buf, 7, Encoding::Utf16, LengthUnit::Bytes}, "abcd");
  EXPECT_TRUE(r.truncated);
  EXPECT_EQ(r.full_length, 8);
  EXPECT_EQ(buf[0], u'a');
  EXPECT_EQ(buf[1], u'b');
  EXPECT_EQ(buf[2], 0);
  r = write_string(StringOut{buf, 10, Encoding::Utf16, LengthUnit::Bytes}, "abcd");
  EXPECT_FALSE(r.truncated);
}

TEST(WriteString, DiagnosticVariantStoresLengthAndPosts01004) {
  Diagnostics diag;
  char buf[4];
  SQLSMALLINT len = 0;
  EXPECT_FALSE(
      write_string(StringOut{buf, 4, Encoding::Utf8, LengthUnit::Bytes}, "abc", &len, diag));
  EXPECT_EQ(len, 3);
  EXPECT_TRUE(diag.empty());
  SQLINTEGER len32 = 0;
  EXPECT_TRUE(
      write_string(StringOut{buf, 4, Encoding::Utf8, LengthUnit::Bytes}, "abcdef", &len32, diag));
  EXPECT_EQ(len32, 6);
  ASSERT_EQ(diag.records().size(), 1u);
  EXPECT_EQ(diag.records()[0].sqlstate, "01004");
  EXPECT_FALSE(diag.has_errors());
}

TEST(WriteString, HugeLengthsClampToTheLengthType) {
  Diagnostics diag;
  SQLSMALLINT len = 0;
  write_string(StringOut{nullptr, 0, Encoding::Utf8, LengthUnit::Bytes}, std::string(40000, 'x'),
               &len, diag);
  EXPECT_EQ(len, 32767);
}

TEST(Utf8From, AnsiWithLengthOrNts) {
  const SQLCHAR text[] = "hello";
  EXPECT_EQ(utf8_from(text, SQL_NTS), "hello");
  EXPECT_EQ(utf8_from(text, 3), "hel");
  EXPECT_EQ(utf8_from(static_cast<const SQLCHAR*>(nullptr), SQL_NTS), "");
}

TEST(Utf8From, WideWithLengthInUnitsOrNts) {
  const SQLWCHAR text[] = {u'a', 0x00E9, 0xD83D, 0xDE00, 0};
  EXPECT_EQ(utf8_from(text, SQL_NTS), "a\xC3\xA9\xF0\x9F\x98\x80");
  EXPECT_EQ(utf8_from(text, 2), "a\xC3\xA9");
}

TEST(Utf8From, NegativeLengthIsHY090) {
  const SQLCHAR text[] = "x";
  try {
    utf8_from(text, -5);
    FAIL() << "no exception";
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "HY090");
  }
}

}  // namespace
}  // namespace pgw::odbc
