// Preparing and executing statements, and their parameters.
#include "odbc/statement.hpp"

using pgw::odbc::guarded;
using pgw::odbc::Statement;
using pgw::odbc::statement_text;

extern "C" {

SQLRETURN SQL_API SQLPrepare(SQLHSTMT statement, SQLCHAR* text, SQLINTEGER length) {
  return guarded<Statement>(statement,
                            [&](Statement& s) { return s.prepare(statement_text(text, length)); });
}

SQLRETURN SQL_API SQLPrepareW(SQLHSTMT statement, SQLWCHAR* text, SQLINTEGER length) {
  return guarded<Statement>(statement,
                            [&](Statement& s) { return s.prepare(statement_text(text, length)); });
}

SQLRETURN SQL_API SQLExecDirect(SQLHSTMT statement, SQLCHAR* text, SQLINTEGER length) {
  return guarded<Statement>(
      statement, [&](Statement& s) { return s.exec_direct(statement_text(text, length)); });
}

SQLRETURN SQL_API SQLExecDirectW(SQLHSTMT statement, SQLWCHAR* text, SQLINTEGER length) {
  return guarded<Statement>(
      statement, [&](Statement& s) { return s.exec_direct(statement_text(text, length)); });
}

SQLRETURN SQL_API SQLExecute(SQLHSTMT statement) {
  return guarded<Statement>(statement, [&](Statement& s) { return s.execute(); });
}

SQLRETURN SQL_API SQLBindParameter(SQLHSTMT statement, SQLUSMALLINT number, SQLSMALLINT io_type,
                                   SQLSMALLINT c_type, SQLSMALLINT sql_type, SQLULEN column_size,
                                   SQLSMALLINT decimal_digits, SQLPOINTER value,
                                   SQLLEN buffer_length, SQLLEN* indicator) {
  return guarded<Statement>(statement, [&](Statement& s) {
    return s.bind_parameter(number, io_type, c_type, sql_type, column_size, decimal_digits, value,
                            buffer_length, indicator);
  });
}

SQLRETURN SQL_API SQLNumParams(SQLHSTMT statement, SQLSMALLINT* count) {
  return guarded<Statement>(statement, [&](Statement& s) { return s.num_params(count); });
}

SQLRETURN SQL_API SQLDescribeParam(SQLHSTMT statement, SQLUSMALLINT number, SQLSMALLINT* sql_type,
                                   SQLULEN* size, SQLSMALLINT* digits, SQLSMALLINT* nullable) {
  return guarded<Statement>(statement, [&](Statement& s) {
    return s.describe_param(number, sql_type, size, digits, nullable);
  });
}

SQLRETURN SQL_API SQLRowCount(SQLHSTMT statement, SQLLEN* count) {
  return guarded<Statement>(statement, [&](Statement& s) { return s.row_count(count); });
}

SQLRETURN SQL_API SQLMoreResults(SQLHSTMT statement) {
  return guarded<Statement>(statement, [&](Statement& s) { return s.more_results(); });
}

}  // extern "C"
