// Values of each basic PostgreSQL type, read into each C type an application would use, and
// parameters of each C type; all compared exactly.
#include <cmath>
#include <cstring>
#include <limits>

#include "statement_helpers.hpp"

namespace pgwtest {
namespace {

class Types : public ::testing::Test {
 protected:
  // Runs `sql` (one row) and positions on it.
  void select(const std::string& sql) {
    SQLFreeStmt(s.get(), SQL_CLOSE);
    ASSERT_TRUE(SQL_SUCCEEDED(s.exec(sql))) << s.diag();
    ASSERT_TRUE(SQL_SUCCEEDED(SQLFetch(s.get()))) << s.diag();
  }
  template <class T>
  T get(SQLUSMALLINT column, SQLSMALLINT c_type, SQLRETURN expected = SQL_SUCCESS) {
    T value{};
    SQLLEN indicator = 0;
    SQLRETURN rc = SQLGetData(s.get(), column, c_type, &value, sizeof value, &indicator);
    EXPECT_EQ(rc, expected) << s.diag();
    if (SQL_SUCCEEDED(rc)) {
      EXPECT_EQ(indicator, SQLLEN(sizeof(T)));
    }
    return value;
  }
  std::u16string wide(SQLUSMALLINT column) {
    std::u16string out;
    SQLWCHAR buffer[64];
    SQLLEN indicator = 0;
    for (;;) {
      SQLRETURN rc = SQLGetData(s.get(), column, SQL_C_WCHAR, buffer, sizeof buffer, &indicator);
      if (rc == SQL_NO_DATA) break;
      EXPECT_TRUE(SQL_SUCCEEDED(rc)) << s.diag();
      if (!SQL_SUCCEEDED(rc) || indicator == SQL_NULL_DATA) break;
      for (SQLWCHAR* p = buffer; *p; ++p) out.push_back(char16_t(*p));
      if (rc == SQL_SUCCESS) break;
    }
    return out;
  }
  std::string state() { return sqlstate(SQL_HANDLE_STMT, s.get()); }

