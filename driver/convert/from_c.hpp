#pragma once
// Parameter values from application buffers (SQL_C_* types) to the text the server receives:
// one writer per C type, looked up in a table.
#include <string>

#include "odbc/odbc_headers.hpp"

namespace pgw::convert {

struct ParameterSource {
  SQLSMALLINT c_type = SQL_C_CHAR;  // canonical, SQL_C_DEFAULT already resolved
  const void* data = nullptr;
  SQLLEN length = SQL_NTS;             // bytes for character and binary data, or SQL_NTS
  SQLSMALLINT sql_type = SQL_VARCHAR;  // the parameter's SQL type (IPD concise type)
};

// Whether parameters of this C type can be sent (HY003 at bind time otherwise).
bool parameter_c_type_supported(SQLSMALLINT c_type);

// The text form of the value. Throws 22018 / 22003 for values the SQL type cannot take.
std::string parameter_text(const ParameterSource& source);

}  // namespace pgw::convert
