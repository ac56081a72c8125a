#include <gtest/gtest.h>

#include <array>

#include "auth/md5_password.hpp"

namespace pgw::auth {
namespace {

// Expected values computed with Python's hashlib.
TEST(AuthMd5, KnownVector) {
  const std::array<std::byte, 4> salt = {std::byte{1}, std::byte{2}, std::byte{3}, std::byte{4}};
  EXPECT_EQ(md5_password("postgres", "secret", salt), "md5bb41a296aab6baccb36ff243a562abff");
}

TEST(AuthMd5, HighBitSaltAndUtf8Password) {
  const std::array<std::byte, 4> salt = {std::byte{0xFF}, std::byte{0x00}, std::byte{0x7F},
                                         std::byte{0x80}};
  EXPECT_EQ(md5_password("alice", "p\xC3\xA4ss", salt), "md5b1862132e5cff922b3e77b46a5b2e3dc");
}

}  // namespace
}  // namespace pgw::auth
