// Backend messages: encode with the server-side codec, frame, parse, compare.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "wire/backend.hpp"
#include "wire/backend_encode.hpp"
#include "wire/framer.hpp"

namespace pgw::wire {
namespace {

constexpr std::size_t kMax = 1 << 20;

Frame only_frame(const Buffer& b) {
  auto f = next_frame(b, kMax);
  EXPECT_TRUE(f.has_value());
  EXPECT_EQ(f->total_size, b.size());
  return *f;
}

Buffer bytes(std::initializer_list<int> v) {
  Buffer b;
  for (int x : v) b.push_back(static_cast<std::byte>(x));
  return b;
}

std::string expect_08P01(auto&& fn) {
  try {
    fn();
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "08P01") << e.what();
    return e.what();
  }
  ADD_FAILURE() << "expected DriverError 08P01";
  return {};
}

TEST(WireBackend, AuthenticationVariants) {
  Buffer b;
  server::authentication_ok(b);
  EXPECT_EQ(b, bytes({'R', 0, 0, 0, 8, 0, 0, 0, 0}));
  auto f = only_frame(b);
  EXPECT_EQ(f.type, msg::Authentication);
  EXPECT_EQ(parse_authentication(f.body).code, AuthCode::Ok);

  b.clear();
  server::authentication_cleartext(b);
  EXPECT_EQ(parse_authentication(only_frame(b).body).code, AuthCode::CleartextPassword);

  b.clear();
  server::authentication_md5(b, {std::byte{1}, std::byte{2}, std::byte{3}, std::byte{0xff}});
  EXPECT_EQ(b, bytes({'R', 0, 0, 0, 12, 0, 0, 0, 5, 1, 2, 3, 0xff}));
  auto md5 = parse_authentication(only_frame(b).body);
  EXPECT_EQ(md5.code, AuthCode::MD5Password);
  EXPECT_EQ(md5.salt[3], std::byte{0xff});

  b.clear();
  const std::string_view mechs[] = {"SCRAM-SHA-256-PLUS", "SCRAM-SHA-256"};
  server::authentication_sasl(b, mechs);
  auto sasl = parse_authentication(only_frame(b).body);
  EXPECT_EQ(sasl.code, AuthCode::SASL);
  ASSERT_EQ(sasl.mechanisms.size(), 2u);
  EXPECT_EQ(sasl.mechanisms[0], "SCRAM-SHA-256-PLUS");
  EXPECT_EQ(sasl.mechanisms[1], "SCRAM-SHA-256");

  b.clear();
  server::authentication_sasl_continue(b, "r=abc,s=xyz,i=4096");
  auto cont = parse_authentication(only_frame(b).body);
  EXPECT_EQ(cont.code, AuthCode::SASLContinue);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(cont.data.data()), cont.data.size()),
            "r=abc,s=xyz,i=4096");

  b.clear();
  server::authentication_sasl_final(b, "v=xx");
  auto fin = parse_authentication(only_frame(b).body);
  EXPECT_EQ(fin.code, AuthCode::SASLFinal);
  EXPECT_EQ(fin.data.size(), 4u);

  b.clear();
  server::authentication_code(b, 7);
  EXPECT_EQ(parse_authentication(only_frame(b).body).code, AuthCode::GSS);
}

TEST(WireBackend, UnknownAuthenticationCodeRejected) {
  Buffer b;
  server::authentication_code(b, 99);
  auto msg = expect_08P01([&] { parse_authentication(only_frame(b).body); });
  EXPECT_NE(msg.find("99"), std::string::npos);
}

TEST(WireBackend, ParameterStatusAndKeyData) {
  Buffer b;
  server::parameter_status(b, "server_version", "15.4");
  auto p = parse_parameter_status(only_frame(b).body);
  EXPECT_EQ(p.name, "server_version");
  EXPECT_EQ(p.value, "15.4");

  b.clear();
  server::backend_key_data(b, 1234, -5);
  auto k = parse_backend_key_data(only_frame(b).body);
  EXPECT_EQ(k.process_id, 1234);
  EXPECT_EQ(k.secret_key, -5);
}

