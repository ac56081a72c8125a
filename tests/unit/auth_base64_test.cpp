#include <gtest/gtest.h>

#include <string>

#include "auth/base64.hpp"

namespace pgw::auth {
namespace {

std::string decoded(std::string_view text) {
  const auto bytes = base64_decode(text);
  if (!bytes) return "<invalid>";
  return std::string(reinterpret_cast<const char*>(bytes->data()), bytes->size());
}

// RFC 4648 section 10.
TEST(AuthBase64, Rfc4648Vectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base64_encode(std::string_view(plain)), encoded);
    EXPECT_EQ(decoded(encoded), plain);
  }
}

TEST(AuthBase64, AllByteValuesRoundTrip) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  EXPECT_EQ(decoded(base64_encode(all)), all);
}

TEST(AuthBase64, NonCanonicalInputRejected) {
  for (const char* bad : {"Zg=", "Zg", "Zh==", "Zm9=", "Z===", "Zg==Zg==", "Zm 9v", "Zm9v\n",
                          "=Zm9", "Zm-v", "Zm_v"}) {
    EXPECT_EQ(decoded(bad), "<invalid>") << bad;
  }
}

}  // namespace
}  // namespace pgw::auth
