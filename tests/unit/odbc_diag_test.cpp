// SQLGetDiagRec / SQLGetDiagField logic on handles of each type, without a driver manager.
#include <gtest/gtest.h>

#include <cstring>

#include "odbc/diag_request.hpp"
#include "odbc/handle.hpp"

namespace pgw::odbc {
namespace {

ServerFields server_error() {
  ServerFields f;
  f.severity = "ERROR";
  f.sqlstate = "23505";
  f.message = "duplicate key value violates unique constraint \"t_pkey\"";
  f.detail = "Key (id)=(1) already exists.";
  f.hint = "Use another key.";
  return f;
}

class DiagTest : public ::testing::Test {
 protected:
  void SetUp() override {
    stmt.diag().server_name = "mydsn";
    stmt.diag().add(DriverError(server_error()));
    stmt.diag().add("01004", "string data, right truncated");
    stmt.diag().row_count = 7;
    stmt.diag().return_code = SQL_ERROR;
    stmt.diag().dynamic_function = "INSERT";
    stmt.diag().dynamic_function_code = SQL_DIAG_INSERT;
  }
  Handle stmt{SQL_HANDLE_STMT};
  Handle dbc{SQL_HANDLE_DBC};
};

TEST_F(DiagTest, RecordsInOrderWithServerTextDetailAndHint) {
  SQLCHAR state[6];
  SQLINTEGER native = -1;
  char msg[512];
  SQLSMALLINT len = 0;
  ASSERT_EQ(get_diag_rec(stmt, 1, state, Encoding::Utf8, &native,
                         StringOut{msg, sizeof msg, Encoding::Utf8, LengthUnit::Bytes}, &len),
            SQL_SUCCESS);
  EXPECT_STREQ(reinterpret_cast<char*>(state), "23505");
  EXPECT_EQ(native, 0);
  const std::string text(msg);
  EXPECT_EQ(static_cast<std::size_t>(len), text.size());
  EXPECT_EQ(
      text,
      "[pgwire-odbc][server] ERROR: duplicate key value violates unique constraint \"t_pkey\"\n"
      "DETAIL: Key (id)=(1) already exists.\nHINT: Use another key.");
  ASSERT_EQ(get_diag_rec(stmt, 2, state, Encoding::Utf8, &native,
                         StringOut{msg, sizeof msg, Encoding::Utf8, LengthUnit::Bytes}, &len),
            SQL_SUCCESS);
  EXPECT_STREQ(reinterpret_cast<char*>(state), "01004");
  EXPECT_STREQ(msg, "[pgwire-odbc] string data, right truncated");
}

TEST_F(DiagTest, RecordZeroOrNegativeIsErrorPastTheEndIsNoData) {
  SQLCHAR state[6];
  char msg[64];
  const StringOut out{msg, sizeof msg, Encoding::Utf8, LengthUnit::Bytes};
  EXPECT_EQ(get_diag_rec(stmt, 0, state, Encoding::Utf8, nullptr, out, nullptr), SQL_ERROR);
  EXPECT_EQ(get_diag_rec(stmt, -1, state, Encoding::Utf8, nullptr, out, nullptr), SQL_ERROR);
  EXPECT_EQ(get_diag_rec(stmt, 3, state, Encoding::Utf8, nullptr, out, nullptr), SQL_NO_DATA);
  EXPECT_EQ(get_diag_rec(dbc, 1, state, Encoding::Utf8, nullptr, out, nullptr), SQL_NO_DATA);
  EXPECT_EQ(get_diag_rec(stmt, 1, state, Encoding::Utf8, nullptr,
                         StringOut{msg, -1, Encoding::Utf8, LengthUnit::Bytes}, nullptr),
            SQL_ERROR);
}

TEST_F(DiagTest, ShortBufferIsSuccessWithInfoWithFullLengthAndPostsNothing) {
  SQLCHAR state[6];
  char msg[10];
  SQLSMALLINT len = 0;
  EXPECT_EQ(get_diag_rec(stmt, 2, state, Encoding::Utf8, nullptr,
                         StringOut{msg, sizeof msg, Encoding::Utf8, LengthUnit::Bytes}, &len),
            SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(len,
            static_cast<SQLSMALLINT>(std::strlen("[pgwire-odbc] string data, right truncated")));
  EXPECT_STREQ(msg, "[pgwire-o");
  EXPECT_EQ(stmt.diag().records().size(), 2u);
}

TEST_F(DiagTest, WideRecordCountsCharacters) {
  SQLWCHAR state[6];
  SQLWCHAR msg[8];
  SQLSMALLINT len = 0;
  EXPECT_EQ(get_diag_rec(stmt, 2, state, Encoding::Utf16, nullptr,
                         StringOut{msg, 8, Encoding::Utf16, LengthUnit::Chars}, &len),
            SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(len,
            static_cast<SQLSMALLINT>(std::strlen("[pgwire-odbc] string data, right truncated")));
  EXPECT_EQ(state[0], u'0');
  EXPECT_EQ(state[4], u'4');
  EXPECT_EQ(state[5], 0);
  EXPECT_EQ(msg[6], u'e');
  EXPECT_EQ(msg[7], 0);
}

TEST_F(DiagTest, HeaderFields) {
  SQLINTEGER number = 0;
  EXPECT_EQ(get_diag_field(stmt, 0, SQL_DIAG_NUMBER, &number, 0, nullptr, Encoding::Utf8),
            SQL_SUCCESS);
  EXPECT_EQ(number, 2);
  SQLRETURN rc = 0;
  EXPECT_EQ(get_diag_field(stmt, 0, SQL_DIAG_RETURNCODE, &rc, 0, nullptr, Encoding::Utf8),
            SQL_SUCCESS);
  EXPECT_EQ(rc, SQL_ERROR);
  SQLLEN rows = 0;
  EXPECT_EQ(get_diag_field(stmt, 0, SQL_DIAG_ROW_COUNT, &rows, 0, nullptr, Encoding::Utf8),
            SQL_SUCCESS);
  EXPECT_EQ(rows, 7);
  SQLLEN cursor_rows = -5;
  EXPECT_EQ(
      get_diag_field(stmt, 0, SQL_DIAG_CURSOR_ROW_COUNT, &cursor_rows, 0, nullptr, Encoding::Utf8),
      SQL_SUCCESS);
  EXPECT_EQ(cursor_rows, 0);
  SQLINTEGER code = 0;
  EXPECT_EQ(
      get_diag_field(stmt, 0, SQL_DIAG_DYNAMIC_FUNCTION_CODE, &code, 0, nullptr, Encoding::Utf8),
      SQL_SUCCESS);
  EXPECT_EQ(code, SQL_DIAG_INSERT);
  char fn[16];
  SQLSMALLINT len = 0;
  EXPECT_EQ(get_diag_field(stmt, 0, SQL_DIAG_DYNAMIC_FUNCTION, fn, sizeof fn, &len, Encoding::Utf8),
            SQL_SUCCESS);
  EXPECT_STREQ(fn, "INSERT");
  EXPECT_EQ(len, 6);
}

TEST_F(DiagTest, StatementOnlyHeaderFieldsFailOnOtherHandles) {
  SQLLEN rows = 0;
  SQLINTEGER code = 0;
  char fn[8];
  EXPECT_EQ(get_diag_field(dbc, 0, SQL_DIAG_ROW_COUNT, &rows, 0, nullptr, Encoding::Utf8),
            SQL_ERROR);
  EXPECT_EQ(get_diag_field(dbc, 0, SQL_DIAG_CURSOR_ROW_COUNT, &rows, 0, nullptr, Encoding::Utf8),
            SQL_ERROR);
  EXPECT_EQ(
      get_diag_field(dbc, 0, SQL_DIAG_DYNAMIC_FUNCTION_CODE, &code, 0, nullptr, Encoding::Utf8),
      SQL_ERROR);
  EXPECT_EQ(get_diag_field(dbc, 0, SQL_DIAG_DYNAMIC_FUNCTION, fn, 8, nullptr, Encoding::Utf8),
            SQL_ERROR);
  SQLINTEGER number = -1;
  EXPECT_EQ(get_diag_field(dbc, 0, SQL_DIAG_NUMBER, &number, 0, nullptr, Encoding::Utf8),
            SQL_SUCCESS);
  EXPECT_EQ(number, 0);
}

TEST_F(DiagTest, RecordFields) {
  char text[512];
  SQLSMALLINT len = 0;
  ASSERT_EQ(get_diag_field(stmt, 1, SQL_DIAG_SQLSTATE, text, sizeof text, &len, Encoding::Utf8),
            SQL_SUCCESS);
  EXPECT_STREQ(text, "23505");
  EXPECT_EQ(len, 5);
  ASSERT_EQ(get_diag_field(stmt, 1, SQL_DIAG_CLASS_ORIGIN, text, sizeof text, &len, Encoding::Utf8),
            SQL_SUCCESS);
  EXPECT_STREQ(text, "ISO 9075");
  ASSERT_EQ(
      get_diag_field(stmt, 1, SQL_DIAG_SUBCLASS_ORIGIN, text, sizeof text, &len, Encoding::Utf8),
      SQL_SUCCESS);
  EXPECT_STREQ(text, "ISO 9075");
  ASSERT_EQ(get_diag_field(stmt, 1, SQL_DIAG_SERVER_NAME, text, sizeof text, &len, Encoding::Utf8),
            SQL_SUCCESS);
  EXPECT_STREQ(text, "mydsn");
  ASSERT_EQ(
      get_diag_field(stmt, 1, SQL_DIAG_CONNECTION_NAME, text, sizeof text, &len, Encoding::Utf8),
      SQL_SUCCESS);
  EXPECT_STREQ(text, "mydsn");
  ASSERT_EQ(get_diag_field(stmt, 1, SQL_DIAG_MESSAGE_TEXT, text, sizeof text, &len, Encoding::Utf8),
            SQL_SUCCESS);
  EXPECT_EQ(std::string(text).find("[pgwire-odbc][server] ERROR: duplicate key"), 0u);
  SQLINTEGER native = -1;
  ASSERT_EQ(get_diag_field(stmt, 1, SQL_DIAG_NATIVE, &native, 0, nullptr, Encoding::Utf8),
            SQL_SUCCESS);
  EXPECT_EQ(native, 0);
  SQLLEN row = 0;
  ASSERT_EQ(get_diag_field(stmt, 1, SQL_DIAG_ROW_NUMBER, &row, 0, nullptr, Encoding::Utf8),
            SQL_SUCCESS);
  EXPECT_EQ(row, SQL_NO_ROW_NUMBER);
  SQLINTEGER column = 0;
  ASSERT_EQ(get_diag_field(stmt, 1, SQL_DIAG_COLUMN_NUMBER, &column, 0, nullptr, Encoding::Utf8),
            SQL_SUCCESS);
  EXPECT_EQ(column, SQL_NO_COLUMN_NUMBER);
  // An ODBC-defined subclass of an ISO class.
  ASSERT_EQ(
      get_diag_field(stmt, 2, SQL_DIAG_SUBCLASS_ORIGIN, text, sizeof text, &len, Encoding::Utf8),
      SQL_SUCCESS);
  EXPECT_STREQ(text, "ISO 9075");
}

TEST_F(DiagTest, RecordFieldRulesForNumbersAndBuffers) {
  char text[4];
  SQLSMALLINT len = 0;
  EXPECT_EQ(get_diag_field(stmt, 0, SQL_DIAG_SQLSTATE, text, sizeof text, &len, Encoding::Utf8),
            SQL_ERROR);
  EXPECT_EQ(get_diag_field(stmt, 3, SQL_DIAG_SQLSTATE, text, sizeof text, &len, Encoding::Utf8),
            SQL_NO_DATA);
  EXPECT_EQ(get_diag_field(stmt, 1, SQL_DIAG_SQLSTATE, text, sizeof text, &len, Encoding::Utf8),
            SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(len, 5);
  EXPECT_STREQ(text, "235");
  EXPECT_EQ(get_diag_field(stmt, 1, SQL_DIAG_SQLSTATE, text, -1, &len, Encoding::Utf8), SQL_ERROR);
  EXPECT_EQ(get_diag_field(stmt, 1, 12345, text, sizeof text, &len, Encoding::Utf8), SQL_ERROR);
  EXPECT_EQ(stmt.diag().records().size(), 2u);
}

TEST_F(DiagTest, WideFieldsCountBytes) {
  SQLWCHAR text[4];
  SQLSMALLINT len = 0;
  EXPECT_EQ(get_diag_field(stmt, 1, SQL_DIAG_SQLSTATE, text, sizeof text, &len, Encoding::Utf16),
            SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(len, 10);
  EXPECT_EQ(text[0], u'2');
  EXPECT_EQ(text[2], u'5');
  EXPECT_EQ(text[3], 0);
}

TEST(DiagHandleLookup, WrongTypeOrStalePointerIsInvalidHandle) {
  auto* h = new Handle(SQL_HANDLE_DBC);
  const void* p = h;
  EXPECT_EQ(with_handle(SQL_HANDLE_DBC, p, [](Handle&) { return SQL_SUCCESS; }), SQL_SUCCESS);
  EXPECT_EQ(with_handle(SQL_HANDLE_STMT, p, [](Handle&) { return SQL_SUCCESS; }),
            SQL_INVALID_HANDLE);
  delete h;
  EXPECT_EQ(with_handle(SQL_HANDLE_DBC, p, [](Handle&) { return SQL_SUCCESS; }),
            SQL_INVALID_HANDLE);
  int not_a_handle = 0;
  EXPECT_EQ(with_handle(SQL_HANDLE_ENV, &not_a_handle, [](Handle&) { return SQL_SUCCESS; }),
            SQL_INVALID_HANDLE);
  EXPECT_EQ(with_handle(SQL_HANDLE_ENV, nullptr, [](Handle&) { return SQL_SUCCESS; }),
            SQL_INVALID_HANDLE);
}

}  // namespace
}  // namespace pgw::odbc

namespace pgw::odbc {
namespace {

TEST(DiagOrigins, AsOdbcDefinesThem) {
  struct Case {
    const char* state;
    const char* class_origin;
    const char* subclass_origin;
  };
  for (const Case& c :
       {Case{"23505", "ISO 9075", "ISO 9075"}, Case{"HYC00", "ISO 9075", "ISO 9075"},
        Case{"HY000", "ISO 9075", "ISO 9075"}, Case{"08S01", "ISO 9075", "ODBC 3.0"},
        Case{"01S00", "ISO 9075", "ODBC 3.0"}, Case{"42S02", "ISO 9075", "ODBC 3.0"},
        Case{"HYT00", "ISO 9075", "ODBC 3.0"}, Case{"HY110", "ISO 9075", "ODBC 3.0"},
        Case{"IM008", "ODBC 3.0", "ODBC 3.0"}, Case{"28P01", "ISO 9075", "ISO 9075"},
        Case{"01004", "ISO 9075", "ISO 9075"}}) {
    EXPECT_EQ(class_origin(c.state), c.class_origin) << c.state;
    EXPECT_EQ(subclass_origin(c.state), c.subclass_origin) << c.state;
  }
}

}  // namespace
}  // namespace pgw::odbc
