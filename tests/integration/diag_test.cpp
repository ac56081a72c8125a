// Diagnostics as applications read them through unixODBC: records, every field, the server's
// SQLSTATE/message/detail/hint, buffer rules, and invalid handles.
#include <cstring>

#include "direct_driver.hpp"
#include "odbc_test_support.hpp"

namespace pgwtest {
namespace {

// A connection handle whose connect failed with the server's "invalid value" error and its hint.
struct FailedWithHint {
  Env env;
  Dbc dbc{env};
  FailedWithHint() { rc = dbc.connect(conn_str() + ";Options={-c work_mem=5x}"); }
  SQLRETURN rc;
};

const char* kHintMessage =
    "[pgwire-odbc][server] FATAL: invalid value for parameter \"work_mem\": \"5x\"\n"
    "HINT: Valid units for this parameter are \"B\", \"kB\", \"MB\", \"GB\", and \"TB\".";

TEST(Diag, ServerErrorWithHintReachesTheApplication) {
  FailedWithHint f;
  ASSERT_EQ(f.rc, SQL_ERROR);
  SQLCHAR state[6] = {0}, msg[1024] = {0};
  SQLINTEGER native = -1;
  SQLSMALLINT len = 0;
  ASSERT_EQ(SQLGetDiagRec(SQL_HANDLE_DBC, f.dbc.get(), 1, state, &native, msg, sizeof msg, &len),
            SQL_SUCCESS);
  EXPECT_STREQ(reinterpret_cast<char*>(state), "22023");
  EXPECT_EQ(native, 0);
  EXPECT_STREQ(reinterpret_cast<char*>(msg), kHintMessage);
  EXPECT_EQ(len, static_cast<SQLSMALLINT>(std::strlen(kHintMessage)));
  EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_DBC, f.dbc.get(), 2, state, &native, msg, sizeof msg, &len),
            SQL_NO_DATA);
}

TEST(Diag, RecordZeroAndNegativeAreErrors) {
  FailedWithHint f;
  SQLCHAR state[6], msg[64];
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_DBC, f.dbc.get(), 0, state, &native, msg, sizeof msg, &len),
            SQL_ERROR);
  EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_DBC, f.dbc.get(), -1, state, &native, msg, sizeof msg, &len),
            SQL_ERROR);
}

TEST(Diag, ShortBufferIsSuccessWithInfoAndTheFullLength) {
  FailedWithHint f;
  SQLCHAR state[6], msg[20];
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  EXPECT_EQ(SQLGetDiagRec(SQL_HANDLE_DBC, f.dbc.get(), 1, state, &native, msg, sizeof msg, &len),
            SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(len, static_cast<SQLSMALLINT>(std::strlen(kHintMessage)));
  EXPECT_EQ(std::string(reinterpret_cast<char*>(msg)), std::string(kHintMessage).substr(0, 19));
  // Reading diagnostics posts none: the record is still the only one.
  SQLINTEGER count = 0;
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, f.dbc.get(), 0, SQL_DIAG_NUMBER, &count, 0, nullptr),
            SQL_SUCCESS);
  EXPECT_EQ(count, 1);
}

TEST(Diag, WideRecord) {
  FailedWithHint f;
  SQLWCHAR state[6] = {0}, msg[1024] = {0};
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  ASSERT_EQ(SQLGetDiagRecW(SQL_HANDLE_DBC, f.dbc.get(), 1, state, &native, msg, 1024, &len),
            SQL_SUCCESS);
  EXPECT_EQ(state[0], u'2');
  EXPECT_EQ(state[4], u'3');
  EXPECT_EQ(len, static_cast<SQLSMALLINT>(std::strlen(kHintMessage)));  // all ASCII: units == bytes
  EXPECT_EQ(msg[0], u'[');
  EXPECT_EQ(msg[len], 0);
}