  Connected c;
  Stmt s{c.dbc};
};

TEST_F(Types, Integers) {
  select(
      "SELECT (-32768)::int2, 32767::int2, (-2147483648)::int4, 2147483647::int4, "
      "(-9223372036854775808)::int8, 9223372036854775807::int8, 4294967295::oid");
  EXPECT_EQ(get<SQLSMALLINT>(1, SQL_C_SSHORT), -32768);
  EXPECT_EQ(get<SQLSMALLINT>(2, SQL_C_SSHORT), 32767);
  EXPECT_EQ(get<SQLINTEGER>(3, SQL_C_SLONG), INT32_MIN);
  EXPECT_EQ(get<SQLINTEGER>(4, SQL_C_SLONG), INT32_MAX);
  EXPECT_EQ(get<SQLBIGINT>(5, SQL_C_SBIGINT), INT64_MIN);
  EXPECT_EQ(get<SQLBIGINT>(6, SQL_C_SBIGINT), INT64_MAX);
  EXPECT_EQ(get<SQLUINTEGER>(7, SQL_C_ULONG), 4294967295u);
  EXPECT_EQ(text_of(s.get(), 5), "-9223372036854775808");
  // Out of range for the target: 22003; not a number: 22018.
  select("SELECT 300::int4, 'abc'::text, 2.5::numeric");
  get<SQLSCHAR>(1, SQL_C_STINYINT, SQL_ERROR);
  EXPECT_EQ(state(), "22003");
  get<SQLINTEGER>(2, SQL_C_SLONG, SQL_ERROR);
  EXPECT_EQ(state(), "22018");
  EXPECT_EQ(get<SQLINTEGER>(3, SQL_C_SLONG, SQL_SUCCESS_WITH_INFO), 2);
  EXPECT_EQ(state(), "01S07");
}

TEST_F(Types, Floats) {
  select(
      "SELECT 3.4028235e38::float4, 'NaN'::float4, '-0'::float4, 1.7976931348623157e308::float8, "
      "'NaN'::float8, '-Infinity'::float8, '-0'::float8, 0.1::float8, 'Infinity'::float4");
  EXPECT_EQ(get<float>(1, SQL_C_FLOAT), 3.4028235e38f);
  EXPECT_TRUE(std::isnan(get<float>(2, SQL_C_FLOAT)));
  float negative_zero_f = get<float>(3, SQL_C_FLOAT);
  EXPECT_TRUE(negative_zero_f == 0 && std::signbit(negative_zero_f));
  EXPECT_EQ(get<double>(4, SQL_C_DOUBLE), std::numeric_limits<double>::max());
  EXPECT_TRUE(std::isnan(get<double>(5, SQL_C_DOUBLE)));
  EXPECT_EQ(get<double>(6, SQL_C_DOUBLE), -HUGE_VAL);
  double negative_zero = get<double>(7, SQL_C_DOUBLE);
  EXPECT_TRUE(negative_zero == 0 && std::signbit(negative_zero));
  EXPECT_EQ(get<double>(8, SQL_C_DOUBLE), 0.1);
  EXPECT_EQ(get<float>(9, SQL_C_FLOAT), HUGE_VALF);
  EXPECT_EQ(text_of(s.get(), 8), "0.1");
  EXPECT_EQ(text_of(s.get(), 6), "-Infinity");
}

TEST_F(Types, NumericWithThirtyDigits) {
  select(
      "SELECT 123456789012345678901234567890.123456::numeric, "
      "(-12345678901234567890.12345)::numeric(30,5), 'NaN'::numeric");
  EXPECT_EQ(text_of(s.get(), 1), "123456789012345678901234567890.123456");
  EXPECT_EQ(text_of(s.get(), 2), "-12345678901234567890.12345");
  // SQL_C_NUMERIC with the precision and scale set in the ARD, read through SQL_ARD_TYPE.
  SQLHDESC ard = nullptr;
  SQLGetStmtAttr(s.get(), SQL_ATTR_APP_ROW_DESC, &ard, 0, nullptr);
  ASSERT_TRUE(SQL_SUCCEEDED(SQLSetDescField(ard, 2, SQL_DESC_TYPE, (SQLPOINTER)SQL_C_NUMERIC, 0)));
  ASSERT_TRUE(SQL_SUCCEEDED(SQLSetDescField(ard, 2, SQL_DESC_PRECISION, (SQLPOINTER)30, 0)));
  ASSERT_TRUE(SQL_SUCCEEDED(SQLSetDescField(ard, 2, SQL_DESC_SCALE, (SQLPOINTER)5, 0)));
  SQL_NUMERIC_STRUCT n{};
  SQLLEN indicator = 0;
  ASSERT_EQ(SQLGetData(s.get(), 2, SQL_ARD_TYPE, &n, sizeof n, &indicator), SQL_SUCCESS)
      << s.diag();
  EXPECT_EQ(n.precision, 30);
  EXPECT_EQ(n.scale, 5);
  EXPECT_EQ(n.sign, 0);
  unsigned __int128 v = 0;
  for (int i = SQL_MAX_NUMERIC_LEN - 1; i >= 0; --i) v = (v << 8) | n.val[i];
  unsigned __int128 expected = 0;
  for (char d : std::string("1234567890123456789012345"))
    expected = expected * 10 + unsigned(d - '0');
  EXPECT_TRUE(v == expected);
  EXPECT_EQ(text_of(s.get(), 3), "NaN");
}

TEST_F(Types, TextWithNonAsciiAndNonBmpCharacters) {
  const std::string utf8 =
      "h\xC3\xA9llo \xE4\xB8\xAD\xE6\x96\x87 \xF0\x9F\x98\x80!";  // héllo 中文 😀!
  select("SELECT '" + utf8 + "'::text, '" + utf8 + "'::varchar(20), 'abc'::bpchar(5), ''::text");
  EXPECT_EQ(text_of(s.get(), 1), utf8);
  const std::u16string utf16 = u"h\u00e9llo \u4e2d\u6587 \U0001F600!";
  EXPECT_EQ(wide(2), utf16);
  EXPECT_EQ(text_of(s.get(), 3), "abc  ");
  EXPECT_EQ(text_of(s.get(), 4), "");
  // Truncation: 01004 with the full length in the indicator.
  select("SELECT 'abcdefghij'::text");
  char small[4];
  SQLLEN indicator = 0;
  EXPECT_EQ(SQLGetData(s.get(), 1, SQL_C_CHAR, small, sizeof small, &indicator),
            SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(state(), "01004");
  EXPECT_EQ(indicator, 10);
  EXPECT_STREQ(small, "abc");
}

TEST_F(Types, Booleans) {
  select("SELECT true, false");
  EXPECT_EQ(get<unsigned char>(1, SQL_C_BIT), 1);
  EXPECT_EQ(get<unsigned char>(2, SQL_C_BIT), 0);
  EXPECT_EQ(text_of(s.get(), 1), "1");
  EXPECT_EQ(get<SQLINTEGER>(2, SQL_C_SLONG), 0);
}

TEST_F(Types, DatesTimesTimestamps) {
  select(
      "SELECT '2024-02-29'::date, '23:59:58.123456'::time, '2024-02-29 "
      "13:45:07.123456'::timestamp, "
      "'0044-03-15 BC'::date, 'infinity'::timestamp, '1 day 02:03:04'::interval");
  auto d = get<SQL_DATE_STRUCT>(1, SQL_C_TYPE_DATE);
  EXPECT_EQ(d.year, 2024);
  EXPECT_EQ(d.month, 2);
  EXPECT_EQ(d.day, 29);
  EXPECT_EQ(text_of(s.get(), 1), "2024-02-29");
  auto t = get<SQL_TIME_STRUCT>(2, SQL_C_TYPE_TIME, SQL_SUCCESS_WITH_INFO);  // fraction dropped
  EXPECT_EQ(state(), "01S07");
  EXPECT_EQ(t.hour, 23);
  EXPECT_EQ(t.minute, 59);
  EXPECT_EQ(t.second, 58);
  EXPECT_EQ(text_of(s.get(), 2), "23:59:58.123456");
  auto ts = get<SQL_TIMESTAMP_STRUCT>(3, SQL_C_TYPE_TIMESTAMP);
  EXPECT_EQ(ts.year, 2024);
  EXPECT_EQ(ts.month, 2);
  EXPECT_EQ(ts.day, 29);
  EXPECT_EQ(ts.hour, 13);
  EXPECT_EQ(ts.minute, 45);
  EXPECT_EQ(ts.second, 7);
  EXPECT_EQ(ts.fraction, 123456000u);
  auto bc = get<SQL_DATE_STRUCT>(4, SQL_C_TYPE_DATE);
  EXPECT_EQ(bc.year, -43);
  get<SQL_TIMESTAMP_STRUCT>(5, SQL_C_TYPE_TIMESTAMP, SQL_ERROR);
  EXPECT_EQ(state(), "22007");
  EXPECT_EQ(text_of(s.get(), 5), "infinity");
  EXPECT_EQ(text_of(s.get(), 6), "1 day 02:03:04");
}

TEST_F(Types, TimestamptzKeepsTheSessionTimeZoneView) {
  Stmt set(c.dbc);
  PGW_EXEC(set, "SET TimeZone = 'Asia/Kolkata'");
  select("SELECT '2024-02-29 08:15:07.5+00'::timestamptz, '08:15:07+03'::timetz");
  EXPECT_EQ(text_of(s.get(), 1), "2024-02-29 13:45:07.5+05:30");
  auto ts = get<SQL_TIMESTAMP_STRUCT>(1, SQL_C_TYPE_TIMESTAMP);
  EXPECT_EQ(ts.hour, 13);
  EXPECT_EQ(ts.minute, 45);
  EXPECT_EQ(ts.second, 7);
  EXPECT_EQ(ts.fraction, 500000000u);
  auto tz = get<SQL_TIME_STRUCT>(2, SQL_C_TYPE_TIME);
  EXPECT_EQ(tz.hour, 8);
  EXPECT_EQ(text_of(s.get(), 2), "08:15:07+03");
}

TEST_F(Types, UuidAsGuidAndText) {
  select("SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid");
  auto g = get<SQLGUID>(1, SQL_C_GUID);
  EXPECT_EQ(g.Data1, 0xa0eebc99u);
  EXPECT_EQ(g.Data2, 0x9c0b);
  EXPECT_EQ(g.Data3, 0x4ef8);
  const unsigned char tail[8] = {0xbb, 0x6d, 0x6b, 0xb9, 0xbd, 0x38, 0x0a, 0x11};
  EXPECT_EQ(std::memcmp(g.Data4, tail, 8), 0);
  EXPECT_EQ(text_of(s.get(), 1), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
}

TEST_F(Types, ByteaWithEmbeddedNuls) {
  select("SELECT '\\x00ff004100'::bytea, ''::bytea");
  char bytes[16];
  SQLLEN indicator = 0;
  ASSERT_EQ(SQLGetData(s.get(), 1, SQL_C_BINARY, bytes, sizeof bytes, &indicator), SQL_SUCCESS)
      << s.diag();
  ASSERT_EQ(indicator, 5);
  EXPECT_EQ(std::memcmp(bytes, "\x00\xff\x00\x41\x00", 5), 0);
  EXPECT_EQ(text_of(s.get(), 1), "00ff004100");
  ASSERT_EQ(SQLGetData(s.get(), 2, SQL_C_BINARY, bytes, sizeof bytes, &indicator), SQL_SUCCESS);
  EXPECT_EQ(indicator, 0);
}

TEST_F(Types, NullsNeedAnIndicator) {
  select("SELECT NULL::int4, NULL::text");
  SQLINTEGER v = 0;
  SQLLEN indicator = 0;
  EXPECT_EQ(SQLGetData(s.get(), 1, SQL_C_SLONG, &v, 0, &indicator), SQL_SUCCESS);
  EXPECT_EQ(indicator, SQL_NULL_DATA);
  EXPECT_EQ(SQLGetData(s.get(), 1, SQL_C_SLONG, &v, 0, &indicator), SQL_NO_DATA);
  char text[8];
  EXPECT_EQ(SQLGetData(s.get(), 2, SQL_C_CHAR, text, sizeof text, nullptr), SQL_ERROR);
  EXPECT_EQ(state(), "22002");
}

TEST_F(Types, OtherTypesAsText) {
  select(
      "SELECT '{\"a\": [1, 2]}'::json, '{\"b\": 1}'::jsonb, '192.168.0.1/24'::inet, "
      "'10.0.0.0/8'::cidr, '08:00:2b:01:02:03'::macaddr, B'1010'::bit(4), B'11'::varbit, "
      "'<a/>'::xml, ARRAY[1,2,3], 'x'::name, 'y'::\"char\", 12.5::money");
  EXPECT_EQ(text_of(s.get(), 1), "{\"a\": [1, 2]}");
  EXPECT_EQ(text_of(s.get(), 2), "{\"b\": 1}");
  EXPECT_EQ(text_of(s.get(), 3), "192.168.0.1/24");
  EXPECT_EQ(text_of(s.get(), 4), "10.0.0.0/8");
  EXPECT_EQ(text_of(s.get(), 5), "08:00:2b:01:02:03");
  EXPECT_EQ(text_of(s.get(), 6), "1010");
  EXPECT_EQ(text_of(s.get(), 7), "11");
  EXPECT_EQ(text_of(s.get(), 8), "<a/>");
  EXPECT_EQ(text_of(s.get(), 9), "{1,2,3}");
  EXPECT_EQ(text_of(s.get(), 10), "x");
  EXPECT_EQ(text_of(s.get(), 11), "y");
  EXPECT_EQ(get<double>(12, SQL_C_DOUBLE), 12.5);
  SQLSMALLINT type = 0;
  SQLDescribeCol(s.get(), 9, nullptr, 0, nullptr, &type, nullptr, nullptr, nullptr);
  EXPECT_EQ(type, SQL_WVARCHAR);
}

// --- parameters ---

TEST_F(Types, ParametersOfEachCType) {
  const char* sql =
      "SELECT ?::text, ?::text, ?::int4, ?::int2, ?::int8, ?::int8, ?::int2, ?::bool, ?::float4, "
      "?::float8, ?::date, ?::time, ?::timestamp, ?::bytea, ?::numeric, ?::text";
  PGW_ASSERT_OK(SQLPrepare(s.get(), (SQLCHAR*)sql, SQL_NTS), SQL_HANDLE_STMT, s.get());
  char text[32];
  SQLWCHAR wtext[32];
  SQLINTEGER slong = 0;
  SQLSMALLINT sshort = 0;
  SQLBIGINT sbig = 0;
  SQLUINTEGER ulong = 0;
  SQLSCHAR tiny = 0;
  unsigned char bit = 0;
  float real = 0;
  double dbl = 0;
  SQL_DATE_STRUCT date{};
  SQL_TIME_STRUCT time{};
  SQL_TIMESTAMP_STRUCT stamp{};
  char bytes[4];
  SQL_NUMERIC_STRUCT num{};
  SQLLEN text_len = SQL_NTS, wtext_len = SQL_NTS, bytes_len = 0, null_ind = SQL_NULL_DATA;
  int n = 0;
  auto bind = [&](SQLSMALLINT c_type, SQLSMALLINT sql_type, void* value, SQLLEN buffer, SQLLEN* ind,
                  SQLULEN size = 0, SQLSMALLINT digits = 0) {
    ASSERT_TRUE(SQL_SUCCEEDED(SQLBindParameter(s.get(), SQLUSMALLINT(++n), SQL_PARAM_INPUT, c_type,
                                               sql_type, size, digits, value, buffer, ind)))
        << s.diag();
  };
  bind(SQL_C_CHAR, SQL_VARCHAR, text, sizeof text, &text_len, 30);
  bind(SQL_C_WCHAR, SQL_WVARCHAR, wtext, sizeof wtext, &wtext_len, 30);
  bind(SQL_C_SLONG, SQL_INTEGER, &slong, 0, nullptr);
  bind(SQL_C_SSHORT, SQL_SMALLINT, &sshort, 0, nullptr);
  bind(SQL_C_SBIGINT, SQL_BIGINT, &sbig, 0, nullptr);
  bind(SQL_C_ULONG, SQL_BIGINT, &ulong, 0, nullptr);
  bind(SQL_C_STINYINT, SQL_SMALLINT, &tiny, 0, nullptr);
  bind(SQL_C_BIT, SQL_BIT, &bit, 0, nullptr);
  bind(SQL_C_FLOAT, SQL_REAL, &real, 0, nullptr);
  bind(SQL_C_DOUBLE, SQL_DOUBLE, &dbl, 0, nullptr);
  bind(SQL_C_TYPE_DATE, SQL_TYPE_DATE, &date, 0, nullptr);
  bind(SQL_C_TYPE_TIME, SQL_TYPE_TIME, &time, 0, nullptr);
  bind(SQL_C_TYPE_TIMESTAMP, SQL_TYPE_TIMESTAMP, &stamp, 0, nullptr, 26, 6);
  bind(SQL_C_BINARY, SQL_VARBINARY, bytes, sizeof bytes, &bytes_len, 4);
  bind(SQL_C_NUMERIC, SQL_NUMERIC, &num, 0, nullptr, 10, 3);
  bind(SQL_C_CHAR, SQL_VARCHAR, text, sizeof text, &null_ind, 30);

  // First execution.
  std::strcpy(text, "h\xC3\xA9llo");
  const char16_t w1[] = u"w\U0001F600";
  std::memcpy(wtext, w1, sizeof w1);
  slong = INT32_MIN;
  sshort = -32768;
  sbig = INT64_MIN;
  ulong = 4294967295u;
  tiny = -128;
  bit = 1;
  real = 0.1f;
  dbl = 0.1;
  date = {2024, 2, 29};
  time = {23, 59, 58};
  stamp = {2024, 2, 29, 13, 45, 7, 123456000};
  std::memcpy(bytes, "\x00\xff\x00\x41", 4);
  bytes_len = 4;
  num.precision = 10;
  num.scale = 3;
  num.sign = 0;
  num.val[0] = 0x39;  // 12345 -> -12.345
  num.val[1] = 0x30;
  PGW_ASSERT_OK(SQLExecute(s.get()), SQL_HANDLE_STMT, s.get());
  auto rows = rows_of(s.get());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0],
            (std::vector<std::string>{"h\xC3\xA9llo", "w\xF0\x9F\x98\x80", "-2147483648", "-32768",
                                      "-9223372036854775808", "4294967295", "-128", "1", "0.1",
                                      "0.1", "2024-02-29", "23:59:58", "2024-02-29 13:45:07.123456",
                                      "00ff0041", "-12.345", "<null>"}));
  PGW_ASSERT_OK(SQLCloseCursor(s.get()), SQL_HANDLE_STMT, s.get());

  // Second execution with other values.
  std::strcpy(text, "second");
  text_len = 3;  // only "sec"
  const char16_t w2[] = u"\u4e2d";
  std::memcpy(wtext, w2, sizeof w2);
  slong = 7;
  sshort = 8;
  sbig = 9;
  ulong = 10;
  tiny = 11;
  bit = 0;
  real = -2.5f;
  dbl = -1e300;
  date = {1999, 12, 31};
  time = {0, 0, 1};
  stamp = {2000, 1, 1, 0, 0, 0, 0};
  bytes_len = 0;
  num.sign = 1;
  num.scale = 0;
  null_ind = SQL_NTS;
  PGW_ASSERT_OK(SQLExecute(s.get()), SQL_HANDLE_STMT, s.get());
  rows = rows_of(s.get());
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"sec", "\xE4\xB8\xAD", "7", "8", "9", "10", "11",
                                               "0", "-2.5", "-1e+300", "1999-12-31", "00:00:01",
                                               "2000-01-01 00:00:00", "", "12345", "second"}));
}

