// Every parser must reject truncated bodies and trailing garbage with 08P01, never read past the
// body (run under ASan/UBSan with -DPGW_SANITIZE=ON to check the "never" part).
#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "wire/backend.hpp"
#include "wire/backend_encode.hpp"
#include "wire/framer.hpp"

namespace pgw::wire {
namespace {

struct Case {
  std::string name;
  Buffer message;
  std::function<void(std::span<const std::byte>)> parse;
};

std::vector<Case> cases() {
  std::vector<Case> c;
  auto add = [&c](std::string name, auto encode,
                  std::function<void(std::span<const std::byte>)> parse) {
    Buffer b;
    encode(b);
    c.push_back({std::move(name), std::move(b), std::move(parse)});
  };
  auto auth = [](std::span<const std::byte> b) { parse_authentication(b); };
  add(
      "AuthOk", [](Buffer& b) { server::authentication_ok(b); }, auth);
  add(
      "AuthMD5", [](Buffer& b) { server::authentication_md5(b, {}); }, auth);
  add(
      "AuthSASL",
      [](Buffer& b) {
        const std::string_view m[] = {"SCRAM-SHA-256"};
        server::authentication_sasl(b, m);
      },
      auth);
  add(
      "ParameterStatus", [](Buffer& b) { server::parameter_status(b, "a", "b"); },
      [](auto b) { parse_parameter_status(b); });
  add(
      "BackendKeyData", [](Buffer& b) { server::backend_key_data(b, 1, 2); },
      [](auto b) { parse_backend_key_data(b); });
  add(
      "ReadyForQuery", [](Buffer& b) { server::ready_for_query(b, 'I'); },
      [](auto b) { parse_ready_for_query(b); });
  add(
      "RowDescription",
      [](Buffer& b) {
        const FieldDescription f[] = {{"a", 1, 2, 3, 4, 5, 0}, {"bb", 1, 2, 3, 4, 5, 1}};
        server::row_description(b, f);
      },
      [](auto b) {
        std::vector<FieldDescription> out;
        parse_row_description(b, out);
      });
  add(
      "DataRow",
      [](Buffer& b) {
        const Column cols[] = {{"abc", 3}, {nullptr, -1}, {"", 0}};
        server::data_row(b, cols);
      },
      [](auto b) {
        std::vector<Column> out;
        parse_data_row(b, out);
      });
  add(
      "CommandComplete", [](Buffer& b) { server::command_complete(b, "SELECT 1"); },
      [](auto b) { parse_command_complete(b); });
  add(
      "ErrorResponse",
      [](Buffer& b) {
        ServerFields f;
        f.severity = "ERROR";
        f.sqlstate = "42P01";
        f.message = "m";
        server::error_fields(b, 'E', f);
      },
      [](auto b) { parse_error_fields(b); });
  add(
      "ParameterDescription",
      [](Buffer& b) {
        const std::uint32_t o[] = {23, 25};
        server::parameter_description(b, o);
      },
      [](auto b) {
        std::vector<std::uint32_t> out;
        parse_parameter_description(b, out);
      });
  add(
      "CopyOutResponse",
      [](Buffer& b) {
        const std::int16_t f[] = {0, 0};
        server::copy_response(b, 'H', 0, f);
      },
      [](auto b) { parse_copy_response(b); });
  add(
      "NegotiateProtocolVersion",
      [](Buffer& b) {
        const std::string_view o[] = {"_pq_.x"};
        server::negotiate_protocol_version(b, 0, o);
      },
      [](auto b) { parse_negotiate_protocol_version(b); });
  add(
      "NotificationResponse", [](Buffer& b) { server::notification_response(b, 1, "c", "p"); },
      [](auto b) { parse_notification(b); });
  return c;
}

void expect_malformed(const Case& c, std::span<const std::byte> body, const std::string& what) {
  try {
    c.parse(body);
    ADD_FAILURE() << c.name << ": accepted " << what;
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "08P01") << c.name;
    EXPECT_NE(std::string(e.what()).find("malformed"), std::string::npos)
        << c.name << ": " << e.what();
  }
}

TEST(WireMalformed, EveryTruncationRejected) {
  for (const auto& c : cases()) {
    auto f = next_frame(c.message, 1 << 20);
    ASSERT_TRUE(f.has_value()) << c.name;
    EXPECT_NO_THROW(c.parse(f->body)) << c.name;
    for (std::size_t n = 0; n < f->body.size(); ++n) {
      // A copy of exactly n bytes, so a read past it is caught by ASan.
      std::vector<std::byte> prefix(f->body.begin(),
                                    f->body.begin() + static_cast<std::ptrdiff_t>(n));
      expect_malformed(c, prefix, "a body truncated to " + std::to_string(n) + " bytes");
    }
  }
}

TEST(WireMalformed, TrailingGarbageRejected) {
  for (const auto& c : cases()) {
    auto f = next_frame(c.message, 1 << 20);
    ASSERT_TRUE(f.has_value());
    std::vector<std::byte> longer(f->body.begin(), f->body.end());
    longer.push_back(std::byte{'x'});
    expect_malformed(c, longer, "a trailing byte");
  }
}

Buffer bytes(std::initializer_list<int> v) {
  Buffer b;
  for (int x : v) b.push_back(static_cast<std::byte>(x));
  return b;
}

TEST(WireMalformed, SpecificGarbage) {
  std::vector<Column> row;
  // Column count claims 1000 columns in a 6-byte body.
  EXPECT_THROW(parse_data_row(bytes({0x03, 0xE8, 0, 0, 0, 0}), row), DriverError);
  // Column length -2.
  EXPECT_THROW(parse_data_row(bytes({0, 1, 0xff, 0xff, 0xff, 0xfe}), row), DriverError);
  // Column length larger than the rest of the body.
  EXPECT_THROW(parse_data_row(bytes({0, 1, 0x7f, 0xff, 0xff, 0xff, 'a'}), row), DriverError);
  // SASL with an empty mechanism list.
  EXPECT_THROW(parse_authentication(bytes({0, 0, 0, 10, 0})), DriverError);
  // Copy response with format 2.
  EXPECT_THROW(parse_copy_response(bytes({2, 0, 0})), DriverError);
  // NegotiateProtocolVersion with a negative option count.
  EXPECT_THROW(parse_negotiate_protocol_version(bytes({0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff})),
               DriverError);
  // ErrorResponse with a field but no final terminator.
  EXPECT_THROW(parse_error_fields(bytes({'M', 'x', 0})), DriverError);
}

}  // namespace
}  // namespace pgw::wire
