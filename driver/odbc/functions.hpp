#pragma once
// SQLGetFunctions: which ODBC functions this driver implements, as one table (functions.cpp).
// An integration test holds the table to the truth: every function marked implemented is exported
// by the driver (with its W variant where ODBC defines one) and every exported SQL* function is
// marked implemented.
#include <span>
#include <string_view>

#include "odbc/odbc_headers.hpp"

namespace pgw::odbc {

struct FunctionEntry {
  SQLUSMALLINT id;        // SQL_API_*
  std::string_view name;  // exported symbol (the ANSI one)
  bool has_wide;          // ODBC defines a W variant: it is exported too
  bool implemented;
};

// Every ODBC function, implemented or not (the driver manager's own functions included, as not).
std::span<const FunctionEntry> function_table();

// SQLGetFunctions(function_id, supported): one id -> SQL_TRUE/SQL_FALSE; SQL_API_ALL_FUNCTIONS ->
// 100 SQLUSMALLINTs (ODBC 2 ids); SQL_API_ODBC3_ALL_FUNCTIONS -> the 250-word bitmap. An id no
// ODBC version defines answers SQL_FALSE. `supported` must not be null (HY009).
void get_functions(SQLUSMALLINT function_id, SQLUSMALLINT* supported);

}  // namespace pgw::odbc
