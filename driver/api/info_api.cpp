// SQLGetInfo(W) / SQLGetFunctions.
#include "odbc/connection.hpp"
#include "odbc/functions.hpp"
#include "odbc/info.hpp"

using pgw::odbc::Connection;
using pgw::odbc::Encoding;
using pgw::odbc::guarded;

extern "C" {

SQLRETURN SQL_API SQLGetInfo(SQLHDBC ConnectionHandle, SQLUSMALLINT InfoType, SQLPOINTER InfoValue,
                             SQLSMALLINT BufferLength, SQLSMALLINT* StringLength) {
  return guarded<Connection>(ConnectionHandle, [&](Connection& c) {
    get_info(c, InfoType, InfoValue, BufferLength, StringLength, Encoding::Utf8);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLGetInfoW(SQLHDBC ConnectionHandle, SQLUSMALLINT InfoType, SQLPOINTER InfoValue,
                              SQLSMALLINT BufferLength, SQLSMALLINT* StringLength) {
  return guarded<Connection>(ConnectionHandle, [&](Connection& c) {
    get_info(c, InfoType, InfoValue, BufferLength, StringLength, Encoding::Utf16);
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLGetFunctions(SQLHDBC ConnectionHandle, SQLUSMALLINT FunctionId,
                                  SQLUSMALLINT* Supported) {
  return guarded<Connection>(ConnectionHandle, [&](Connection&) {
    pgw::odbc::get_functions(FunctionId, Supported);
    return SQL_SUCCESS;
  });
}

}  // extern "C"
