#include "convert/c_types.hpp"

namespace pgw::convert {

SQLSMALLINT canonical_c_type(SQLSMALLINT c_type) {
  switch (c_type) {
    case SQL_C_DATE:
      return SQL_C_TYPE_DATE;
    case SQL_C_TIME:
      return SQL_C_TYPE_TIME;
    case SQL_C_TIMESTAMP:
      return SQL_C_TYPE_TIMESTAMP;
    case SQL_C_LONG:
      return SQL_C_SLONG;
    case SQL_C_SHORT:
      return SQL_C_SSHORT;
    case SQL_C_TINYINT:
      return SQL_C_STINYINT;
    default:
      return c_type;
  }
}

std::size_t fixed_size(SQLSMALLINT c_type) {
  switch (canonical_c_type(c_type)) {
    case SQL_C_BIT:
    case SQL_C_STINYINT:
    case SQL_C_UTINYINT:
      return 1;
    case SQL_C_SSHORT:
    case SQL_C_USHORT:
      return 2;
    case SQL_C_SLONG:
    case SQL_C_ULONG:
      return 4;
    case SQL_C_SBIGINT:
    case SQL_C_UBIGINT:
      return 8;
    case SQL_C_FLOAT:
      return sizeof(SQLREAL);
    case SQL_C_DOUBLE:
      return sizeof(SQLDOUBLE);
    case SQL_C_NUMERIC:
      return sizeof(SQL_NUMERIC_STRUCT);
    case SQL_C_TYPE_DATE:
      return sizeof(SQL_DATE_STRUCT);
    case SQL_C_TYPE_TIME:
      return sizeof(SQL_TIME_STRUCT);
    case SQL_C_TYPE_TIMESTAMP:
      return sizeof(SQL_TIMESTAMP_STRUCT);
    case SQL_C_GUID:
      return sizeof(SQLGUID);
    default:
      return 0;
  }
}

bool is_variable(SQLSMALLINT c_type) {
  c_type = canonical_c_type(c_type);
  return c_type == SQL_C_CHAR || c_type == SQL_C_WCHAR || c_type == SQL_C_BINARY;
}

bool known_c_type(SQLSMALLINT c_type) {
  return is_variable(c_type) || fixed_size(c_type) != 0;
}

std::size_t terminator_size(SQLSMALLINT c_type) {
  switch (canonical_c_type(c_type)) {
    case SQL_C_CHAR:
      return 1;
    case SQL_C_WCHAR:
      return sizeof(SQLWCHAR);
    default:
      return 0;
  }
}

SQLSMALLINT default_c_type(SQLSMALLINT sql_type) {
  switch (sql_type) {
    case SQL_WCHAR:
    case SQL_WVARCHAR:
    case SQL_WLONGVARCHAR:
      return SQL_C_WCHAR;
    case SQL_BIT:
      return SQL_C_BIT;
    case SQL_TINYINT:
      return SQL_C_STINYINT;
    case SQL_SMALLINT:
      return SQL_C_SSHORT;
    case SQL_INTEGER:
      return SQL_C_SLONG;
    case SQL_BIGINT:
      return SQL_C_SBIGINT;
    case SQL_REAL:
      return SQL_C_FLOAT;
    case SQL_FLOAT:
    case SQL_DOUBLE:
      return SQL_C_DOUBLE;
    case SQL_BINARY:
    case SQL_VARBINARY:
    case SQL_LONGVARBINARY:
      return SQL_C_BINARY;
    case SQL_TYPE_DATE:
    case SQL_DATE:
      return SQL_C_TYPE_DATE;
    case SQL_TYPE_TIME:
    case SQL_TIME:
      return SQL_C_TYPE_TIME;
    case SQL_TYPE_TIMESTAMP:
    case SQL_TIMESTAMP:
      return SQL_C_TYPE_TIMESTAMP;
    case SQL_GUID:
      return SQL_C_GUID;
    default:
      return SQL_C_CHAR;  // CHAR, VARCHAR, DECIMAL, NUMERIC, intervals shown as text
  }
}

}  // namespace pgw::convert
