// Frontend messages survive encode -> server-side decode unchanged (the stand-in servers rely on
// it).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "wire/framer.hpp"
#include "wire/frontend.hpp"
#include "wire/frontend_decode.hpp"

namespace pgw::wire {
namespace {

Frame frame_of(const Buffer& b, char type) {
  auto f = next_frame(b, 1 << 20);
  EXPECT_TRUE(f.has_value());
  EXPECT_EQ(f->type, type);
  EXPECT_EQ(f->total_size, b.size());
  return *f;
}

TEST(WireFrontendDecode, Startup) {
  std::vector<std::pair<std::string, std::string>> params{{"user", "u"}, {"options", "-c x=1"}};
  Buffer b;
  encode(b, StartupMessage{params});
  for (std::size_t n = 0; n < b.size(); ++n)
    EXPECT_FALSE(server::next_startup_frame(std::span(b).first(n), 1000).has_value());
  auto f = server::next_startup_frame(b, 1000);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->code, kProtocol30);
  EXPECT_EQ(f->total_size, b.size());
  auto p = server::parse_startup_params(f->body);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[1].first, "options");
  EXPECT_EQ(p[1].second, "-c x=1");

  b.clear();
  encode(b, SSLRequest{});
  EXPECT_EQ(server::next_startup_frame(b, 1000)->code, kSslRequestCode);

  b.clear();
  encode(b, CancelRequest{7, 8});
  f = server::next_startup_frame(b, 1000);
  EXPECT_EQ(f->code, kCancelRequestCode);
  auto c = server::parse_cancel_request(f->body);
  EXPECT_EQ(c.process_id, 7);
  EXPECT_EQ(c.secret_key, 8);
}

TEST(WireFrontendDecode, ExtendedProtocol) {
  const std::uint32_t oids[] = {23, 0};
  const std::int16_t pf[] = {0, 1};
  const Param params[] = {{"5", 1}, {nullptr, -1}};
  const std::int16_t rf[] = {1};
  Buffer b;
  encode(b, Parse{"st", "SELECT $1, $2", oids});
  std::vector<std::uint32_t> o;
  auto p = server::parse_parse(frame_of(b, 'P').body, o);
  EXPECT_EQ(p.statement, "st");
  EXPECT_EQ(p.sql, "SELECT $1, $2");
  EXPECT_EQ(o, (std::vector<std::uint32_t>{23, 0}));

  b.clear();
  encode(b, Bind{"po", "st", pf, params, rf});
  std::vector<std::int16_t> dpf, drf;
  std::vector<Param> dp;
  auto bind = server::parse_bind(frame_of(b, 'B').body, dpf, dp, drf);
  EXPECT_EQ(bind.portal, "po");
  EXPECT_EQ(bind.statement, "st");
  EXPECT_EQ(dpf, (std::vector<std::int16_t>{0, 1}));
  ASSERT_EQ(dp.size(), 2u);
  EXPECT_EQ(std::string(dp[0].data, dp[0].length), "5");
  EXPECT_EQ(dp[1].length, -1);
  EXPECT_EQ(drf, (std::vector<std::int16_t>{1}));

  b.clear();
  encode(b, Describe{Target::Portal, "po"});
  auto d = server::parse_describe(frame_of(b, 'D').body);
  EXPECT_EQ(d.target, Target::Portal);
  EXPECT_EQ(d.name, "po");

  b.clear();
  encode(b, Execute{"po", 50});
  auto e = server::parse_execute(frame_of(b, 'E').body);
  EXPECT_EQ(e.portal, "po");
  EXPECT_EQ(e.max_rows, 50);

  b.clear();
  encode(b, Close{Target::Statement, "st"});
  auto cl = server::parse_close(frame_of(b, 'C').body);
  EXPECT_EQ(cl.target, Target::Statement);
  EXPECT_EQ(cl.name, "st");
}

TEST(WireFrontendDecode, AuthAndCopyMessages) {
  Buffer b;
  encode(b, Query{"SELECT 1"});
  EXPECT_EQ(server::parse_query(frame_of(b, 'Q').body).sql, "SELECT 1");
  b.clear();
  encode(b, PasswordMessage{"md5abc"});
  EXPECT_EQ(server::parse_password(frame_of(b, 'p').body).password, "md5abc");
  b.clear();
  encode(b, SASLInitialResponse{"SCRAM-SHA-256", "n,,n=,r=abc"});
  auto s = server::parse_sasl_initial_response(frame_of(b, 'p').body);
  EXPECT_EQ(s.mechanism, "SCRAM-SHA-256");
  EXPECT_EQ(s.data, "n,,n=,r=abc");
  b.clear();
  encode(b, CopyFail{"why"});
  EXPECT_EQ(server::parse_copy_fail(frame_of(b, 'f').body).message, "why");
}

TEST(WireFrontendDecode, MalformedFromClient) {
  Buffer b;
  encode(b, Describe{Target::Portal, "x"});
  auto f = frame_of(b, 'D');
  std::vector<std::byte> body(f.body.begin(), f.body.end());
  body[0] = std::byte{'Q'};
  try {
    server::parse_describe(body);
    FAIL();
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "08P01");
    EXPECT_NE(std::string(e.what()).find("from client"), std::string::npos);
  }
  const std::byte bad_len[] = {std::byte{0}, std::byte{0}, std::byte{0}, std::byte{4}};
  EXPECT_THROW(server::next_startup_frame(bad_len, 100), DriverError);
}

}  // namespace
}  // namespace pgw::wire
