#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>

#include "common/error.hpp"
#include "convert/from_c.hpp"
#include "convert/number_text.hpp"

namespace pgw::convert {
namespace {

template <class T>
std::string text_of(SQLSMALLINT c_type, T value, SQLSMALLINT sql_type = SQL_VARCHAR) {
  return parameter_text(ParameterSource{c_type, &value, SQLLEN(sizeof value), sql_type});
}

TEST(ConvertFromC, Integers) {
  EXPECT_EQ(text_of<SQLINTEGER>(SQL_C_SLONG, INT32_MIN), "-2147483648");
  EXPECT_EQ(text_of<SQLBIGINT>(SQL_C_SBIGINT, INT64_MIN), "-9223372036854775808");
  EXPECT_EQ(text_of<SQLUBIGINT>(SQL_C_UBIGINT, UINT64_MAX), "18446744073709551615");
  EXPECT_EQ(text_of<SQLSMALLINT>(SQL_C_SHORT, -7), "-7");
  EXPECT_EQ(text_of<SQLSCHAR>(SQL_C_STINYINT, -128), "-128");
  EXPECT_EQ(text_of<SQLUINTEGER>(SQL_C_ULONG, 4294967295u), "4294967295");
  EXPECT_EQ(text_of<unsigned char>(SQL_C_BIT, 1), "1");
  EXPECT_THROW(text_of<unsigned char>(SQL_C_BIT, 2), DriverError);
}

TEST(ConvertFromC, FloatsRoundTrip) {
  EXPECT_EQ(text_of<double>(SQL_C_DOUBLE, 0.1), "0.1");
  EXPECT_EQ(text_of<double>(SQL_C_DOUBLE, std::numeric_limits<double>::max()),
            "1.7976931348623157e+308");
  EXPECT_EQ(text_of<double>(SQL_C_DOUBLE, -0.0), "-0");
  EXPECT_EQ(text_of<double>(SQL_C_DOUBLE, std::nan("")), "NaN");
  EXPECT_EQ(text_of<double>(SQL_C_DOUBLE, -HUGE_VAL), "-Infinity");
  EXPECT_EQ(text_of<float>(SQL_C_FLOAT, 0.1f), "0.1");
}

TEST(ConvertFromC, Characters) {
  const char* text = "héllo";
  EXPECT_EQ(parameter_text({SQL_C_CHAR, text, SQL_NTS, SQL_VARCHAR}), "héllo");
  EXPECT_EQ(parameter_text({SQL_C_CHAR, text, 2, SQL_VARCHAR}), "h\xC3");
  const SQLWCHAR wide[] = {'a', 0xD83D, 0xDE00, 'b', 0};
  EXPECT_EQ(parameter_text({SQL_C_WCHAR, wide, SQL_NTS, SQL_WVARCHAR}),
            "a\xF0\x9F\x98\x80"
            "b");
  EXPECT_EQ(parameter_text({SQL_C_WCHAR, wide, 2, SQL_WVARCHAR}), "a");
  EXPECT_EQ(parameter_text({SQL_C_CHAR, "00ff", SQL_NTS, SQL_VARBINARY}), "\\x00ff");
}

TEST(ConvertFromC, Binary) {
  const char bytes[] = {'\0', '\xff', 'A'};
  EXPECT_EQ(parameter_text({SQL_C_BINARY, bytes, 3, SQL_LONGVARBINARY}), "\\x00ff41");
  EXPECT_EQ(parameter_text({SQL_C_BINARY, bytes, 0, SQL_VARBINARY}), "\\x");
}

TEST(ConvertFromC, Numeric) {
  SQL_NUMERIC_STRUCT n{};
  n.precision = 10;
  n.scale = 3;
  n.sign = 0;
  n.val[0] = 0x39;  // 12345
  n.val[1] = 0x30;
  EXPECT_EQ(text_of(SQL_C_NUMERIC, n, SQL_NUMERIC), "-12.345");
  n.scale = 0;
  n.sign = 1;
  EXPECT_EQ(text_of(SQL_C_NUMERIC, n, SQL_NUMERIC), "12345");
  n.scale = 7;
  EXPECT_EQ(text_of(SQL_C_NUMERIC, n, SQL_NUMERIC), "0.0012345");
  n.scale = -2;
  EXPECT_EQ(text_of(SQL_C_NUMERIC, n, SQL_NUMERIC), "1234500");
}

TEST(ConvertFromC, DatesTimesGuids) {
  EXPECT_EQ(text_of(SQL_C_TYPE_DATE, SQL_DATE_STRUCT{2024, 2, 29}), "2024-02-29");
  EXPECT_EQ(text_of(SQL_C_DATE, SQL_DATE_STRUCT{-43, 3, 15}), "0044-03-15 BC");
  EXPECT_EQ(text_of(SQL_C_TYPE_TIME, SQL_TIME_STRUCT{7, 8, 9}), "07:08:09");
  SQL_TIMESTAMP_STRUCT ts{2024, 2, 29, 13, 45, 7, 123456000};
  EXPECT_EQ(text_of(SQL_C_TYPE_TIMESTAMP, ts), "2024-02-29 13:45:07.123456");
  ts.fraction = 0;
  EXPECT_EQ(text_of(SQL_C_TYPE_TIMESTAMP, ts), "2024-02-29 13:45:07");
  EXPECT_EQ(text_of(SQL_C_TYPE_TIMESTAMP, ts, SQL_TYPE_DATE), "2024-02-29");
  SQLGUID g{0xa0eebc99, 0x9c0b, 0x4ef8, {0xbb, 0x6d, 0x6b, 0xb9, 0xbd, 0x38, 0x0a, 0x11}};
  EXPECT_EQ(text_of(SQL_C_GUID, g), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
}

TEST(ConvertFromC, UnsupportedCType) {
  EXPECT_FALSE(parameter_c_type_supported(SQL_C_INTERVAL_DAY));
  EXPECT_TRUE(parameter_c_type_supported(SQL_C_LONG));
  int v = 0;
  EXPECT_THROW(parameter_text({SQL_C_INTERVAL_DAY, &v, 4, SQL_VARCHAR}), DriverError);
}

TEST(NumberText, ParseAndFormat) {
  auto d = parse_decimal(" -000123.4500e2 ");
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->negative);
  EXPECT_EQ(d->digits, "12345");
  EXPECT_EQ(d->exponent, 0);
  EXPECT_FALSE(parse_decimal("1.2.3"));
  EXPECT_FALSE(parse_decimal("."));
  EXPECT_FALSE(parse_decimal("1e"));
  EXPECT_TRUE(parse_decimal(".5"));
  EXPECT_TRUE(parse_decimal("5."));
  EXPECT_EQ(parse_decimal("-Infinity")->kind, Decimal::Kind::NegativeInfinity);
  EXPECT_EQ(format_scaled(5, true, 3), "-0.005");
  EXPECT_EQ(format_scaled(0, true, 2), "0.00");
}

}  // namespace
}  // namespace pgw::convert
