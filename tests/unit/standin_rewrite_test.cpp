// The stand-in's type and error rewriting (tests/standin).
#include <gtest/gtest.h>

#include <string>

#include "error_fields.hpp"
#include "type_rewrite.hpp"
#include "vendor_errors.hpp"
#include "wire/backend_encode.hpp"
#include "wire/framer.hpp"

namespace pgw::standin {
namespace {

std::span<const std::byte> body_of(const wire::Buffer& b) {
  auto f = wire::next_frame(b, 1 << 20);
  if (!f) throw std::runtime_error("no frame");
  return f->body;
}

wire::FieldDescription field(std::uint32_t type, std::int16_t size, std::int32_t mod) {
  wire::FieldDescription f;
  f.name = "c";
  f.type_oid = type;
  f.type_size = size;
  f.type_modifier = mod;
  return f;
}

TEST(StandinTypes, CockroachReportsInt4AsInt8AndJsonAsJsonb) {
  auto f = field(oid::kInt4, 4, -1);
  rewrite_field(Vendor::CockroachDB, f);
  EXPECT_EQ(f.type_oid, 20u);
  EXPECT_EQ(f.type_size, 8);
  auto j = field(oid::kJson, -1, -1);
  rewrite_field(Vendor::CockroachDB, j);
  EXPECT_EQ(j.type_oid, 3802u);
  EXPECT_EQ(j.type_size, -1);
  auto t = field(oid::kText, -1, -1);
  rewrite_field(Vendor::CockroachDB, t);
  EXPECT_EQ(t.type_oid, 25u);
  auto bp = field(1042, -1, 12);
  rewrite_field(Vendor::CockroachDB, bp);
  EXPECT_EQ(bp.type_oid, 1042u);
  EXPECT_EQ(bp.type_modifier, 12);
  EXPECT_EQ(rewrite_param_type(Vendor::CockroachDB, 23), 20u);
  EXPECT_EQ(rewrite_param_type(Vendor::CockroachDB, 114), 3802u);
  EXPECT_EQ(rewrite_param_type(Vendor::CockroachDB, 25), 25u);
}

TEST(StandinTypes, CrateReportsTextAsVarcharWithoutTypmod) {
  auto t = field(oid::kText, -1, -1);
  rewrite_field(Vendor::CrateDB, t);
  EXPECT_EQ(t.type_oid, 1043u);
  EXPECT_EQ(t.type_modifier, -1);
  auto v = field(oid::kVarchar, -1, 14);  // varchar(10)
  rewrite_field(Vendor::CrateDB, v);
  EXPECT_EQ(v.type_oid, 1043u);
  EXPECT_EQ(v.type_modifier, -1);
  auto i = field(oid::kInt4, 4, -1);
  rewrite_field(Vendor::CrateDB, i);
  EXPECT_EQ(i.type_oid, 23u);
  EXPECT_EQ(i.type_size, 4);
  EXPECT_EQ(rewrite_param_type(Vendor::CrateDB, 25), 1043u);
  EXPECT_EQ(rewrite_param_type(Vendor::CrateDB, 23), 23u);
}

TEST(StandinTypes, RowDescriptionIsReencodedWithTheNewTypes) {
  wire::Buffer in;
  const wire::FieldDescription fields[] = {field(23, 4, -1), field(25, -1, -1)};
  wire::server::row_description(in, fields);
  wire::Buffer out;
  rewrite_row_description(Vendor::CockroachDB, body_of(in), out);
  std::vector<wire::FieldDescription> got;
  wire::parse_row_description(body_of(out), got);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].name, "c");
  EXPECT_EQ(got[0].type_oid, 20u);
  EXPECT_EQ(got[0].type_size, 8);
  EXPECT_EQ(got[1].type_oid, 25u);
}

TEST(StandinTypes, BinaryInt4IsWidenedAndBinaryJsonGetsTheJsonbVersionByte) {
  const UpstreamColumn cols[] = {{23, 1}, {23, 0}, {114, 1}, {23, 1}};
  const auto actions = data_row_actions(Vendor::CockroachDB, cols);
  ASSERT_EQ(actions.size(), 4u);
  EXPECT_EQ(actions[0], ColumnAction::WidenInt4);
  EXPECT_EQ(actions[1], ColumnAction::Keep);
  EXPECT_EQ(actions[2], ColumnAction::JsonToJsonb);

  const std::string minus5("\xFF\xFF\xFF\xFB", 4);
  const std::string json = "{\"a\":1}";
  const wire::Column in_cols[] = {
      {minus5.data(), 4}, {"7", 1}, {json.data(), static_cast<std::int32_t>(json.size())}, {}};
  wire::Buffer in;
  wire::server::data_row(in, in_cols);
  wire::Buffer out;
  rewrite_data_row(actions, body_of(in), out);
  std::vector<wire::Column> got;
  wire::parse_data_row(body_of(out), got);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(std::string(got[0].data, got[0].length),
            std::string("\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFB", 8));
  EXPECT_EQ(std::string(got[1].data, got[1].length), "7");
  EXPECT_EQ(std::string(got[2].data, got[2].length), "\x01" + json);
  EXPECT_EQ(got[3].length, -1);
}

TEST(StandinTypes, NoDataRowActionsForTextOrForCrate) {
  const UpstreamColumn text[] = {{23, 0}, {114, 0}};
  EXPECT_TRUE(data_row_actions(Vendor::CockroachDB, text).empty());
  const UpstreamColumn binary[] = {{23, 1}};
  EXPECT_TRUE(data_row_actions(Vendor::CrateDB, binary).empty());
}