TEST(Diag, FieldsOfAFailedConnectComeFromTheDriverManagersCopy) {
  // After a failed connect unixODBC answers from the records it copied out of the driver: SQLSTATE,
  // message and native error are the driver's; the origins and the return code are its own.
  FailedWithHint f;
  SQLHDBC h = f.dbc.get();
  char text[1024];
  SQLSMALLINT len = 0;
  ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_SQLSTATE, text, sizeof text, &len),
            SQL_SUCCESS);
  EXPECT_STREQ(text, "22023");
  ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_MESSAGE_TEXT, text, sizeof text, &len),
            SQL_SUCCESS);
  EXPECT_STREQ(text, kHintMessage);
  SQLINTEGER native = -1;
  ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_NATIVE, &native, 0, nullptr),
            SQL_SUCCESS);
  EXPECT_EQ(native, 0);
  ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_CLASS_ORIGIN, text, sizeof text, &len),
            SQL_SUCCESS);
  // unixODBC 2.3.11's own answer for the copy it keeps (the driver says ISO 9075).
  EXPECT_STREQ(text, "ODBC 3.0");
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 2, SQL_DIAG_SQLSTATE, text, sizeof text, &len),
            SQL_NO_DATA);
  SQLLEN rows = 0;
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 0, SQL_DIAG_ROW_COUNT, &rows, 0, nullptr),
            SQL_ERROR);
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 0, SQL_DIAG_CURSOR_ROW_COUNT, &rows, 0, nullptr),
            SQL_ERROR);
}

TEST(Diag, FieldsOnAnOpenConnectionComeFromTheDriver) {
  Connected c;
  SQLHDBC h = c.dbc.get();
  ASSERT_EQ(SQLSetConnectAttr(h, SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER) "postgres", SQL_NTS),
            SQL_ERROR);
  char text[1024];
  SQLSMALLINT len = 0;
  ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_SQLSTATE, text, sizeof text, &len),
            SQL_SUCCESS);
  EXPECT_STREQ(text, "HYC00");
  EXPECT_EQ(len, 5);
  ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_MESSAGE_TEXT, text, sizeof text, &len),
            SQL_SUCCESS);
  EXPECT_EQ(std::string(text),
            "[pgwire-odbc] a PostgreSQL session cannot switch to another database (catalog); "
            "connect with "
            "Database=postgres instead");
  ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_CLASS_ORIGIN, text, sizeof text, &len),
            SQL_SUCCESS);
  EXPECT_STREQ(text, "ISO 9075");  // HY is the ISO CLI's class; only IM is ODBC's own
  ASSERT_EQ(
      SQLGetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_SUBCLASS_ORIGIN, text, sizeof text, &len),
      SQL_SUCCESS);
  EXPECT_STREQ(text, "ISO 9075");
  ASSERT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_SERVER_NAME, text, sizeof text, &len),
            SQL_SUCCESS);
  EXPECT_STREQ(text, "");  // DSN-less: SQL_DATA_SOURCE_NAME is empty too
  ASSERT_EQ(
      SQLGetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_CONNECTION_NAME, text, sizeof text, &len),
      SQL_SUCCESS);
  EXPECT_STREQ(text, "");
  // Row and column numbers are defined for statement handles only; unixODBC refuses them on a
  // connection handle without asking the driver.
  SQLLEN row = 0;
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_ROW_NUMBER, &row, 0, nullptr),
            SQL_ERROR);
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 2, SQL_DIAG_SQLSTATE, text, sizeof text, &len),
            SQL_NO_DATA);
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, h, 0, SQL_DIAG_SQLSTATE, text, sizeof text, &len),
            SQL_ERROR);
}

TEST(DirectDiag, EveryFieldOfAServerError) {
  DirectDriver d;
  DirectHandles hs(d);
  ASSERT_EQ(hs.connect(conn_str() + ";Options={-c work_mem=5x}"), SQL_ERROR);
  SQLHANDLE h = hs.dbc;
  SQLINTEGER number = 0;
  ASSERT_EQ(d.GetDiagField(SQL_HANDLE_DBC, h, 0, SQL_DIAG_NUMBER, &number, 0, nullptr),
            SQL_SUCCESS);
  EXPECT_EQ(number, 1);
  SQLRETURN rc = 0;
  ASSERT_EQ(d.GetDiagField(SQL_HANDLE_DBC, h, 0, SQL_DIAG_RETURNCODE, &rc, 0, nullptr),
            SQL_SUCCESS);
  EXPECT_EQ(rc, SQL_ERROR);
  char text[1024];
  SQLSMALLINT len = 0;
  ASSERT_EQ(d.GetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_SQLSTATE, text, sizeof text, &len),
            SQL_SUCCESS);
  EXPECT_STREQ(text, "22023");
  ASSERT_EQ(d.GetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_MESSAGE_TEXT, text, sizeof text, &len),
            SQL_SUCCESS);
  EXPECT_STREQ(text, kHintMessage);
  ASSERT_EQ(d.GetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_CLASS_ORIGIN, text, sizeof text, &len),
            SQL_SUCCESS);
  EXPECT_STREQ(text, "ISO 9075");
  ASSERT_EQ(d.GetDiagField(SQL_HANDLE_DBC, h, 1, SQL_DIAG_SUBCLASS_ORIGIN, text, sizeof text, &len),
            SQL_SUCCESS);
  EXPECT_STREQ(text, "ISO 9075");
  EXPECT_EQ(d.GetDiagField(SQL_HANDLE_DBC, h, 0, SQL_DIAG_MESSAGE_TEXT, text, sizeof text, &len),
            SQL_ERROR);
  EXPECT_EQ(d.GetDiagField(SQL_HANDLE_DBC, h, 2, SQL_DIAG_MESSAGE_TEXT, text, sizeof text, &len),
            SQL_NO_DATA);
  EXPECT_EQ(d.GetDiagRec(SQL_HANDLE_DBC, h, 0, nullptr, nullptr, nullptr, 0, nullptr), SQL_ERROR);
  SQLLEN rows = 0;
  EXPECT_EQ(d.GetDiagField(SQL_HANDLE_DBC, h, 0, SQL_DIAG_ROW_COUNT, &rows, 0, nullptr), SQL_ERROR);
}

