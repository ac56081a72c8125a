#include <gtest/gtest.h>

#include "auth/saslprep.hpp"

namespace pgw::auth {
namespace {

TEST(AuthSaslprep, AsciiUnchangedEvenWithControlCharacters) {
  EXPECT_EQ(saslprep_password("pencil"), "pencil");
  EXPECT_EQ(saslprep_password("a\tb"), "a\tb");
  EXPECT_EQ(saslprep_password(""), "");
}

TEST(AuthSaslprep, NonAsciiSpacesBecomeSpace) {
  EXPECT_EQ(saslprep_password("a\xC2\xA0"
                              "b\xE3\x80\x80"
                              "c"),
            "a b c");  // U+00A0, U+3000
  EXPECT_EQ(saslprep_password("a\xE2\x80\x8B"
                              "b"),
            "a b");  // U+200B is a space first
}

TEST(AuthSaslprep, MappedToNothingRemoved) {
  EXPECT_EQ(saslprep_password("I\xC2\xAD"
                              "X"),
            "IX");  // U+00AD soft hyphen (RFC 4013 example)
  EXPECT_EQ(saslprep_password("\xEF\xBB\xBF"
                              "p\xC3\xA9"),
            "p\xC3\xA9");  // BOM removed, é kept
}

TEST(AuthSaslprep, OrdinaryNonAsciiKept) {
  EXPECT_EQ(saslprep_password("p\xC3\xA4ss\xE2\x82\xAC"), "p\xC3\xA4ss\xE2\x82\xAC");
}

TEST(AuthSaslprep, FallsBackToRawBytes) {
  EXPECT_EQ(saslprep_password("\xC3\xA9\x07"), "\xC3\xA9\x07");  // C.2.1 control
  EXPECT_EQ(saslprep_password("\xC3\xA9\xEE\x80\x80"),
            "\xC3\xA9\xEE\x80\x80");  // U+E000 private use
  EXPECT_EQ(saslprep_password("\xC2\xA0\xEF\xBF\xBE"),
            "\xC2\xA0\xEF\xBF\xBE");                                     // U+FFFE non-character
  EXPECT_EQ(saslprep_password("\xC2\xAD"), "\xC2\xAD");                  // empty after mapping
  EXPECT_EQ(saslprep_password("\xC3\x28\xC2\xA0"), "\xC3\x28\xC2\xA0");  // invalid UTF-8
  EXPECT_EQ(saslprep_password("\xC0\xAF\xC2\xA0"), "\xC0\xAF\xC2\xA0");  // overlong
  EXPECT_EQ(saslprep_password("\xED\xA0\x80\xC2\xA0"), "\xED\xA0\x80\xC2\xA0");  // surrogate
  EXPECT_EQ(saslprep_password("\xC2\xA0\xE2\x82"), "\xC2\xA0\xE2\x82");          // truncated
}

}  // namespace
}  // namespace pgw::auth
