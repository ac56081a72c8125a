// Golden bytes for every frontend message, computed by hand from the protocol documentation.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "wire/frontend.hpp"

namespace pgw::wire {
namespace {

std::string hex(const Buffer& b) {
  static const char digits[] = "0123456789abcdef";
  std::string s;
  for (std::byte x : b) {
    const auto v = std::to_integer<unsigned>(x);
    s += digits[v >> 4];
    s += digits[v & 15];
  }
  return s;
}

template <typename M>
std::string enc(const M& m) {
  Buffer b;
  encode(b, m);
  return hex(b);
}

TEST(WireFrontend, StartupMessage) {
  std::vector<std::pair<std::string, std::string>> params{{"user", "bob"}, {"database", "db"}};
  // len 4 + code 4 + "user\0bob\0" 9 + "database\0db\0" 12 + terminator 1 = 30 = 0x1e
  EXPECT_EQ(enc(StartupMessage{params}),
            "0000001e"
            "00030000"
            "7573657200"
            "626f6200"
            "646174616261736500"
            "646200"
            "00");
}

TEST(WireFrontend, SSLRequest) {
  EXPECT_EQ(enc(SSLRequest{}), "0000000804d2162f");
}

TEST(WireFrontend, CancelRequest) {
  EXPECT_EQ(enc(CancelRequest{0x01020304, -2}), "0000001004d2162e01020304fffffffe");
}

TEST(WireFrontend, PasswordMessage) {
  EXPECT_EQ(enc(PasswordMessage{"pw"}),
            "70"
            "00000007"
            "707700");
}

TEST(WireFrontend, SASLInitialResponse) {
  // "SCRAM-SHA-256\0" 14 + int32 3 + "abc" 3 + length 4 = 25
  EXPECT_EQ(enc(SASLInitialResponse{"SCRAM-SHA-256", "abc"}),
            "70"
            "00000019"
            "534352414d2d5348412d32353600"
            "00000003"
            "616263");
}

TEST(WireFrontend, SASLResponse) {
  EXPECT_EQ(enc(SASLResponse{"xy"}),
            "70"
            "00000006"
            "7879");
}

TEST(WireFrontend, Query) {
  EXPECT_EQ(enc(Query{"SELECT 1"}),
            "51"
            "0000000d"
            "53454c454354203100");
}

TEST(WireFrontend, Parse) {
  const std::uint32_t oids[] = {23, 25};
  // "s1\0" 3 + "q\0" 2 + count 2 + 8 + 4 = 19
  EXPECT_EQ(enc(Parse{"s1", "q", oids}),
            "50"
            "00000013"
            "733100"
            "7100"
            "0002"
            "00000017"
            "00000019");
}

TEST(WireFrontend, Bind) {
  const std::int16_t pf[] = {1};
  const Param params[] = {{"ab", 2}, {nullptr, -1}, {"", 0}};
  const std::int16_t rf[] = {0, 1};
  // len 4 + "p\0" 2 + "s\0" 2 + 2+2 + 2 + (4+2) + 4 + 4 + 2+4 = 34 = 0x22
  EXPECT_EQ(enc(Bind{"p", "s", pf, params, rf}),
            "42"
            "00000022"
            "7000"
            "7300"
            "0001"
            "0001"
            "0003"
            "00000002"
            "6162"
            "ffffffff"
            "00000000"
            "0002"
            "0000"
            "0001");
}

TEST(WireFrontend, BindTemplateMatchesStruct) {
  struct Other {
    const char* data;
    std::int32_t length;
  };
  const Other o[] = {{"x", 1}};
  const Param p[] = {{"x", 1}};
  Buffer a, b;
  encode_bind<Other>(a, "", "", {}, o, {});
  encode(b, Bind{"", "", {}, p, {}});
  EXPECT_EQ(a, b);
}

TEST(WireFrontend, Describe) {
  EXPECT_EQ(enc(Describe{Target::Statement, "s"}),
            "44"
            "00000007"
            "53"
            "7300");
  EXPECT_EQ(enc(Describe{Target::Portal, ""}),
            "44"
            "00000006"
            "50"
            "00");
}

TEST(WireFrontend, Execute) {
  EXPECT_EQ(enc(Execute{"", 100}),
            "45"
            "00000009"
            "00"
            "00000064");
}

TEST(WireFrontend, Close) {
  EXPECT_EQ(enc(Close{Target::Statement, "s"}),
            "43"
            "00000007"
            "53"
            "7300");
  EXPECT_EQ(enc(Close{Target::Portal, "p"}),
            "43"
            "00000007"
            "50"
            "7000");
}

TEST(WireFrontend, EmptyMessages) {
  EXPECT_EQ(enc(Sync{}), "5300000004");
  EXPECT_EQ(enc(Flush{}), "4800000004");
  EXPECT_EQ(enc(CopyDone{}), "6300000004");
  EXPECT_EQ(enc(Terminate{}), "5800000004");
}

TEST(WireFrontend, CopyData) {
  const std::byte d[] = {std::byte{0}, std::byte{0xff}};
  EXPECT_EQ(enc(CopyData{d}),
            "64"
            "00000006"
            "00ff");
}

TEST(WireFrontend, CopyFail) {
  EXPECT_EQ(enc(CopyFail{"no"}),
            "66"
            "00000007"
            "6e6f00");
}

TEST(WireFrontend, AppendsToExistingBuffer) {
  Buffer b;
  encode(b, Sync{});
  encode(b, Query{""});
  EXPECT_EQ(hex(b),
            "5300000004"
            "510000000500");
}

TEST(WireFrontend, EmbeddedNulRejectedAndBufferRestored) {
  Buffer b;
  encode(b, Sync{});
  try {
    encode(b, Query{std::string_view("a\0b", 3)});
    FAIL() << "expected DriverError";
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "22021");
  }
  EXPECT_EQ(hex(b), "5300000004");
}

TEST(WireFrontend, TooManyParametersRejected) {
  std::vector<Param> params(65536, Param{"", 0});
  Buffer b;
  try {
    encode(b, Bind{"", "", {}, params, {}});
    FAIL() << "expected DriverError";
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "54000");
  }
  EXPECT_TRUE(b.empty());
}

TEST(WireFrontend, HotPathEncodersDoNotReallocateWarmBuffer) {
  const Param params[] = {{"12345", 5}};
  Buffer b;
  b.reserve(4096);
  const auto* before = b.data();
  for (int i = 0; i < 20; ++i) {
    b.clear();
    encode(b, Bind{"", "s", {}, params, {}});
    encode(b, Execute{"", 0});
    encode(b, Sync{});
  }
  EXPECT_EQ(b.data(), before);
  EXPECT_EQ(b.capacity(), 4096u);
}

}  // namespace
}  // namespace pgw::wire
