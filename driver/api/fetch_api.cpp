// Binding columns, fetching rows, reading values, closing cursors.
#include "odbc/statement.hpp"

using pgw::odbc::guarded;
using pgw::odbc::Statement;

extern "C" {

SQLRETURN SQL_API SQLBindCol(SQLHSTMT statement, SQLUSMALLINT column, SQLSMALLINT c_type,
                             SQLPOINTER value, SQLLEN buffer_length, SQLLEN* indicator) {
  return guarded<Statement>(statement, [&](Statement& s) {
    return s.bind_col(column, c_type, value, buffer_length, indicator);
  });
}

SQLRETURN SQL_API SQLFetch(SQLHSTMT statement) {
  return guarded<Statement>(statement, [&](Statement& s) { return s.fetch(); });
}

SQLRETURN SQL_API SQLFetchScroll(SQLHSTMT statement, SQLSMALLINT orientation, SQLLEN offset) {
  return guarded<Statement>(statement,
                            [&](Statement& s) { return s.fetch_scroll(orientation, offset); });
}

SQLRETURN SQL_API SQLGetData(SQLHSTMT statement, SQLUSMALLINT column, SQLSMALLINT c_type,
                             SQLPOINTER value, SQLLEN buffer_length, SQLLEN* indicator) {
  return guarded<Statement>(statement, [&](Statement& s) {
    return s.get_data(column, c_type, value, buffer_length, indicator);
  });
}

SQLRETURN SQL_API SQLCloseCursor(SQLHSTMT statement) {
  return guarded<Statement>(statement, [&](Statement& s) { return s.close_cursor(); });
}

}  // extern "C"
