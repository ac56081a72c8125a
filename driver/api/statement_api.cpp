// Statement housekeeping: SQLFreeStmt, SQLCancel, attributes, cursor names.
#include "odbc/statement.hpp"

using pgw::odbc::Encoding;
using pgw::odbc::guarded;
using pgw::odbc::LengthUnit;
using pgw::odbc::Statement;
using pgw::odbc::statement_text;
using pgw::odbc::StringOut;

extern "C" {

SQLRETURN SQL_API SQLFreeStmt(SQLHSTMT statement, SQLUSMALLINT option) {
  // SQL_DROP is SQLFreeHandle in ODBC 3 terms (it destroys the handle: no lock may be held).
  return option == SQL_DROP
             ? SQLFreeHandle(SQL_HANDLE_STMT, statement)
             : guarded<Statement>(statement, [&](Statement& s) { return s.free_stmt(option); });
}

SQLRETURN SQL_API SQLCancel(SQLHSTMT statement) {
  // Not through guarded(): it must not wait for the lock the executing thread holds.
  return pgw::odbc::cancel_statement(statement);
}

SQLRETURN SQL_API SQLSetStmtAttr(SQLHSTMT statement, SQLINTEGER attribute, SQLPOINTER value,
                                 SQLINTEGER length) {
  return guarded<Statement>(statement, [&](Statement& s) {
    s.set_attribute(attribute, value, length, Encoding::Utf8);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLSetStmtAttrW(SQLHSTMT statement, SQLINTEGER attribute, SQLPOINTER value,
                                  SQLINTEGER length) {
  return guarded<Statement>(statement, [&](Statement& s) {
    s.set_attribute(attribute, value, length, Encoding::Utf16);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLGetStmtAttr(SQLHSTMT statement, SQLINTEGER attribute, SQLPOINTER value,
                                 SQLINTEGER buffer_length, SQLINTEGER* length) {
  return guarded<Statement>(statement, [&](Statement& s) {
    s.get_attribute(attribute, value, buffer_length, length, Encoding::Utf8);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLGetStmtAttrW(SQLHSTMT statement, SQLINTEGER attribute, SQLPOINTER value,
                                  SQLINTEGER buffer_length, SQLINTEGER* length) {
  return guarded<Statement>(statement, [&](Statement& s) {
    s.get_attribute(attribute, value, buffer_length, length, Encoding::Utf16);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLSetCursorName(SQLHSTMT statement, SQLCHAR* name, SQLSMALLINT length) {
  return guarded<Statement>(statement, [&](Statement& s) {
    s.set_cursor_name(statement_text(name, length));
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLSetCursorNameW(SQLHSTMT statement, SQLWCHAR* name, SQLSMALLINT length) {
  return guarded<Statement>(statement, [&](Statement& s) {
    s.set_cursor_name(statement_text(name, length));
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLGetCursorName(SQLHSTMT statement, SQLCHAR* name, SQLSMALLINT buffer_length,
                                   SQLSMALLINT* length) {
  return guarded<Statement>(statement, [&](Statement& s) {
    write_string(StringOut{name, buffer_length, Encoding::Utf8, LengthUnit::Bytes}, s.cursor_name(),
                 length, s.diag());
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLGetCursorNameW(SQLHSTMT statement, SQLWCHAR* name, SQLSMALLINT buffer_length,
                                    SQLSMALLINT* length) {
  return guarded<Statement>(statement, [&](Statement& s) {
    write_string(StringOut{name, buffer_length, Encoding::Utf16, LengthUnit::Chars},
                 s.cursor_name(), length, s.diag());
    return SQL_SUCCESS;
  });
}

}  // extern "C"
