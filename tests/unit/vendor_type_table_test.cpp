#include <gtest/gtest.h>

#include <set>

#include "vendor/column_shape.hpp"
#include "vendor/pg_oids.hpp"
#include "vendor/postgres/postgres_profile.hpp"

namespace pgw::vendor {
namespace {

const TypeInfo& type(std::uint32_t oid) {
  static const PostgresProfile profile;
  const TypeInfo* t = profile.find_type(oid);
  EXPECT_NE(t, nullptr) << oid;
  return t ? *t : profile.fallback_type();
}

constexpr std::int32_t kVarHeader = 4;

TEST(VendorTypeTable, CoversTheBasicTypesOnce) {
  const std::uint32_t required[] = {
      oid::kBool,      oid::kBytea,       oid::kChar,     oid::kName,    oid::kInt8, oid::kInt2,
      oid::kInt4,      oid::kText,        oid::kOid,      oid::kJson,    oid::kXml,  oid::kFloat4,
      oid::kFloat8,    oid::kMoney,       oid::kBpchar,   oid::kVarchar, oid::kDate, oid::kTime,
      oid::kTimestamp, oid::kTimestamptz, oid::kInterval, oid::kTimetz,  oid::kBit,  oid::kVarbit,
      oid::kNumeric,   oid::kUuid,        oid::kJsonb,    oid::kInet,    oid::kCidr, oid::kMacaddr};
  std::set<std::uint32_t> listed;
  for (const TypeInfo& t : postgres_types()) EXPECT_TRUE(listed.insert(t.oid).second) << t.name;
  for (std::uint32_t o : required) EXPECT_TRUE(listed.count(o)) << o;
  PostgresProfile p;
  EXPECT_EQ(p.find_type(1007)->name, "_int4");  // arrays are found, shown as text
  EXPECT_EQ(p.find_type(123456), nullptr);
  EXPECT_EQ(p.fallback_type().sql_type, SQL_WVARCHAR);
}

TEST(VendorTypeTable, CharacterLengthsComeFromTheTypeModifier) {
  SizeOptions o;
  ColumnShape v = shape_of(type(oid::kVarchar), 20 + kVarHeader, o);
  EXPECT_EQ(v.concise_type, SQL_WVARCHAR);
  EXPECT_EQ(v.column_size, 20u);
  EXPECT_EQ(v.octet_length, 40);
  EXPECT_EQ(v.display_size, 20);
  ColumnShape unbounded = shape_of(type(oid::kVarchar), -1, o);
  EXPECT_EQ(unbounded.column_size, 4000u);
  ColumnShape text = shape_of(type(oid::kText), -1, o);
  EXPECT_EQ(text.concise_type, SQL_WVARCHAR);
  EXPECT_EQ(text.column_size, 4000u);
  ColumnShape wide = shape_of(type(oid::kVarchar), 5000 + kVarHeader, o);
  EXPECT_EQ(wide.concise_type, SQL_WLONGVARCHAR);
  EXPECT_EQ(wide.column_size, 5000u);
  ColumnShape bpchar = shape_of(type(oid::kBpchar), 8 + kVarHeader, o);
  EXPECT_EQ(bpchar.concise_type, SQL_WCHAR);
  EXPECT_EQ(bpchar.column_size, 8u);
  ColumnShape bits = shape_of(type(oid::kBit), 12, o);
  EXPECT_EQ(bits.concise_type, SQL_CHAR);
  EXPECT_EQ(bits.column_size, 12u);
  ColumnShape json = shape_of(type(oid::kJson), -1, o);
  EXPECT_EQ(json.concise_type, SQL_WLONGVARCHAR);
  EXPECT_EQ(json.column_size, 8190u);
}

TEST(VendorTypeTable, KnobsChangeTheDescription) {
  SizeOptions o;
  o.max_varchar_size = 100;
  o.text_as_long_varchar = true;
  o.bools_as_char = true;
  o.bytea_as_long_varbinary = true;
  EXPECT_EQ(shape_of(type(oid::kText), -1, o).concise_type, SQL_WLONGVARCHAR);
  EXPECT_EQ(shape_of(type(oid::kText), -1, o).column_size, 8190u);
  EXPECT_EQ(shape_of(type(oid::kVarchar), -1, o).column_size, 100u);
  EXPECT_EQ(shape_of(type(oid::kVarchar), 200 + kVarHeader, o).concise_type, SQL_WLONGVARCHAR);
  ColumnShape b = shape_of(type(oid::kBool), -1, o);
  EXPECT_EQ(b.concise_type, SQL_CHAR);
  EXPECT_EQ(b.column_size, 1u);
  EXPECT_EQ(shape_of(type(oid::kBytea), -1, o).concise_type, SQL_LONGVARBINARY);
  o.bytea_as_long_varbinary = false;
  EXPECT_EQ(shape_of(type(oid::kBytea), -1, o).concise_type, SQL_VARBINARY);
}

TEST(VendorTypeTable, NumericPrecisionAndScale) {
  SizeOptions o;
  ColumnShape n = shape_of(type(oid::kNumeric), ((10 << 16) | 3) + kVarHeader, o);
  EXPECT_EQ(n.concise_type, SQL_NUMERIC);
  EXPECT_EQ(n.column_size, 10u);
  EXPECT_EQ(n.decimal_digits, 3);
  EXPECT_EQ(n.precision, 10);
  EXPECT_EQ(n.scale, 3);
  EXPECT_EQ(n.display_size, 12);
  EXPECT_EQ(n.num_prec_radix, 10);
  // PostgreSQL 15 allows a negative scale (11-bit signed in the modifier).
  ColumnShape negative = shape_of(type(oid::kNumeric), ((5 << 16) | (0x7ff & -2)) + kVarHeader, o);
  EXPECT_EQ(negative.scale, -2);
  ColumnShape unbounded = shape_of(type(oid::kNumeric), -1, o);
  EXPECT_EQ(unbounded.column_size, 1000u);
  EXPECT_EQ(unbounded.scale, 0);
}

TEST(VendorTypeTable, DatetimeSizesFollowTheFractionalPrecision) {
  SizeOptions o;
  ColumnShape ts = shape_of(type(oid::kTimestamp), -1, o);
  EXPECT_EQ(ts.concise_type, SQL_TYPE_TIMESTAMP);
  EXPECT_EQ(ts.verbose_type, SQL_DATETIME);
  EXPECT_EQ(ts.datetime_code, SQL_CODE_TIMESTAMP);
  EXPECT_EQ(ts.column_size, 26u);
  EXPECT_EQ(ts.decimal_digits, 6);
  EXPECT_EQ(ts.octet_length, 16);
  EXPECT_EQ(shape_of(type(oid::kTimestamp), 0, o).column_size, 19u);
  EXPECT_EQ(shape_of(type(oid::kTimestamp), 3, o).column_size, 23u);
  ColumnShape t = shape_of(type(oid::kTime), -1, o);
  EXPECT_EQ(t.column_size, 15u);
  EXPECT_EQ(t.datetime_code, SQL_CODE_TIME);
  ColumnShape d = shape_of(type(oid::kDate), -1, o);
  EXPECT_EQ(d.column_size, 10u);
  EXPECT_EQ(d.decimal_digits, 0);
  EXPECT_EQ(shape_of(type(oid::kTimestamptz), -1, o).display_size, 32);
}

TEST(VendorTypeTable, FixedSizeTypes) {
  SizeOptions o;
  ColumnShape i = shape_of(type(oid::kInt4), -1, o);
  EXPECT_EQ(i.concise_type, SQL_INTEGER);
  EXPECT_EQ(i.column_size, 10u);
  EXPECT_EQ(i.octet_length, 4);
  EXPECT_EQ(i.display_size, 11);
  EXPECT_EQ(shape_of(type(oid::kInt8), -1, o).column_size, 19u);
  EXPECT_EQ(shape_of(type(oid::kFloat8), -1, o).num_prec_radix, 2);
  EXPECT_EQ(shape_of(type(oid::kUuid), -1, o).concise_type, SQL_GUID);
  EXPECT_EQ(shape_of(type(oid::kUuid), -1, o).octet_length, 16);
}

TEST(VendorTypeTable, ParameterOids) {
  PostgresProfile p;
  EXPECT_EQ(p.parameter_oid(SQL_INTEGER), oid::kInt4);
  EXPECT_EQ(p.parameter_oid(SQL_BIGINT), oid::kInt8);
  EXPECT_EQ(p.parameter_oid(SQL_TYPE_TIMESTAMP), oid::kTimestamp);
  EXPECT_EQ(p.parameter_oid(SQL_VARBINARY), oid::kBytea);
  EXPECT_EQ(p.parameter_oid(SQL_VARCHAR), 0u);
  EXPECT_EQ(p.parameter_oid(SQL_WLONGVARCHAR), 0u);
}

TEST(VendorTypeTable, OdbcVersionStrings) {
  EXPECT_EQ(odbc_version_string("15.18 (Debian 15.18-0+deb12u1)"),
            "15.00.0018 15.18 (Debian 15.18-0+deb12u1)");
  EXPECT_EQ(odbc_version_string("9.6.24"), "09.06.0024 9.6.24");
  EXPECT_EQ(odbc_version_string("14.0"), "14.00.0000 14.0");
  EXPECT_EQ(odbc_version_string("6.5.0"), "06.05.0000 6.5.0");
  EXPECT_EQ(odbc_version_string(""), "00.00.0000");
}

}  // namespace
}  // namespace pgw::vendor
