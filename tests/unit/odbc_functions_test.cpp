// The SQLGetFunctions table and its three answer forms.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "odbc/functions.hpp"

namespace pgw::odbc {
namespace {

TEST(FunctionTable, NamesAreUniqueAndIdsAreInTheBitmapRange) {
  std::set<std::string_view> names;
  for (const auto& f : function_table()) {
    EXPECT_TRUE(names.insert(f.name).second) << f.name;
    EXPECT_LT(f.id, SQL_API_ODBC3_ALL_FUNCTIONS_SIZE * 16) << f.name;
    EXPECT_EQ(f.name.substr(0, 3), "SQL") << f.name;
  }
}

TEST(FunctionTable, TheConnectionHalfIsImplemented) {
  for (SQLUSMALLINT id :
       {SQL_API_SQLALLOCHANDLE, SQL_API_SQLFREEHANDLE, SQL_API_SQLCONNECT, SQL_API_SQLDRIVERCONNECT,
        SQL_API_SQLDISCONNECT, SQL_API_SQLGETINFO, SQL_API_SQLGETFUNCTIONS, SQL_API_SQLGETDIAGREC,
        SQL_API_SQLGETDIAGFIELD, SQL_API_SQLSETCONNECTATTR, SQL_API_SQLGETCONNECTATTR,
        SQL_API_SQLENDTRAN, SQL_API_SQLSETENVATTR, SQL_API_SQLGETENVATTR}) {
    SQLUSMALLINT supported = 99;
    get_functions(id, &supported);
    EXPECT_EQ(supported, SQL_TRUE) << id;
  }
}

TEST(FunctionTable, BrowseConnectAndDriverManagerFunctionsAreNot) {
  for (SQLUSMALLINT id : {SQL_API_SQLBROWSECONNECT, SQL_API_SQLALLOCENV, SQL_API_SQLERROR,
                          SQL_API_SQLTRANSACT, SQL_API_SQLDATASOURCES, SQL_API_SQLDRIVERS}) {
    SQLUSMALLINT supported = 99;
    get_functions(id, &supported);
    EXPECT_EQ(supported, SQL_FALSE) << id;
  }
}

TEST(FunctionTable, UnknownIdIsFalse) {
  SQLUSMALLINT supported = 99;
  get_functions(3999, &supported);
  EXPECT_EQ(supported, SQL_FALSE);
}

TEST(FunctionTable, Odbc3BitmapMatchesSingleAnswers) {
  std::vector<SQLUSMALLINT> bitmap(SQL_API_ODBC3_ALL_FUNCTIONS_SIZE, 0xFFFF);
  get_functions(SQL_API_ODBC3_ALL_FUNCTIONS, bitmap.data());
  for (SQLUSMALLINT id = 0; id < SQL_API_ODBC3_ALL_FUNCTIONS_SIZE * 16; ++id) {
    if (id == SQL_API_ODBC3_ALL_FUNCTIONS) continue;
    SQLUSMALLINT single = 99;
    get_functions(id, &single);
    EXPECT_EQ(SQL_FUNC_EXISTS(bitmap.data(), id) ? SQL_TRUE : SQL_FALSE, single) << id;
  }
}

TEST(FunctionTable, Odbc2ArrayMatchesSingleAnswers) {
  std::vector<SQLUSMALLINT> all(100, 0xFFFF);
  get_functions(SQL_API_ALL_FUNCTIONS, all.data());
  for (SQLUSMALLINT id = 1; id < 100; ++id) {
    SQLUSMALLINT single = 99;
    get_functions(id, &single);
    EXPECT_EQ(all[id], single) << id;
  }
  EXPECT_EQ(all[SQL_API_SQLCONNECT], SQL_TRUE);
}

TEST(FunctionTable, NullOutputIsHY009) {
  try {
    get_functions(SQL_API_SQLCONNECT, nullptr);
    FAIL();
  } catch (const DriverError& e) {
    EXPECT_EQ(e.sqlstate(), "HY009");
  }
}

}  // namespace
}  // namespace pgw::odbc
