#pragma once
// SQLAllocHandle / SQLFreeHandle for the four handle types.
#include "odbc/odbc_headers.hpp"

namespace pgw::odbc {

SQLRETURN allocate_handle(SQLSMALLINT handle_type, SQLHANDLE input, SQLHANDLE* output) noexcept;
SQLRETURN free_handle(SQLSMALLINT handle_type, SQLHANDLE handle) noexcept;

}  // namespace pgw::odbc
