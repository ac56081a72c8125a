// The SQLGetInfo table (values that need no server) and isolation names.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "odbc/connection.hpp"
#include "odbc/environment.hpp"
#include "odbc/handle_lifetime.hpp"
#include "odbc/info.hpp"
#include "odbc/isolation.hpp"

namespace pgw::odbc {
namespace {

TEST(InfoTable, EachTypeOnceAndNamed) {
  std::set<SQLUSMALLINT> seen;
  for (const auto& e : info_table()) {
    EXPECT_TRUE(seen.insert(e.type).second) << e.name;
    EXPECT_EQ(e.name.substr(0, 4), "SQL_") << e.name;
    if (e.kind == InfoKind::USmallInt) {
      EXPECT_LE(e.number, 0xFFFFu) << e.name;
    }
  }
}

TEST(InfoTable, RequiredTypesArePresent) {
  for (int t : {SQL_DRIVER_NAME,
                SQL_DRIVER_VER,
                SQL_DRIVER_ODBC_VER,
                SQL_ODBC_VER,
                SQL_DBMS_NAME,
                SQL_DBMS_VER,
                SQL_SERVER_NAME,
                SQL_DATA_SOURCE_NAME,
                SQL_DATABASE_NAME,
                SQL_USER_NAME,
                SQL_IDENTIFIER_QUOTE_CHAR,
                SQL_CATALOG_TERM,
                SQL_SCHEMA_TERM,
                SQL_TABLE_TERM,
                SQL_PROCEDURE_TERM,
                SQL_CATALOG_NAME_SEPARATOR,
                SQL_CATALOG_NAME,
                SQL_MAX_COLUMN_NAME_LEN,
                SQL_MAX_TABLE_NAME_LEN,
                SQL_MAX_SCHEMA_NAME_LEN,
                SQL_MAX_CATALOG_NAME_LEN,
                SQL_MAX_DRIVER_CONNECTIONS,
                SQL_MAX_STATEMENT_LEN,
                SQL_TXN_CAPABLE,
                SQL_DEFAULT_TXN_ISOLATION,
                SQL_TXN_ISOLATION_OPTION,
                SQL_GETDATA_EXTENSIONS,
                SQL_CURSOR_COMMIT_BEHAVIOR,
                SQL_SCROLL_OPTIONS,
                SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1,
                SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2,
                SQL_DATA_SOURCE_READ_ONLY,
                SQL_ACCESSIBLE_TABLES,
                SQL_NEED_LONG_DATA_LEN,
                SQL_ODBC_INTERFACE_CONFORMANCE,
                SQL_SQL_CONFORMANCE,
                SQL_ASYNC_MODE,
                SQL_MULT_RESULT_SETS,
                SQL_MULTIPLE_ACTIVE_TXN,
                SQL_PARAM_ARRAY_ROW_COUNTS,
                SQL_PARAM_ARRAY_SELECTS,
                SQL_KEYWORDS,
                SQL_SPECIAL_CHARACTERS,
                SQL_IDENTIFIER_CASE,
                SQL_QUOTED_IDENTIFIER_CASE,
                SQL_NULL_COLLATION,
                SQL_CONCAT_NULL_BEHAVIOR,
                SQL_MAX_CONCURRENT_ACTIVITIES,
                SQL_DESCRIBE_PARAMETER})
    EXPECT_NE(find_info(static_cast<SQLUSMALLINT>(t)), nullptr) << t;
}

TEST(InfoTable, KeywordsAreNotOdbcKeywords) {
  std::set<std::string> odbc;
  std::string all = SQL_ODBC_KEYWORDS;
  for (std::size_t start = 0; start < all.size();) {
    std::size_t comma = all.find(',', start);
    if (comma == std::string::npos) comma = all.size();
    odbc.insert(all.substr(start, comma - start));
    start = comma + 1;
  }
  std::string ours(find_info(SQL_KEYWORDS)->text);
  for (std::size_t start = 0; start < ours.size();) {
    std::size_t comma = ours.find(',', start);
    if (comma == std::string::npos) comma = ours.size();
    EXPECT_EQ(odbc.count(ours.substr(start, comma - start)), 0u)
        << ours.substr(start, comma - start);
    start = comma + 1;
  }
}

TEST(OdbcVersionString, FormatsMajorMinorRelease) {
  EXPECT_EQ(odbc_version_string("0.1.0"), "00.01.0000");
  EXPECT_EQ(odbc_version_string("1.12.345"), "01.12.0345");
  EXPECT_EQ(odbc_version_string("2.3"), "02.03.0000");
}

class InfoOnConnection : public ::testing::Test {
 protected:
  void SetUp() override {
    allocate_handle(SQL_HANDLE_ENV, nullptr, &env);
    guarded<Environment>(env, [](Environment& e) {
      e.set_attribute(SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
      return SQL_SUCCESS;
    });
    allocate_handle(SQL_HANDLE_DBC, env, &dbc);
  }
  void TearDown() override {
    free_handle(SQL_HANDLE_DBC, dbc);
    free_handle(SQL_HANDLE_ENV, env);
  }
  SQLRETURN info(SQLUSMALLINT type, SQLPOINTER value, SQLSMALLINT buffer_length,
                 SQLSMALLINT* length, Encoding encoding = Encoding::Utf8) {
    return guarded<Connection>(dbc, [&](Connection& c) {
      get_info(c, type, value, buffer_length, length, encoding);
      return SQL_SUCCESS;
    });
  }
  std::string state() { return find<Connection>(dbc)->diag().records().at(0).sqlstate; }
  SQLHANDLE env = nullptr, dbc = nullptr;
};

TEST_F(InfoOnConnection, DriverIdentityWithoutConnecting) {
  char buf[64];
  SQLSMALLINT len = 0;
  ASSERT_EQ(info(SQL_DRIVER_NAME, buf, sizeof buf, &len), SQL_SUCCESS);
  EXPECT_STREQ(buf, "libpgwireodbc.so");
  EXPECT_EQ(len, 16);
  ASSERT_EQ(info(SQL_DRIVER_VER, buf, sizeof buf, &len), SQL_SUCCESS);
  EXPECT_STREQ(buf, "00.01.0000");
  ASSERT_EQ(info(SQL_DRIVER_ODBC_VER, buf, sizeof buf, &len), SQL_SUCCESS);
  EXPECT_STREQ(buf, "03.80");
}

TEST_F(InfoOnConnection, WideStringsCountBytesAndTruncate) {
  SQLWCHAR buf[8];
  SQLSMALLINT len = 0;
  ASSERT_EQ(info(SQL_DRIVER_NAME, buf, sizeof buf, &len, Encoding::Utf16), SQL_SUCCESS_WITH_INFO);
  EXPECT_EQ(len, 32);
  EXPECT_EQ(buf[0], u'l');
  EXPECT_EQ(buf[7], 0);
  EXPECT_EQ(state(), "01004");
}

TEST_F(InfoOnConnection, ServerFactsNeedAConnection) {
  char buf[64];
  SQLSMALLINT len = 0;
  EXPECT_EQ(info(SQL_DBMS_NAME, buf, sizeof buf, &len), SQL_ERROR);
  EXPECT_EQ(state(), "08003");
  SQLUSMALLINT n = 0;
  EXPECT_EQ(info(SQL_MAX_COLUMN_NAME_LEN, &n, 0, &len), SQL_ERROR);
  EXPECT_EQ(state(), "08003");
}

TEST_F(InfoOnConnection, UnknownInfoTypeIsHY096) {
  char buf[64];
  SQLSMALLINT len = 0;
  EXPECT_EQ(info(65000, buf, sizeof buf, &len), SQL_ERROR);
  EXPECT_EQ(state(), "HY096");
}

TEST(Isolation, NamesBothWays) {
  EXPECT_EQ(isolation_from_name("read committed"), SQL_TXN_READ_COMMITTED);
  EXPECT_EQ(isolation_from_name("SERIALIZABLE"), SQL_TXN_SERIALIZABLE);
  EXPECT_EQ(isolation_from_name("repeatable read"), SQL_TXN_REPEATABLE_READ);
  EXPECT_EQ(isolation_from_name("read uncommitted"), SQL_TXN_READ_UNCOMMITTED);
  EXPECT_EQ(isolation_from_name("snapshot"), std::nullopt);
  EXPECT_EQ(isolation_sql(SQL_TXN_REPEATABLE_READ), "REPEATABLE READ");
  EXPECT_EQ(isolation_sql(3), "");
}

}  // namespace
}  // namespace pgw::odbc