TEST(StandinTypes, BinaryInt8ParameterIsNarrowedForAnInt4Parameter) {
  const std::string seven("\0\0\0\0\0\0\0\x07", 8);
  const std::string huge("\0\0\0\x01\0\0\0\0", 8);  // 2^32: does not fit int4
  const std::string jsonb = "\x01{}";
  const wire::Param params[] = {{seven.data(), 8}, {huge.data(), 8}, {"5", 1}, {jsonb.data(), 3}};
  const std::int16_t formats[] = {1, 1, 0, 1};
  wire::Bind bind;
  bind.portal = "p";
  bind.statement = "s";
  bind.param_formats = formats;
  bind.params = params;
  const std::uint32_t types[] = {23, 23, 23, 114};
  wire::Buffer out;
  ASSERT_TRUE(rewrite_bind_params(types, bind, out));

  wire::Buffer expected;
  const std::string seven4("\0\0\0\x07", 4);
  const wire::Param want[] = {{seven4.data(), 4}, {huge.data(), 8}, {"5", 1}, {"{}", 2}};
  wire::Bind b2 = bind;
  b2.params = want;
  wire::encode(expected, b2);
  EXPECT_EQ(out, expected);

  const std::uint32_t int8_types[] = {20, 20, 20, 3802};
  wire::Buffer none;
  EXPECT_FALSE(rewrite_bind_params(int8_types, bind, none));
  EXPECT_TRUE(none.empty());
}

TEST(StandinErrors, CrateErrorFieldsInCratesOrderWithAJavaStackTrace) {
  wire::Buffer out;
  encode_error(Vendor::CrateDB, out, "ERROR", "42601", "line 1:1: mismatched input");
  const auto fields = parse_raw_fields(body_of(out));
  std::string order;
  for (const auto& f : fields) order += f.code;
  EXPECT_EQ(order, "SMCFRLW");
  EXPECT_EQ(field_value(fields, 'S'), "ERROR");
  EXPECT_EQ(field_value(fields, 'C'), "42601");
  EXPECT_EQ(field_value(fields, 'M'), "line 1:1: mismatched input");
  EXPECT_EQ(field_value(fields, 'F'), "SqlParser.java");
  const std::string trace(field_value(fields, 'W'));
  std::size_t lines = 0;
  for (std::size_t at = 0; at < trace.size();) {
    const auto nl = trace.find('\n', at);
    ASSERT_NE(nl, std::string::npos) << "every frame ends with a newline";
    EXPECT_EQ(trace.compare(at, 12, "at io.crate."), 0) << trace.substr(at, nl - at);
    ++lines;
    at = nl + 1;
  }
  EXPECT_GE(lines, 2u);
  EXPECT_LE(lines, 20u);
}

TEST(StandinErrors, PostgresErrorRelayedAsCrateDropsTheOtherFields) {
  const std::vector<RawField> pg{
      {'S', "ERROR"}, {'V', "ERROR"}, {'C', "22012"},  {'M', "division by zero"},
      {'F', "int.c"}, {'L', "841"},   {'R', "int4div"}};
  wire::Buffer in;
  encode_raw_fields(in, 'E', pg);
  wire::Buffer out;
  relay_error(Vendor::CrateDB, body_of(in), out);
  const auto fields = parse_raw_fields(body_of(out));
  std::string order;
  for (const auto& f : fields) order += f.code;
  EXPECT_EQ(order, "SMCFRLW");
  EXPECT_EQ(field_value(fields, 'M'), "division by zero");
  EXPECT_EQ(field_value(fields, 'C'), "22012");
  EXPECT_EQ(field_value(fields, 'F'), "Analyzer.java");
}

TEST(StandinErrors, CockroachRetryErrorsSayRestartTransaction) {
  const std::vector<RawField> pg{{'S', "ERROR"},
                                 {'V', "ERROR"},
                                 {'C', "40001"},
                                 {'M', "could not serialize access due to concurrent update"}};
  wire::Buffer in;
  encode_raw_fields(in, 'E', pg);
  wire::Buffer out;
  relay_error(Vendor::CockroachDB, body_of(in), out);
  const auto fields = parse_raw_fields(body_of(out));
  ASSERT_EQ(fields.size(), 4u);
  EXPECT_EQ(fields[3].value,
            "restart transaction: TransactionRetryWithProtoRefreshError: could not serialize "
            "access due to concurrent update");

  // Any other error goes through byte for byte.
  const std::vector<RawField> other{
      {'S', "ERROR"}, {'C', "22012"}, {'M', "division by zero"}, {'x', "unknown field"}};
  wire::Buffer in2;
  encode_raw_fields(in2, 'E', other);
  wire::Buffer out2;
  relay_error(Vendor::CockroachDB, body_of(in2), out2);
  EXPECT_EQ(out2, in2);
}

TEST(StandinErrors, CockroachProxyErrorsAreSeverityCodeMessageHint) {
  wire::Buffer out;
  encode_error(Vendor::CockroachDB, out, "FATAL", "08004", "codeParamsRoutingFailed: x", "hint");
  const auto fields = parse_raw_fields(body_of(out));
  std::string order;
  for (const auto& f : fields) order += f.code;
  EXPECT_EQ(order, "SCMH");
  EXPECT_EQ(sqlstate_of(body_of(out)), "08004");
}

}  // namespace
}  // namespace pgw::standin