TEST(Diag, ShortFieldBufferIsSuccessWithInfo) {
  FailedWithHint f;
  char text[8];
  SQLSMALLINT len = 0;
  EXPECT_EQ(SQLGetDiagField(SQL_HANDLE_DBC, f.dbc.get(), 1, SQL_DIAG_MESSAGE_TEXT, text,
                            sizeof text, &len),
            SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(len, static_cast<SQLSMALLINT>(std::strlen(kHintMessage)));
  EXPECT_STREQ(text, "[pgwire");
}

TEST(Diag, ServerNameIsTheDsn) {
  Env e;
  Dbc dbc(e);
  ASSERT_EQ(
      SQLConnect(dbc.get(), (SQLCHAR*)"pgw_scram", SQL_NTS, nullptr, 0, (SQLCHAR*)"wrong", SQL_NTS),
      SQL_ERROR);
  char text[64];
  SQLSMALLINT len = 0;
  // A connect failure happens before the DSN is the connection's: nothing to name yet.
  ASSERT_EQ(
      SQLGetDiagField(SQL_HANDLE_DBC, dbc.get(), 1, SQL_DIAG_SQLSTATE, text, sizeof text, &len),
      SQL_SUCCESS);
  EXPECT_STREQ(text, "28P01");
  PGW_ASSERT_OK(SQLConnect(dbc.get(), (SQLCHAR*)"pgw", SQL_NTS, nullptr, 0, nullptr, 0),
                SQL_HANDLE_DBC, dbc.get());
  PGW_EXPECT_STATE(
      SQLSetConnectAttr(dbc.get(), SQL_ATTR_CURRENT_CATALOG, (SQLPOINTER) "postgres", SQL_NTS),
      SQL_HANDLE_DBC, dbc.get(), SQL_ERROR, "HYC00");
  ASSERT_EQ(
      SQLGetDiagField(SQL_HANDLE_DBC, dbc.get(), 1, SQL_DIAG_SERVER_NAME, text, sizeof text, &len),
      SQL_SUCCESS);
  EXPECT_STREQ(text, "pgw");
  SQLDisconnect(dbc.get());
}

TEST(Diag, StatementErrorWithDetail) {
  Connected c;
  SQLUSMALLINT exec = SQL_FALSE;
  SQLGetFunctions(c.dbc.get(), SQL_API_SQLEXECDIRECT, &exec);
  if (exec != SQL_TRUE)
    GTEST_SKIP() << "needs SQLExecDirect from the statement half (not in this build)";
  Stmt s(c.dbc);
  PGW_ASSERT_OK(s.exec("CREATE TEMP TABLE t_dup (id int PRIMARY KEY)"), SQL_HANDLE_STMT, s.get());
  PGW_ASSERT_OK(s.exec("INSERT INTO t_dup VALUES (1)"), SQL_HANDLE_STMT, s.get());
  EXPECT_EQ(s.exec("INSERT INTO t_dup VALUES (1)"), SQL_ERROR);
  SQLCHAR state[6] = {0}, msg[1024] = {0};
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  ASSERT_EQ(SQLGetDiagRec(SQL_HANDLE_STMT, s.get(), 1, state, &native, msg, sizeof msg, &len),
            SQL_SUCCESS);
  EXPECT_STREQ(reinterpret_cast<char*>(state), "23505");
  EXPECT_STREQ(
      reinterpret_cast<char*>(msg),
      "[pgwire-odbc][server] ERROR: duplicate key value violates unique constraint \"t_dup_pkey\"\n"
      "DETAIL: Key (id)=(1) already exists.");
}

// --- invalid handles ---

TEST(InvalidHandle, DriverRefusesFreedForeignAndMistypedHandles) {
  DirectDriver d;
  SQLHANDLE stale = nullptr;
  {
    DirectHandles h(d);
    stale = h.dbc;
    char buf[64];
    SQLSMALLINT len = 0;
    EXPECT_EQ(d.GetInfo(h.dbc, SQL_DRIVER_NAME, buf, sizeof buf, &len), SQL_SUCCESS);
    EXPECT_STREQ(buf, "libpgwireodbc.so");
    // An environment handle where a connection handle belongs.
    EXPECT_EQ(d.GetInfo(h.env, SQL_DRIVER_NAME, buf, sizeof buf, &len), SQL_INVALID_HANDLE);
    EXPECT_EQ(d.GetDiagRec(SQL_HANDLE_ENV, h.dbc, 1, nullptr, nullptr, nullptr, 0, nullptr),
              SQL_INVALID_HANDLE);
  }
  char buf[64];
  SQLSMALLINT len = 0;
  EXPECT_EQ(d.GetInfo(stale, SQL_DRIVER_NAME, buf, sizeof buf, &len), SQL_INVALID_HANDLE);
  EXPECT_EQ(d.Disconnect(stale), SQL_INVALID_HANDLE);
  EXPECT_EQ(d.FreeHandle(SQL_HANDLE_DBC, stale), SQL_INVALID_HANDLE);
  int foreign[16] = {0};
  EXPECT_EQ(d.GetInfo(foreign, SQL_DRIVER_NAME, buf, sizeof buf, &len), SQL_INVALID_HANDLE);
  EXPECT_EQ(d.GetInfo(nullptr, SQL_DRIVER_NAME, buf, sizeof buf, &len), SQL_INVALID_HANDLE);
  EXPECT_EQ(d.FreeHandle(SQL_HANDLE_STMT, foreign), SQL_INVALID_HANDLE);
  EXPECT_EQ(d.GetDiagField(SQL_HANDLE_DBC, foreign, 0, SQL_DIAG_NUMBER, buf, 0, nullptr),
            SQL_INVALID_HANDLE);
}

TEST(DirectDiag, EnvironmentAttributesAndTheirErrors) {
  DirectDriver d;
  SQLHANDLE env = nullptr;
  ASSERT_EQ(d.AllocHandle(SQL_HANDLE_ENV, nullptr, &env), SQL_SUCCESS);
  EXPECT_EQ(
      d.SetEnvAttr(env, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3_80), 0),
      SQL_SUCCESS);
  SQLINTEGER version = 0;
  EXPECT_EQ(d.GetEnvAttr(env, SQL_ATTR_ODBC_VERSION, &version, 0, nullptr), SQL_SUCCESS);
  EXPECT_EQ(version, SQL_OV_ODBC3_80);
  EXPECT_EQ(d.SetEnvAttr(env, 9999, nullptr, 0), SQL_ERROR);
  EXPECT_EQ(d.state(SQL_HANDLE_ENV, env), "HY092");
  EXPECT_EQ(d.SetEnvAttr(env, SQL_ATTR_OUTPUT_NTS, reinterpret_cast<SQLPOINTER>(SQL_FALSE), 0),
            SQL_ERROR);
  EXPECT_EQ(d.state(SQL_HANDLE_ENV, env), "HYC00");
  // The next successful call clears the records.
  EXPECT_EQ(d.SetEnvAttr(env, SQL_ATTR_OUTPUT_NTS, reinterpret_cast<SQLPOINTER>(SQL_TRUE), 0),
            SQL_SUCCESS);
  EXPECT_EQ(d.state(SQL_HANDLE_ENV, env), "<none");
  EXPECT_EQ(d.FreeHandle(SQL_HANDLE_ENV, env), SQL_SUCCESS);
}

}  // namespace
}  // namespace pgwtest
