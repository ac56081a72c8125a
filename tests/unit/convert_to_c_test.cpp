#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "common/error.hpp"
#include "convert/c_types.hpp"
#include "convert/to_c.hpp"

namespace pgw::convert {
namespace {

template <class T>
T fixed(Family f, std::string_view text, SQLSMALLINT c_type, Outcome* outcome = nullptr) {
  T value{};
  Target t{c_type, &value, sizeof value};
  Written w = convert_value(f, text, t);
  EXPECT_EQ(w.length, SQLLEN(sizeof(T)));
  if (outcome) *outcome = w.outcome;
  return value;
}

std::string state_of(Family f, std::string_view text, SQLSMALLINT c_type) {
  char buffer[64];
  Target t{c_type, buffer, sizeof buffer};
  try {
    convert_value(f, text, t);
    return "ok";
  } catch (const DriverError& e) {
    return e.sqlstate();
  }
}

TEST(ConvertToC, Integers) {
  EXPECT_EQ(fixed<SQLINTEGER>(Family::Integer, "-2147483648", SQL_C_SLONG), INT32_MIN);
  EXPECT_EQ(fixed<SQLBIGINT>(Family::Integer, "-9223372036854775808", SQL_C_SBIGINT), INT64_MIN);
  EXPECT_EQ(fixed<SQLUBIGINT>(Family::Numeric, "18446744073709551615", SQL_C_UBIGINT), UINT64_MAX);
  EXPECT_EQ(fixed<SQLSMALLINT>(Family::Integer, "32767", SQL_C_SSHORT), 32767);
  EXPECT_EQ(fixed<SQLSCHAR>(Family::Integer, "-128", SQL_C_STINYINT), -128);
  EXPECT_EQ(fixed<SQLCHAR>(Family::Integer, "255", SQL_C_UTINYINT), 255);
  EXPECT_EQ(fixed<SQLUINTEGER>(Family::Integer, "4294967295", SQL_C_ULONG), 4294967295u);
  EXPECT_EQ(fixed<SQLINTEGER>(Family::Text, "  42 ", SQL_C_LONG), 42);  // ODBC 2 spelling
  EXPECT_EQ(state_of(Family::Integer, "32768", SQL_C_SSHORT), "22003");
  EXPECT_EQ(state_of(Family::Integer, "-1", SQL_C_ULONG), "22003");
  EXPECT_EQ(state_of(Family::Integer, "256", SQL_C_UTINYINT), "22003");
  EXPECT_EQ(state_of(Family::Numeric, "99999999999999999999999999999999999999999", SQL_C_SBIGINT),
            "22003");
  EXPECT_EQ(state_of(Family::Float, "NaN", SQL_C_SLONG), "22003");
  EXPECT_EQ(state_of(Family::Text, "abc", SQL_C_SLONG), "22018");
  EXPECT_EQ(state_of(Family::Text, "", SQL_C_SLONG), "22018");
}

TEST(ConvertToC, FractionalTruncationWarns) {
  Outcome o{};
  EXPECT_EQ(fixed<SQLINTEGER>(Family::Numeric, "12.75", SQL_C_SLONG, &o), 12);
  EXPECT_EQ(o, Outcome::Fractional);
  EXPECT_EQ(fixed<SQLINTEGER>(Family::Float, "-12.5", SQL_C_SLONG, &o), -12);
  EXPECT_EQ(o, Outcome::Fractional);
  EXPECT_EQ(fixed<SQLINTEGER>(Family::Numeric, "12.000", SQL_C_SLONG, &o), 12);
  EXPECT_EQ(o, Outcome::Ok);
  EXPECT_EQ(fixed<SQLINTEGER>(Family::Float, "1.5e3", SQL_C_SLONG, &o), 1500);
  EXPECT_EQ(o, Outcome::Ok);
}

TEST(ConvertToC, Floats) {
  EXPECT_EQ(fixed<double>(Family::Float, "3.141592653589793", SQL_C_DOUBLE), 3.141592653589793);
  EXPECT_EQ(fixed<double>(Family::Float, "1.7976931348623157e+308", SQL_C_DOUBLE),
            std::numeric_limits<double>::max());
  EXPECT_TRUE(std::isnan(fixed<double>(Family::Float, "NaN", SQL_C_DOUBLE)));
  EXPECT_EQ(fixed<double>(Family::Float, "Infinity", SQL_C_DOUBLE), HUGE_VAL);
  EXPECT_EQ(fixed<double>(Family::Float, "-Infinity", SQL_C_DOUBLE), -HUGE_VAL);
  double negative_zero = fixed<double>(Family::Float, "-0", SQL_C_DOUBLE);
  EXPECT_TRUE(negative_zero == 0 && std::signbit(negative_zero));
  EXPECT_EQ(fixed<float>(Family::Float, "1.17549435e-38", SQL_C_FLOAT), 1.17549435e-38f);
  EXPECT_EQ(fixed<float>(Family::Integer, "16777217", SQL_C_FLOAT), 16777216.0f);
  // float4's shortest output of FLT_MAX is above FLT_MAX as a double; it still rounds to FLT_MAX.
  EXPECT_EQ(fixed<float>(Family::Float, "3.4028235e+38", SQL_C_FLOAT),
            std::numeric_limits<float>::max());
  EXPECT_EQ(state_of(Family::Float, "3.5e38", SQL_C_FLOAT), "22003");
  EXPECT_EQ(state_of(Family::Float, "1e39", SQL_C_FLOAT), "22003");
  EXPECT_EQ(state_of(Family::Numeric, "1e400", SQL_C_DOUBLE), "22003");
  EXPECT_EQ(fixed<double>(Family::Numeric, "0.1", SQL_C_DOUBLE), 0.1);
}

TEST(ConvertToC, Bit) {
  Outcome o{};
  EXPECT_EQ(fixed<unsigned char>(Family::Boolean, "t", SQL_C_BIT), 1);
  EXPECT_EQ(fixed<unsigned char>(Family::Boolean, "f", SQL_C_BIT), 0);
  EXPECT_EQ(fixed<unsigned char>(Family::Integer, "1", SQL_C_BIT, &o), 1);
  EXPECT_EQ(fixed<unsigned char>(Family::Numeric, "0.5", SQL_C_BIT, &o), 0);
  EXPECT_EQ(o, Outcome::Fractional);
  EXPECT_EQ(state_of(Family::Integer, "2", SQL_C_BIT), "22003");
  EXPECT_EQ(state_of(Family::Integer, "-1", SQL_C_BIT), "22003");
  EXPECT_EQ(fixed<SQLINTEGER>(Family::Boolean, "t", SQL_C_SLONG), 1);
}

TEST(ConvertToC, NumericStruct) {
  SQL_NUMERIC_STRUCT n{};
  Target t{SQL_C_NUMERIC, &n, sizeof n, 10, 2};
  Written w = convert_value(Family::Numeric, "-123.456", t);
  EXPECT_EQ(w.outcome, Outcome::Fractional);
  EXPECT_EQ(n.precision, 10);
  EXPECT_EQ(n.scale, 2);
  EXPECT_EQ(n.sign, 0);
  EXPECT_EQ(n.val[0] + 256 * n.val[1], 12345);
  for (int i = 2; i < SQL_MAX_NUMERIC_LEN; ++i) EXPECT_EQ(n.val[i], 0);

  // 38 digits fit in 128 bits.
  Target wide{SQL_C_NUMERIC, &n, sizeof n, 38, 0};
  convert_value(Family::Numeric, "99999999999999999999999999999999999999", wide);
  unsigned __int128 v = 0;
  for (int i = 15; i >= 0; --i) v = (v << 8) | n.val[i];
  unsigned __int128 expected = 0;
  for (int i = 0; i < 38; ++i) expected = expected * 10 + 9;
  EXPECT_TRUE(v == expected);
  EXPECT_EQ(n.sign, 1);
  Target narrow{SQL_C_NUMERIC, &n, sizeof n, 3, 0};
  EXPECT_EQ(state_of(Family::Numeric, "1234", SQL_C_NUMERIC), "ok");
  EXPECT_THROW(convert_value(Family::Numeric, "1234", narrow), DriverError);
}

TEST(ConvertToC, CharacterPassesTextAndTruncates) {
  char buffer[6];
  Target t{SQL_C_CHAR, buffer, sizeof buffer};
  Written w = convert_value(Family::Numeric, "12345678.9", t);
  EXPECT_EQ(w.outcome, Outcome::Truncated);
  EXPECT_EQ(w.length, 10);
  EXPECT_STREQ(buffer, "12345");
  w = convert_value(Family::Text, "hello", t);
  EXPECT_EQ(w.outcome, Outcome::Ok);
  EXPECT_EQ(w.length, 5);
  EXPECT_STREQ(buffer, "hello");
  w = convert_value(Family::Boolean, "t", t);
  EXPECT_STREQ(buffer, "1");
  EXPECT_EQ(w.length, 1);
}

TEST(ConvertToC, WideCharacterIsUtf16) {
  SQLWCHAR buffer[8];
  Target t{SQL_C_WCHAR, buffer, sizeof buffer};
  // "é😀" : U+00E9, U+1F600 (a surrogate pair)
  Written w = convert_value(Family::Text, "\xC3\xA9\xF0\x9F\x98\x80", t);
  EXPECT_EQ(w.length, 6);
  EXPECT_EQ(w.outcome, Outcome::Ok);
  EXPECT_EQ(buffer[0], 0x00E9);
  EXPECT_EQ(buffer[1], 0xD83D);
  EXPECT_EQ(buffer[2], 0xDE00);
  EXPECT_EQ(buffer[3], 0);
  // Odd capacities round down to whole SQLWCHARs.
  Target odd{SQL_C_WCHAR, buffer, 5};
  w = convert_value(Family::Text, "abc", odd);
  EXPECT_EQ(w.outcome, Outcome::Truncated);
  EXPECT_EQ(w.length, 6);
  EXPECT_EQ(buffer[0], 'a');
  EXPECT_EQ(buffer[1], 0);
}

TEST(ConvertToC, PiecewiseContinuesWhereItStopped) {
  std::string text = "0123456789";
  char buffer[4];
  Target t{SQL_C_CHAR, buffer, sizeof buffer};
  std::string collected;
  std::size_t offset = 0;
  std::vector<SQLLEN> lengths;
  for (;;) {
    Piece p = write_piece(text, offset, t);
    lengths.push_back(p.written.length);
    collected += std::string(buffer);
    offset += p.consumed;
    if (p.written.outcome == Outcome::Ok) break;
  }
  EXPECT_EQ(collected, text);
  EXPECT_EQ(lengths, (std::vector<SQLLEN>{10, 7, 4, 1}));
}

TEST(ConvertToC, Binary) {
  char buffer[8];
  Target t{SQL_C_BINARY, buffer, sizeof buffer};
  Written w = convert_value(Family::Binary, "\\x00ff4100", t);
  EXPECT_EQ(w.length, 4);
  EXPECT_EQ(std::memcmp(buffer, "\x00\xff\x41\x00", 4), 0);
  // The escape output format too.
  w = convert_value(Family::Binary, "a\\000\\\\b", t);
  EXPECT_EQ(w.length, 4);
  EXPECT_EQ(std::memcmp(buffer, "a\0\\b", 4), 0);
  // Binary to character: the hex digits.
  char text[16];
  Target c{SQL_C_CHAR, text, sizeof text};
  w = convert_value(Family::Binary, "\\x00ff4100", c);
  EXPECT_EQ(w.length, 8);
  EXPECT_STREQ(text, "00ff4100");
  w = convert_value(Family::Binary, "a\\000", c);
  EXPECT_STREQ(text, "6100");
  EXPECT_EQ(state_of(Family::Binary, "\\x0", SQL_C_BINARY), "22018");
}

TEST(ConvertToC, DatesAndTimes) {
  auto d = fixed<SQL_DATE_STRUCT>(Family::Date, "2024-02-29", SQL_C_TYPE_DATE);
  EXPECT_EQ(d.year, 2024);
  EXPECT_EQ(d.month, 2);
  EXPECT_EQ(d.day, 29);
  d = fixed<SQL_DATE_STRUCT>(Family::Date, "0044-03-15 BC", SQL_C_DATE);
  EXPECT_EQ(d.year, -43);
  auto tm = fixed<SQL_TIME_STRUCT>(Family::Time, "23:59:58", SQL_C_TYPE_TIME);
  EXPECT_EQ(tm.hour, 23);
  EXPECT_EQ(tm.minute, 59);
  EXPECT_EQ(tm.second, 58);
  Outcome o{};
  fixed<SQL_TIME_STRUCT>(Family::Time, "23:59:58.5", SQL_C_TYPE_TIME, &o);
  EXPECT_EQ(o, Outcome::Fractional);
  auto ts = fixed<SQL_TIMESTAMP_STRUCT>(Family::TimestampTz, "2024-02-29 13:45:07.123456+05:30",
                                        SQL_C_TYPE_TIMESTAMP);
  EXPECT_EQ(ts.year, 2024);
  EXPECT_EQ(ts.hour, 13);
  EXPECT_EQ(ts.minute, 45);
  EXPECT_EQ(ts.second, 7);
  EXPECT_EQ(ts.fraction, 123456000u);
  auto tz = fixed<SQL_TIME_STRUCT>(Family::TimeTz, "01:02:03-08", SQL_C_TYPE_TIME);
  EXPECT_EQ(tz.hour, 1);
  auto date_part =
      fixed<SQL_DATE_STRUCT>(Family::Timestamp, "2024-01-02 03:04:05", SQL_C_TYPE_DATE, &o);
  EXPECT_EQ(date_part.day, 2);
  EXPECT_EQ(o, Outcome::Fractional);
  auto midnight = fixed<SQL_TIMESTAMP_STRUCT>(Family::Date, "2024-01-02", SQL_C_TYPE_TIMESTAMP);
  EXPECT_EQ(midnight.hour, 0);
  EXPECT_EQ(midnight.fraction, 0u);
  auto from_text =
      fixed<SQL_TIMESTAMP_STRUCT>(Family::Text, "2001-02-03T04:05:06", SQL_C_TYPE_TIMESTAMP);
  EXPECT_EQ(from_text.second, 6);
  EXPECT_EQ(state_of(Family::Timestamp, "infinity", SQL_C_TYPE_TIMESTAMP), "22007");
  EXPECT_EQ(state_of(Family::Date, "-infinity", SQL_C_TYPE_DATE), "22007");
  EXPECT_EQ(state_of(Family::Text, "yesterday", SQL_C_TYPE_DATE), "22018");
  EXPECT_EQ(state_of(Family::Text, "2024-01-01", SQL_C_TYPE_TIME), "22018");
  EXPECT_EQ(state_of(Family::Date, "2024-01-01", SQL_C_TYPE_TIME), "07006");
  EXPECT_EQ(state_of(Family::Time, "10:00:00", SQL_C_TYPE_DATE), "07006");
}

TEST(ConvertToC, Guid) {
  auto g = fixed<SQLGUID>(Family::Uuid, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", SQL_C_GUID);
  EXPECT_EQ(g.Data1, 0xa0eebc99u);
  EXPECT_EQ(g.Data2, 0x9c0b);
  EXPECT_EQ(g.Data3, 0x4ef8);
  EXPECT_EQ(g.Data4[0], 0xbb);
  EXPECT_EQ(g.Data4[7], 0x11);
  char buffer[40];
  Target t{SQL_C_CHAR, buffer, sizeof buffer};
  convert_value(Family::Uuid, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", t);
  EXPECT_STREQ(buffer, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
  EXPECT_EQ(state_of(Family::Text, "not-a-guid", SQL_C_GUID), "22018");
  EXPECT_EQ(state_of(Family::Integer, "1", SQL_C_GUID), "07006");
}

TEST(ConvertToC, Money) {
  EXPECT_EQ(fixed<double>(Family::Money, "-$1,234.56", SQL_C_DOUBLE), -1234.56);
  EXPECT_EQ(fixed<SQLINTEGER>(Family::Money, "$12.00", SQL_C_SLONG), 12);
}

// The conversion matrix: what ODBC defines is allowed, the rest is 07006.
struct MatrixCase {
  Family family;
  SQLSMALLINT c_type;
  bool allowed;
};

class ConvertMatrix : public ::testing::TestWithParam<MatrixCase> {};

TEST_P(ConvertMatrix, AllowedExactlyWhenOdbcDefinesIt) {
  EXPECT_EQ(convertible(GetParam().family, GetParam().c_type), GetParam().allowed);
}

std::vector<MatrixCase> matrix() {
  const SQLSMALLINT numbers[] = {SQL_C_BIT,     SQL_C_STINYINT, SQL_C_UTINYINT, SQL_C_SSHORT,
                                 SQL_C_USHORT,  SQL_C_SLONG,    SQL_C_ULONG,    SQL_C_SBIGINT,
                                 SQL_C_UBIGINT, SQL_C_FLOAT,    SQL_C_DOUBLE,   SQL_C_NUMERIC};
  const SQLSMALLINT dates[] = {SQL_C_TYPE_DATE, SQL_C_TYPE_TIME, SQL_C_TYPE_TIMESTAMP};
  std::vector<MatrixCase> cases;
  for (int f = 0; f < kFamilyCount; ++f) {
    Family family = static_cast<Family>(f);
    for (SQLSMALLINT c : {SQL_C_CHAR, SQL_C_WCHAR, SQL_C_BINARY})
      cases.push_back({family, c, true});
    bool numeric = family == Family::Text || family == Family::Boolean ||
                   family == Family::Integer || family == Family::Float ||
                   family == Family::Numeric || family == Family::Money;
    for (SQLSMALLINT c : numbers) cases.push_back({family, c, numeric});
    for (SQLSMALLINT c : dates) {
      bool ok = family == Family::Text;
      if (family == Family::Date) ok = c != SQL_C_TYPE_TIME;
      if (family == Family::Time || family == Family::TimeTz) ok = c != SQL_C_TYPE_DATE;
      if (family == Family::Timestamp || family == Family::TimestampTz) ok = true;
      cases.push_back({family, c, ok});
    }
    cases.push_back({family, SQL_C_GUID, family == Family::Text || family == Family::Uuid});
    cases.push_back({family, SQL_C_INTERVAL_DAY, false});
  }
  return cases;
}

INSTANTIATE_TEST_SUITE_P(AllPairs, ConvertMatrix, ::testing::ValuesIn(matrix()));

}  // namespace
}  // namespace pgw::convert
