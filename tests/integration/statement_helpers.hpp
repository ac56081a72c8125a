#pragma once
// Small helpers for the statement tests: run SQL, read values as text, read diagnostics.
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include <string>
#include <vector>

#include "odbc_test_support.hpp"

namespace pgwtest {

// The value of a column of the current row as text (SQL_C_CHAR), or "<null>".
inline std::string text_of(SQLHSTMT stmt, SQLUSMALLINT column) {
  std::string out;
  char buffer[4096];
  SQLLEN indicator = 0;
  for (;;) {
    SQLRETURN rc = SQLGetData(stmt, column, SQL_C_CHAR, buffer, sizeof buffer, &indicator);
    if (rc == SQL_NO_DATA) break;
    if (!SQL_SUCCEEDED(rc)) return "<error " + diagnostics(SQL_HANDLE_STMT, stmt) + ">";
    if (indicator == SQL_NULL_DATA) return "<null>";
    out += buffer;
    if (rc == SQL_SUCCESS) break;
  }
  return out;
}

// All rows of the current result, each column as text.
inline std::vector<std::vector<std::string>> rows_of(SQLHSTMT stmt) {
  std::vector<std::vector<std::string>> rows;
  SQLSMALLINT columns = 0;
  SQLNumResultCols(stmt, &columns);
  while (SQL_SUCCEEDED(SQLFetch(stmt))) {
    std::vector<std::string> row;
    for (SQLUSMALLINT c = 1; c <= SQLUSMALLINT(columns); ++c) row.push_back(text_of(stmt, c));
    rows.push_back(std::move(row));
  }
  return rows;
}

// First column of the first row of `sql` as text (a fresh statement).
inline std::string scalar(const Dbc& dbc, const std::string& sql) {
  Stmt stmt(dbc);
  if (!SQL_SUCCEEDED(stmt.exec(sql))) return "<error " + stmt.diag() + ">";
  if (!SQL_SUCCEEDED(SQLFetch(stmt.get()))) return "<no row " + stmt.diag() + ">";
  return text_of(stmt.get(), 1);
}

// The message of a handle's first diagnostic record.
inline std::string message(SQLSMALLINT type, SQLHANDLE h) {
  SQLCHAR state[6] = {0}, msg[2048] = {0};
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  if (!SQL_SUCCEEDED(SQLGetDiagRec(type, h, 1, state, &native, msg, sizeof msg, &len))) return "";
  return reinterpret_cast<char*>(msg);
}

#define PGW_EXEC(stmt, sql) PGW_ASSERT_OK((stmt).exec(sql), SQL_HANDLE_STMT, (stmt).get())

}  // namespace pgwtest
