// SQLAllocHandle / SQLFreeHandle.
#include "odbc/handle_lifetime.hpp"

extern "C" {

SQLRETURN SQL_API SQLAllocHandle(SQLSMALLINT HandleType, SQLHANDLE InputHandle,
                                 SQLHANDLE* OutputHandle) {
  return pgw::odbc::allocate_handle(HandleType, InputHandle, OutputHandle);
}

SQLRETURN SQL_API SQLFreeHandle(SQLSMALLINT HandleType, SQLHANDLE Handle) {
  return pgw::odbc::free_handle(HandleType, Handle);
}

}  // extern "C"
