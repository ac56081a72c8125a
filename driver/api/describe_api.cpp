// Describing results, and the type catalogue.
#include "odbc/statement.hpp"

using pgw::odbc::Encoding;
using pgw::odbc::guarded;
using pgw::odbc::LengthUnit;
using pgw::odbc::Statement;
using pgw::odbc::StringOut;

extern "C" {

SQLRETURN SQL_API SQLNumResultCols(SQLHSTMT statement, SQLSMALLINT* count) {
  return guarded<Statement>(statement, [&](Statement& s) { return s.num_result_cols(count); });
}

SQLRETURN SQL_API SQLDescribeCol(SQLHSTMT statement, SQLUSMALLINT column, SQLCHAR* name,
                                 SQLSMALLINT buffer_length, SQLSMALLINT* name_length,
                                 SQLSMALLINT* sql_type, SQLULEN* size, SQLSMALLINT* digits,
                                 SQLSMALLINT* nullable) {
  return guarded<Statement>(statement, [&](Statement& s) {
    return s.describe_col(column, StringOut{name, buffer_length, Encoding::Utf8, LengthUnit::Bytes},
                          name_length, sql_type, size, digits, nullable);
  });
}

SQLRETURN SQL_API SQLDescribeColW(SQLHSTMT statement, SQLUSMALLINT column, SQLWCHAR* name,
                                  SQLSMALLINT buffer_length, SQLSMALLINT* name_length,
                                  SQLSMALLINT* sql_type, SQLULEN* size, SQLSMALLINT* digits,
                                  SQLSMALLINT* nullable) {
  return guarded<Statement>(statement, [&](Statement& s) {
    return s.describe_col(column,
                          StringOut{name, buffer_length, Encoding::Utf16, LengthUnit::Chars},
                          name_length, sql_type, size, digits, nullable);
  });
}

SQLRETURN SQL_API SQLColAttribute(SQLHSTMT statement, SQLUSMALLINT column, SQLUSMALLINT field,
                                  SQLPOINTER text, SQLSMALLINT buffer_length, SQLSMALLINT* length,
                                  SQLLEN* number) {
  return guarded<Statement>(statement, [&](Statement& s) {
    return s.col_attribute(column, field,
                           StringOut{text, buffer_length, Encoding::Utf8, LengthUnit::Bytes},
                           length, number);
  });
}

SQLRETURN SQL_API SQLColAttributeW(SQLHSTMT statement, SQLUSMALLINT column, SQLUSMALLINT field,
                                   SQLPOINTER text, SQLSMALLINT buffer_length, SQLSMALLINT* length,
                                   SQLLEN* number) {
  return guarded<Statement>(statement, [&](Statement& s) {
    return s.col_attribute(column, field,
                           StringOut{text, buffer_length, Encoding::Utf16, LengthUnit::Bytes},
                           length, number);
  });
}

SQLRETURN SQL_API SQLGetTypeInfo(SQLHSTMT statement, SQLSMALLINT data_type) {
  return guarded<Statement>(statement, [&](Statement& s) { return s.get_type_info(data_type); });
}

SQLRETURN SQL_API SQLGetTypeInfoW(SQLHSTMT statement, SQLSMALLINT data_type) {
  return guarded<Statement>(statement, [&](Statement& s) { return s.get_type_info(data_type); });
}

}  // extern "C"