TEST(WireBackend, CockroachSingleInt64KeyData) {
  // One 64-bit value 0x0000000A_FFFFFFFE: pid = high half, secret = low half.
  auto b = bytes({'K', 0, 0, 0, 12, 0, 0, 0, 0x0a, 0xff, 0xff, 0xff, 0xfe});
  auto k = parse_backend_key_data(only_frame(b).body);
  EXPECT_EQ(k.process_id, 10);
  EXPECT_EQ(k.secret_key, -2);
}

TEST(WireBackend, ReadyForQuery) {
  for (char s : {'I', 'T', 'E'}) {
    Buffer b;
    server::ready_for_query(b, s);
    EXPECT_EQ(parse_ready_for_query(only_frame(b).body), s);
  }
  Buffer bad;
  server::ready_for_query(bad, 'X');
  expect_08P01([&] { parse_ready_for_query(only_frame(bad).body); });
}

TEST(WireBackend, RowDescription) {
  const FieldDescription in[] = {{"int8", 0, 0, 20, 8, -1, 0}, {"b", 16384, 2, 1042, -1, 12, 1}};
  Buffer b;
  server::row_description(b, in);
  std::vector<FieldDescription> out;
  parse_row_description(only_frame(b).body, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].name, "int8");
  EXPECT_EQ(out[0].type_oid, 20u);
  EXPECT_EQ(out[0].type_size, 8);
  EXPECT_EQ(out[0].type_modifier, -1);
  EXPECT_EQ(out[1].name, "b");
  EXPECT_EQ(out[1].table_oid, 16384u);
  EXPECT_EQ(out[1].column_number, 2);
  EXPECT_EQ(out[1].type_oid, 1042u);
  EXPECT_EQ(out[1].type_size, -1);
  EXPECT_EQ(out[1].type_modifier, 12);
  EXPECT_EQ(out[1].format, 1);
}

TEST(WireBackend, DataRowZeroCopyAndReuse) {
  const Column in[] = {{"hello   ", 8}, {nullptr, -1}, {"", 0}};
  Buffer b;
  server::data_row(b, in);
  auto f = only_frame(b);
  std::vector<Column> row;
  parse_data_row(f.body, row);
  ASSERT_EQ(row.size(), 3u);
  EXPECT_EQ(std::string(row[0].data, row[0].length), "hello   ");
  // Views point into the frame body, not into a copy.
  EXPECT_EQ(reinterpret_cast<const std::byte*>(row[0].data), f.body.data() + 2 + 4);
  EXPECT_EQ(row[1].length, -1);
  EXPECT_EQ(row[1].data, nullptr);
  EXPECT_EQ(row[2].length, 0);

  const auto* storage = row.data();
  const Column one[] = {{"1", 1}};
  Buffer b2;
  server::data_row(b2, one);
  parse_data_row(only_frame(b2).body, row);
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row.data(), storage);
  EXPECT_EQ(row[0].data[0], '1');
}

TEST(WireBackend, CommandCompleteAndEmptyMessages) {
  Buffer b;
  server::command_complete(b, "INSERT 0 5");
  EXPECT_EQ(parse_command_complete(only_frame(b).body), "INSERT 0 5");

  using Enc = void (*)(Buffer&);
  const std::pair<Enc, char> empties[] = {{server::empty_query_response, msg::EmptyQueryResponse},
                                          {server::no_data, msg::NoData},
                                          {server::parse_complete, msg::ParseComplete},
                                          {server::bind_complete, msg::BindComplete},
                                          {server::close_complete, msg::CloseComplete},
                                          {server::portal_suspended, msg::PortalSuspended},
                                          {server::copy_done, msg::CopyDone}};
  for (auto [enc, type] : empties) {
    Buffer e;
    enc(e);
    auto f = only_frame(e);
    EXPECT_EQ(f.type, type);
    EXPECT_NO_THROW(parse_empty(f.body, "x"));
  }
  auto nonempty = bytes({'1', 0, 0, 0, 5, 0});
  expect_08P01([&] { parse_empty(only_frame(nonempty).body, "ParseComplete"); });
}

