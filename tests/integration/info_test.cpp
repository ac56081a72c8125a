// SQLGetInfo through unixODBC against the test server, and SQLGetFunctions held against what the
// driver library really exports.
#include <cstring>
#include <string>
#include <vector>

#include "direct_driver.hpp"
#include "odbc_test_support.hpp"

namespace pgwtest {
namespace {

std::string info_text(SQLHDBC dbc, SQLUSMALLINT type) {
  char buf[2048] = {0};
  SQLSMALLINT len = -1;
  SQLRETURN rc = SQLGetInfo(dbc, type, buf, sizeof buf, &len);
  if (rc != SQL_SUCCESS)
    return "<rc " + std::to_string(rc) + " " + diagnostics(SQL_HANDLE_DBC, dbc) + ">";
  if (static_cast<std::size_t>(len) != std::strlen(buf)) return "<length mismatch>";
  return buf;
}

template <class T>
T info_number(SQLHDBC dbc, SQLUSMALLINT type) {
  T value{};
  SQLSMALLINT len = 0;
  EXPECT_EQ(SQLGetInfo(dbc, type, &value, sizeof value, &len), SQL_SUCCESS)
      << type << diagnostics(SQL_HANDLE_DBC, dbc);
  return value;
}

class Info : public ::testing::Test {
 protected:
  Connected c;
  SQLHDBC h() const { return c.dbc.get(); }
};

TEST_F(Info, DriverIdentity) {
  EXPECT_EQ(info_text(h(), SQL_DRIVER_NAME), "libpgwireodbc.so");
  EXPECT_EQ(info_text(h(), SQL_DRIVER_VER), "00.01.0000");
  EXPECT_EQ(info_text(h(), SQL_DRIVER_ODBC_VER), "03.80");
  EXPECT_EQ(info_number<SQLUINTEGER>(h(), SQL_ODBC_INTERFACE_CONFORMANCE),
            static_cast<SQLUINTEGER>(SQL_OIC_CORE));
  EXPECT_EQ(info_number<SQLUINTEGER>(h(), SQL_SQL_CONFORMANCE),
            static_cast<SQLUINTEGER>(SQL_SC_SQL92_ENTRY));
  EXPECT_EQ(info_number<SQLUINTEGER>(h(), SQL_ASYNC_MODE), static_cast<SQLUINTEGER>(SQL_AM_NONE));
}

TEST_F(Info, ServerAndSession) {
  EXPECT_EQ(info_text(h(), SQL_DBMS_NAME), "PostgreSQL");
  EXPECT_EQ(info_text(h(), SQL_DBMS_VER).substr(0, 3), "15.");
  EXPECT_EQ(info_text(h(), SQL_SERVER_NAME), env("PGW_HOST"));
  EXPECT_EQ(info_text(h(), SQL_DATA_SOURCE_NAME), "");
  EXPECT_EQ(info_text(h(), SQL_DATABASE_NAME), env("PGW_DB"));
  EXPECT_EQ(info_text(h(), SQL_USER_NAME), env("PGW_TRUST_USER"));
  EXPECT_EQ(info_text(h(), SQL_DATA_SOURCE_READ_ONLY), "N");
}

TEST_F(Info, NamesAndLimits) {
  EXPECT_EQ(info_text(h(), SQL_IDENTIFIER_QUOTE_CHAR), "\"");
  EXPECT_EQ(info_text(h(), SQL_CATALOG_TERM), "database");
  EXPECT_EQ(info_text(h(), SQL_SCHEMA_TERM), "schema");
  EXPECT_EQ(info_text(h(), SQL_TABLE_TERM), "table");
  EXPECT_EQ(info_text(h(), SQL_PROCEDURE_TERM), "function");
  EXPECT_EQ(info_text(h(), SQL_CATALOG_NAME_SEPARATOR), ".");
  EXPECT_EQ(info_text(h(), SQL_CATALOG_NAME), "Y");
  EXPECT_EQ(info_text(h(), SQL_SPECIAL_CHARACTERS), "$");
  for (SQLUSMALLINT t : {SQL_MAX_COLUMN_NAME_LEN, SQL_MAX_TABLE_NAME_LEN, SQL_MAX_SCHEMA_NAME_LEN,
                         SQL_MAX_CATALOG_NAME_LEN, SQL_MAX_IDENTIFIER_LEN, SQL_MAX_CURSOR_NAME_LEN,
                         SQL_MAX_PROCEDURE_NAME_LEN, SQL_MAX_USER_NAME_LEN})
    EXPECT_EQ(info_number<SQLUSMALLINT>(h(), t), 63) << t;
  EXPECT_EQ(info_number<SQLUSMALLINT>(h(), SQL_MAX_DRIVER_CONNECTIONS), 0);
  EXPECT_EQ(info_number<SQLUSMALLINT>(h(), SQL_ACTIVE_STATEMENTS), 0);
  EXPECT_EQ(info_number<SQLUINTEGER>(h(), SQL_MAX_STATEMENT_LEN), 0u);
  EXPECT_EQ(info_number<SQLUSMALLINT>(h(), SQL_IDENTIFIER_CASE), SQL_IC_LOWER);
  EXPECT_EQ(info_number<SQLUSMALLINT>(h(), SQL_QUOTED_IDENTIFIER_CASE), SQL_IC_SENSITIVE);
  EXPECT_EQ(info_number<SQLUSMALLINT>(h(), SQL_NULL_COLLATION), SQL_NC_HIGH);
  EXPECT_EQ(info_number<SQLUSMALLINT>(h(), SQL_CONCAT_NULL_BEHAVIOR), SQL_CB_NULL);
  EXPECT_EQ(info_text(h(), SQL_ACCESSIBLE_TABLES), "N");
  EXPECT_EQ(info_text(h(), SQL_NEED_LONG_DATA_LEN), "N");
}

TEST_F(Info, KeywordsAreThePostgresReservedWordsOdbcDoesNotList) {
  EXPECT_EQ(
      info_text(h(), SQL_KEYWORDS),
      "ANALYSE,ANALYZE,ARRAY,ASYMMETRIC,BINARY,CONCURRENTLY,CURRENT_CATALOG,CURRENT_ROLE,"
      "CURRENT_SCHEMA,DO,FREEZE,ILIKE,ISNULL,LATERAL,LIMIT,LOCALTIME,LOCALTIMESTAMP,NOTNULL,OFFSET,"
      "PLACING,RETURNING,SIMILAR,SYMMETRIC,TABLESAMPLE,VARIADIC,VERBOSE,WINDOW");
}

TEST_F(Info, Transactions) {
  EXPECT_EQ(info_number<SQLUSMALLINT>(h(), SQL_TXN_CAPABLE), SQL_TC_ALL);
  EXPECT_EQ(info_number<SQLUINTEGER>(h(), SQL_DEFAULT_TXN_ISOLATION),
            static_cast<SQLUINTEGER>(SQL_TXN_READ_COMMITTED));
  EXPECT_EQ(info_number<SQLUINTEGER>(h(), SQL_TXN_ISOLATION_OPTION),
            static_cast<SQLUINTEGER>(SQL_TXN_READ_UNCOMMITTED | SQL_TXN_READ_COMMITTED |
                                     SQL_TXN_REPEATABLE_READ | SQL_TXN_SERIALIZABLE));
  EXPECT_EQ(info_text(h(), SQL_MULTIPLE_ACTIVE_TXN), "Y");
  EXPECT_EQ(info_number<SQLUSMALLINT>(h(), SQL_CURSOR_COMMIT_BEHAVIOR), SQL_CB_PRESERVE);
}

TEST_F(Info, Cursors) {
  EXPECT_EQ(info_number<SQLUINTEGER>(h(), SQL_SCROLL_OPTIONS),
            static_cast<SQLUINTEGER>(SQL_SO_FORWARD_ONLY));
  EXPECT_EQ(info_number<SQLUINTEGER>(h(), SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1),
            static_cast<SQLUINTEGER>(SQL_CA1_NEXT));
  EXPECT_EQ(info_text(h(), SQL_MULT_RESULT_SETS), "Y");
}

TEST_F(Info, WideStringsMeasureBytes) {
  SQLWCHAR buf[64];
  SQLSMALLINT len = 0;
  ASSERT_EQ(SQLGetInfoW(h(), SQL_DBMS_NAME, buf, sizeof buf, &len), SQL_SUCCESS);
  EXPECT_EQ(len, 20);  // "PostgreSQL": 10 characters
  EXPECT_EQ(buf[0], u'P');
  EXPECT_EQ(buf[10], 0);
  ASSERT_EQ(SQLGetInfoW(h(), SQL_DBMS_NAME, buf, 8, &len), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(len, 20);
  EXPECT_EQ(buf[3], 0);
}

TEST_F(Info, ShortBufferTruncatesWith01004) {
  char buf[5];
  SQLSMALLINT len = 0;
  PGW_EXPECT_STATE(SQLGetInfo(h(), SQL_DBMS_NAME, buf, sizeof buf, &len), SQL_HANDLE_DBC, h(),
                   SQL_SUCCESS_WITH_INFO, "01004");
  EXPECT_EQ(len, 10);
  EXPECT_STREQ(buf, "Post");
}

TEST_F(Info, UnknownTypeIsHY096) {
  char buf[16];
  SQLSMALLINT len = 0;
  PGW_EXPECT_STATE(SQLGetInfo(h(), 4321, buf, sizeof buf, &len), SQL_HANDLE_DBC, h(), SQL_ERROR,
                   "HY096");
}

TEST(InfoUnconnected, DriverAnswersOnlyItsIdentity) {
  DirectDriver d;
  DirectHandles hs(d);
  char buf[64];
  SQLSMALLINT len = 0;
  EXPECT_EQ(d.GetInfo(hs.dbc, SQL_DRIVER_ODBC_VER, buf, sizeof buf, &len), SQL_SUCCESS);
  EXPECT_STREQ(buf, "03.80");
  EXPECT_EQ(d.GetInfo(hs.dbc, SQL_DBMS_NAME, buf, sizeof buf, &len), SQL_ERROR);
  EXPECT_EQ(d.state(SQL_HANDLE_DBC, hs.dbc), "08003");
}

// --- SQLGetFunctions against the library's exports ---

struct OdbcFunction {
  SQLUSMALLINT id;
  const char* name;
  bool wide;  // ODBC defines a W variant
};

// Every ODBC function by id (from the ODBC headers), independent of the driver's own table.
const std::vector<OdbcFunction>& odbc_functions() {
  static const std::vector<OdbcFunction> all = {
      {SQL_API_SQLALLOCCONNECT, "SQLAllocConnect", false},
      {SQL_API_SQLALLOCENV, "SQLAllocEnv", false},
      {SQL_API_SQLALLOCHANDLE, "SQLAllocHandle", false},
      {SQL_API_SQLALLOCHANDLESTD, "SQLAllocHandleStd", false},
      {SQL_API_SQLALLOCSTMT, "SQLAllocStmt", false},
      {SQL_API_SQLBINDCOL, "SQLBindCol", false},
      {SQL_API_SQLBINDPARAM, "SQLBindParam", false},
      {SQL_API_SQLBINDPARAMETER, "SQLBindParameter", false},
      {SQL_API_SQLBROWSECONNECT, "SQLBrowseConnect", true},
      {SQL_API_SQLBULKOPERATIONS, "SQLBulkOperations", false},
      {SQL_API_SQLCANCEL, "SQLCancel", false},
      {SQL_API_SQLCANCELHANDLE, "SQLCancelHandle", false},
      {SQL_API_SQLCLOSECURSOR, "SQLCloseCursor", false},
      {SQL_API_SQLCOLATTRIBUTE, "SQLColAttribute", true},
      {SQL_API_SQLCOLATTRIBUTES, "SQLColAttributes", true},
      {SQL_API_SQLCOLUMNPRIVILEGES, "SQLColumnPrivileges", true},
      {SQL_API_SQLCOLUMNS, "SQLColumns", true},
      {SQL_API_SQLCONNECT, "SQLConnect", true},
      {SQL_API_SQLCOPYDESC, "SQLCopyDesc", false},
      {SQL_API_SQLDATASOURCES, "SQLDataSources", true},
      {SQL_API_SQLDESCRIBECOL, "SQLDescribeCol", true},
      {SQL_API_SQLDESCRIBEPARAM, "SQLDescribeParam", false},
      {SQL_API_SQLDISCONNECT, "SQLDisconnect", false},
      {SQL_API_SQLDRIVERCONNECT, "SQLDriverConnect", true},
      {SQL_API_SQLDRIVERS, "SQLDrivers", true},
      {SQL_API_SQLENDTRAN, "SQLEndTran", false},
      {SQL_API_SQLERROR, "SQLError", true},
      {SQL_API_SQLEXECDIRECT, "SQLExecDirect", true},
      {SQL_API_SQLEXECUTE, "SQLExecute", false},
      {SQL_API_SQLEXTENDEDFETCH, "SQLExtendedFetch", false},
      {SQL_API_SQLFETCH, "SQLFetch", false},
      {SQL_API_SQLFETCHSCROLL, "SQLFetchScroll", false},
      {SQL_API_SQLFOREIGNKEYS, "SQLForeignKeys", true},
      {SQL_API_SQLFREECONNECT, "SQLFreeConnect", false},
      {SQL_API_SQLFREEENV, "SQLFreeEnv", false},
      {SQL_API_SQLFREEHANDLE, "SQLFreeHandle", false},
      {SQL_API_SQLFREESTMT, "SQLFreeStmt", false},
      {SQL_API_SQLGETCONNECTATTR, "SQLGetConnectAttr", true},
      {SQL_API_SQLGETCONNECTOPTION, "SQLGetConnectOption", true},
      {SQL_API_SQLGETCURSORNAME, "SQLGetCursorName", true},
      {SQL_API_SQLGETDATA, "SQLGetData", false},
      {SQL_API_SQLGETDESCFIELD, "SQLGetDescField", true},
      {SQL_API_SQLGETDESCREC, "SQLGetDescRec", true},
      {SQL_API_SQLGETDIAGFIELD, "SQLGetDiagField", true},
      {SQL_API_SQLGETDIAGREC, "SQLGetDiagRec", true},
      {SQL_API_SQLGETENVATTR, "SQLGetEnvAttr", false},
      {SQL_API_SQLGETFUNCTIONS, "SQLGetFunctions", false},
      {SQL_API_SQLGETINFO, "SQLGetInfo", true},
      {SQL_API_SQLGETSTMTATTR, "SQLGetStmtAttr", true},
      {SQL_API_SQLGETSTMTOPTION, "SQLGetStmtOption", false},
      {SQL_API_SQLGETTYPEINFO, "SQLGetTypeInfo", true},
      {SQL_API_SQLMORERESULTS, "SQLMoreResults", false},
      {SQL_API_SQLNATIVESQL, "SQLNativeSql", true},
      {SQL_API_SQLNUMPARAMS, "SQLNumParams", false},
      {SQL_API_SQLNUMRESULTCOLS, "SQLNumResultCols", false},
      {SQL_API_SQLPARAMDATA, "SQLParamData", false},
      {SQL_API_SQLPARAMOPTIONS, "SQLParamOptions", false},
      {SQL_API_SQLPREPARE, "SQLPrepare", true},
      {SQL_API_SQLPRIMARYKEYS, "SQLPrimaryKeys", true},
      {SQL_API_SQLPROCEDURECOLUMNS, "SQLProcedureColumns", true},
      {SQL_API_SQLPROCEDURES, "SQLProcedures", true},
      {SQL_API_SQLPUTDATA, "SQLPutData", false},
      {SQL_API_SQLROWCOUNT, "SQLRowCount", false},
      {SQL_API_SQLSETCONNECTATTR, "SQLSetConnectAttr", true},
      {SQL_API_SQLSETCONNECTOPTION, "SQLSetConnectOption", true},
      {SQL_API_SQLSETCURSORNAME, "SQLSetCursorName", true},
      {SQL_API_SQLSETDESCFIELD, "SQLSetDescField", true},
      {SQL_API_SQLSETDESCREC, "SQLSetDescRec", false},
      {SQL_API_SQLSETENVATTR, "SQLSetEnvAttr", false},
      {SQL_API_SQLSETPARAM, "SQLSetParam", false},
      {SQL_API_SQLSETPOS, "SQLSetPos", false},
      {SQL_API_SQLSETSCROLLOPTIONS, "SQLSetScrollOptions", false},
      {SQL_API_SQLSETSTMTATTR, "SQLSetStmtAttr", true},
      {SQL_API_SQLSETSTMTOPTION, "SQLSetStmtOption", false},
      {SQL_API_SQLSPECIALCOLUMNS, "SQLSpecialColumns", true},
      {SQL_API_SQLSTATISTICS, "SQLStatistics", true},
      {SQL_API_SQLTABLEPRIVILEGES, "SQLTablePrivileges", true},
      {SQL_API_SQLTABLES, "SQLTables", true},
      {SQL_API_SQLTRANSACT, "SQLTransact", false},
  };
  return all;
}

std::vector<SQLUSMALLINT> driver_bitmap(const DirectDriver& d) {
  DirectHandles h(d);
  std::vector<SQLUSMALLINT> bitmap(SQL_API_ODBC3_ALL_FUNCTIONS_SIZE, 0);
  if (d.GetFunctions(h.dbc, SQL_API_ODBC3_ALL_FUNCTIONS, bitmap.data()) != SQL_SUCCESS)
    throw std::runtime_error("SQLGetFunctions failed");
  return bitmap;
}

bool claimed(const std::vector<SQLUSMALLINT>& bitmap, const std::string& name) {
  for (const auto& f : odbc_functions())
    if (name == f.name || (f.wide && name == std::string(f.name) + "W"))
      // SQLColAttribute and the ODBC 2 SQLColAttributes share an id; only the former is ODBC 3's.
      return SQL_FUNC_EXISTS(bitmap.data(), f.id) && std::string(f.name) != "SQLColAttributes";
  return false;
}

TEST(Functions, EveryFunctionClaimedIsExportedWithItsWideVariant) {
  DirectDriver d;
  const auto bitmap = driver_bitmap(d);
  int claimed_count = 0;
  for (const auto& f : odbc_functions()) {
    if (!SQL_FUNC_EXISTS(bitmap.data(), f.id) || std::string(f.name) == "SQLColAttributes")
      continue;
    ++claimed_count;
    EXPECT_NE(d.symbol(f.name), nullptr) << f.name << " is claimed but not exported";
    if (f.wide) {
      EXPECT_NE(d.symbol(std::string(f.name) + "W"), nullptr) << f.name << "W is not exported";
    }
  }
  EXPECT_GE(claimed_count, 14);  // the connection half alone
}

TEST(Functions, EveryExportedOdbcFunctionIsClaimed) {
  DirectDriver d;
  const auto bitmap = driver_bitmap(d);
  const auto exported = exported_functions(PGW_DRIVER_PATH);
  int sql_exports = 0;
  for (const std::string& name : exported) {
    if (name.rfind("SQL", 0) != 0) continue;
    ++sql_exports;
    EXPECT_TRUE(claimed(bitmap, name))
        << name << " is exported but SQLGetFunctions says it is not implemented";
  }
  EXPECT_GE(sql_exports, 15);
  // Not exported: left to the driver manager.
  for (const char* name : {"SQLBrowseConnect", "SQLBrowseConnectW", "SQLError", "SQLErrorW",
                           "SQLAllocEnv", "SQLTransact", "SQLSetConnectOption"})
    EXPECT_EQ(exported.count(name), 0u) << name;
}

TEST(Functions, SingleIdsAgreeWithTheBitmap) {
  DirectDriver d;
  DirectHandles h(d);
  const auto bitmap = driver_bitmap(d);
  for (const auto& f : odbc_functions()) {
    SQLUSMALLINT one = 99;
    ASSERT_EQ(d.GetFunctions(h.dbc, f.id, &one), SQL_SUCCESS);
    EXPECT_EQ(one, SQL_FUNC_EXISTS(bitmap.data(), f.id) ? SQL_TRUE : SQL_FALSE) << f.name;
  }
  SQLUSMALLINT browse = 99;
  d.GetFunctions(h.dbc, SQL_API_SQLBROWSECONNECT, &browse);
  EXPECT_EQ(browse, SQL_FALSE);
}

}  // namespace
}  // namespace pgwtest