TEST_F(Types, ParameterTypesReachTheServer) {
  // The OID follows the SQL type: an integer parameter makes an integer expression.
  SQLINTEGER v = 41;
  PGW_ASSERT_OK(
      SQLBindParameter(s.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0, nullptr),
      SQL_HANDLE_STMT, s.get());
  PGW_EXEC(s, "SELECT pg_typeof(?)::text");
  EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"integer"}}));
  SQLFreeStmt(s.get(), SQL_CLOSE);
  // Character data is left to the server to type.
  char text[] = "42";
  SQLLEN nts = SQL_NTS;
  PGW_ASSERT_OK(
      SQLBindParameter(s.get(), 1, SQL_PARAM_INPUT, SQL_C_CHAR, SQL_VARCHAR, 10, 0, text, 0, &nts),
      SQL_HANDLE_STMT, s.get());
  PGW_EXEC(s, "SELECT ? + 1");
  EXPECT_EQ(rows_of(s.get()), (std::vector<std::vector<std::string>>{{"43"}}));
}

TEST_F(Types, DataAtExecutionIsNotSupportedYet) {
  SQLINTEGER v = 1;
  SQLLEN ind = SQL_DATA_AT_EXEC;
  PGW_ASSERT_OK(
      SQLBindParameter(s.get(), 1, SQL_PARAM_INPUT, SQL_C_SLONG, SQL_INTEGER, 0, 0, &v, 0, &ind),
      SQL_HANDLE_STMT, s.get());
  PGW_EXPECT_STATE(s.exec("SELECT ?"), SQL_HANDLE_STMT, s.get(), SQL_ERROR, "HYC00");
}

}  // namespace
}  // namespace pgwtest