TEST(WireBackend, ErrorResponseAllFields) {
  ServerFields in;
  in.severity = "ERROR";
  in.sqlstate = "22012";
  in.message = "division by zero";
  in.detail = "d";
  in.hint = "h";
  in.position = "8";
  in.internal_position = "3";
  in.internal_query = "iq";
  in.where = "w";
  in.schema_name = "public";
  in.table_name = "t";
  in.column_name = "c";
  in.data_type_name = "int4";
  in.constraint_name = "pk";
  in.file = "int.c";
  in.line = "841";
  in.routine = "int4div";
  Buffer b;
  server::error_fields(b, 'E', in);
  auto f = only_frame(b);
  EXPECT_EQ(f.type, msg::ErrorResponse);
  ServerFields out = parse_error_fields(f.body);
  EXPECT_EQ(out.severity, "ERROR");
  EXPECT_EQ(out.sqlstate, "22012");
  EXPECT_EQ(out.message, "division by zero");
  EXPECT_EQ(out.detail, "d");
  EXPECT_EQ(out.hint, "h");
  EXPECT_EQ(out.position, "8");
  EXPECT_EQ(out.internal_position, "3");
  EXPECT_EQ(out.internal_query, "iq");
  EXPECT_EQ(out.where, "w");
  EXPECT_EQ(out.schema_name, "public");
  EXPECT_EQ(out.table_name, "t");
  EXPECT_EQ(out.column_name, "c");
  EXPECT_EQ(out.data_type_name, "int4");
  EXPECT_EQ(out.constraint_name, "pk");
  EXPECT_EQ(out.file, "int.c");
  EXPECT_EQ(out.line, "841");
  EXPECT_EQ(out.routine, "int4div");
}

TEST(WireBackend, ErrorResponseUnknownFieldIgnoredAndLocalizedSeverity) {
  // S=FEHLER (localized only), Z=future field, M=msg
  auto b = bytes({'N', 0, 0,   0,   21, 'S', 'F', 'E', 'H', 'L', 'E',
                  'R', 0, 'Z', 'x', 0,  'M', 'm', 's', 'g', 0,   0});
  ServerFields f = parse_error_fields(only_frame(b).body, "NoticeResponse");
  EXPECT_EQ(f.severity, "FEHLER");
  EXPECT_EQ(f.message, "msg");
  EXPECT_TRUE(f.sqlstate.empty());
}

TEST(WireBackend, ParameterDescription) {
  const std::uint32_t oids[] = {23, 25, 4294967295u};
  Buffer b;
  server::parameter_description(b, oids);
  std::vector<std::uint32_t> out;
  parse_parameter_description(only_frame(b).body, out);
  EXPECT_EQ(out, (std::vector<std::uint32_t>{23, 25, 4294967295u}));
}

TEST(WireBackend, CopyResponsesAndData) {
  const std::int16_t fmts[] = {0, 1};
  for (char t : {msg::CopyInResponse, msg::CopyOutResponse, msg::CopyBothResponse}) {
    Buffer b;
    server::copy_response(b, t, 1, fmts);
    auto f = only_frame(b);
    EXPECT_EQ(f.type, t);
    auto c = parse_copy_response(f.body);
    EXPECT_EQ(c.format, 1);
    EXPECT_EQ(c.column_formats, (std::vector<std::int16_t>{0, 1}));
  }
  const std::byte d[] = {std::byte{'a'}, std::byte{'\n'}};
  Buffer b;
  server::copy_data(b, d);
  auto f = only_frame(b);
  EXPECT_EQ(f.type, msg::CopyData);
  EXPECT_EQ(f.body.size(), 2u);
  EXPECT_EQ(f.body[1], std::byte{'\n'});
}

TEST(WireBackend, NegotiateProtocolVersionAndNotification) {
  const std::string_view opts[] = {"_pq_.foo", "_pq_.bar"};
  Buffer b;
  server::negotiate_protocol_version(b, 0, opts);
  auto v = parse_negotiate_protocol_version(only_frame(b).body);
  EXPECT_EQ(v.newest_minor, 0);
  ASSERT_EQ(v.unsupported_options.size(), 2u);
  EXPECT_EQ(v.unsupported_options[1], "_pq_.bar");

  b.clear();
  server::notification_response(b, 77, "chan", "payload");
  auto n = parse_notification(only_frame(b).body);
  EXPECT_EQ(n.process_id, 77);
  EXPECT_EQ(n.channel, "chan");
  EXPECT_EQ(n.payload, "payload");
}

}  // namespace
}  // namespace pgw::wire
