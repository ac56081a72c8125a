#pragma once
// How one column or parameter of a given type and type modifier is described to applications:
// the values behind SQLDescribeCol, SQLColAttribute and the IRD. The size knobs of the connection
// (MaxVarcharSize, TextAsLongVarchar, ...) are applied here and nowhere else.
#include <cstdint>

#include "vendor/profile.hpp"

namespace pgw::vendor {

struct ColumnShape {
  SQLSMALLINT concise_type = SQL_WVARCHAR;  // SQL_DESC_CONCISE_TYPE
  SQLSMALLINT verbose_type = SQL_WVARCHAR;  // SQL_DESC_TYPE (SQL_DATETIME for the date/time types)
  SQLSMALLINT datetime_code = 0;            // SQL_DESC_DATETIME_INTERVAL_CODE
  SQLULEN column_size = 0;                  // SQLDescribeCol ColumnSize, SQL_DESC_LENGTH
  SQLSMALLINT decimal_digits = 0;           // SQLDescribeCol DecimalDigits
  SQLSMALLINT precision = 0;                // SQL_DESC_PRECISION
  SQLSMALLINT scale = 0;                    // SQL_DESC_SCALE
  SQLLEN octet_length = 0;                  // SQL_DESC_OCTET_LENGTH
  SQLLEN display_size = 0;                  // SQL_DESC_DISPLAY_SIZE
  SQLINTEGER num_prec_radix = 0;            // 0 for non-numeric types
};

// The SQL type the table's row has after the connection's knobs (TextAsLongVarchar,
// BoolsAsChar...).
SQLSMALLINT effective_sql_type(const TypeInfo& type, const SizeOptions& options);

// Describes a value of `type` with the server's type modifier (-1 = none).
ColumnShape shape_of(const TypeInfo& type, std::int32_t typmod, const SizeOptions& options);

// The SQL_DATETIME / SQL_INTERVAL verbose type and subcode of a concise type (others: itself, 0).
void split_concise_type(SQLSMALLINT concise, SQLSMALLINT& verbose, SQLSMALLINT& code);

// The narrow counterpart of a Unicode character type (SQL_WVARCHAR -> SQL_VARCHAR), else itself.
SQLSMALLINT narrow_char_type(SQLSMALLINT sql_type);

}  // namespace pgw::vendor
