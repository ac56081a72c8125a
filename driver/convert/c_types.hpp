#pragma once
// Facts about the SQL_C_* types: their canonical spelling, fixed sizes, and the default C type of
// each SQL type (SQL_C_DEFAULT).
#include <cstddef>

#include "odbc/odbc_headers.hpp"

namespace pgw::convert {

// ODBC 2 spellings mapped to ODBC 3 (SQL_C_DATE -> SQL_C_TYPE_DATE, SQL_C_LONG -> SQL_C_SLONG,
// SQL_C_TINYINT -> SQL_C_STINYINT, ...). Other values pass through.
SQLSMALLINT canonical_c_type(SQLSMALLINT c_type);

// Whether a C type is one this driver knows at all (any conversion), after canonicalisation.
bool known_c_type(SQLSMALLINT c_type);

// The size of a fixed-size C type's buffer, or 0 for character and binary types.
std::size_t fixed_size(SQLSMALLINT c_type);

// Character and binary targets: filled piecewise, with a terminator of this many bytes (0 binary).
bool is_variable(SQLSMALLINT c_type);
std::size_t terminator_size(SQLSMALLINT c_type);

// SQL_C_DEFAULT resolved for a concise SQL type (ODBC appendix D "Default C data types").
SQLSMALLINT default_c_type(SQLSMALLINT sql_type);

}  // namespace pgw::convert
