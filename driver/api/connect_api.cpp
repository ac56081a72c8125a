// SQLConnect(W), SQLDriverConnect(W), SQLDisconnect, SQLEndTran.
#include "odbc/connect.hpp"
#include "odbc/connection.hpp"
#include "odbc/environment.hpp"

using pgw::odbc::Connection;
using pgw::odbc::Encoding;
using pgw::odbc::Environment;
using pgw::odbc::guarded;
using pgw::odbc::LengthUnit;
using pgw::odbc::StringOut;
using pgw::odbc::utf8_from;

extern "C" {

SQLRETURN SQL_API SQLConnect(SQLHDBC ConnectionHandle, SQLCHAR* ServerName, SQLSMALLINT NameLength1,
                             SQLCHAR* UserName, SQLSMALLINT NameLength2, SQLCHAR* Authentication,
                             SQLSMALLINT NameLength3) {
  return guarded<Connection>(ConnectionHandle, [&](Connection& c) {
    return connect_with_dsn(c, utf8_from(ServerName, NameLength1), utf8_from(UserName, NameLength2),
                            utf8_from(Authentication, NameLength3));
  });
}

SQLRETURN SQL_API SQLConnectW(SQLHDBC ConnectionHandle, SQLWCHAR* ServerName,
                              SQLSMALLINT NameLength1, SQLWCHAR* UserName, SQLSMALLINT NameLength2,
                              SQLWCHAR* Authentication, SQLSMALLINT NameLength3) {
  return guarded<Connection>(ConnectionHandle, [&](Connection& c) {
    return connect_with_dsn(c, utf8_from(ServerName, NameLength1), utf8_from(UserName, NameLength2),
                            utf8_from(Authentication, NameLength3));
  });
}

SQLRETURN SQL_API SQLDriverConnect(SQLHDBC ConnectionHandle, SQLHWND WindowHandle,
                                   SQLCHAR* InConnectionString, SQLSMALLINT StringLength1,
                                   SQLCHAR* OutConnectionString, SQLSMALLINT BufferLength,
                                   SQLSMALLINT* StringLength2Ptr, SQLUSMALLINT DriverCompletion) {
  return guarded<Connection>(ConnectionHandle, [&](Connection& c) {
    return driver_connect(
        c, WindowHandle, utf8_from(InConnectionString, StringLength1), DriverCompletion,
        StringOut{OutConnectionString, BufferLength, Encoding::Utf8, LengthUnit::Chars},
        StringLength2Ptr);
  });
}

SQLRETURN SQL_API SQLDriverConnectW(SQLHDBC ConnectionHandle, SQLHWND WindowHandle,
                                    SQLWCHAR* InConnectionString, SQLSMALLINT StringLength1,
                                    SQLWCHAR* OutConnectionString, SQLSMALLINT BufferLength,
                                    SQLSMALLINT* StringLength2Ptr, SQLUSMALLINT DriverCompletion) {
  return guarded<Connection>(ConnectionHandle, [&](Connection& c) {
    return driver_connect(
        c, WindowHandle, utf8_from(InConnectionString, StringLength1), DriverCompletion,
        StringOut{OutConnectionString, BufferLength, Encoding::Utf16, LengthUnit::Chars},
        StringLength2Ptr);
  });
}

SQLRETURN SQL_API SQLDisconnect(SQLHDBC ConnectionHandle) {
  return guarded<Connection>(ConnectionHandle, [&](Connection& c) {
    c.disconnect();
    return SQL_SUCCESS;
  });
}

SQLRETURN SQL_API SQLEndTran(SQLSMALLINT HandleType, SQLHANDLE Handle, SQLSMALLINT CompletionType) {
  if (HandleType == SQL_HANDLE_ENV)
    return guarded<Environment>(Handle,
                                [&](Environment& e) { return e.end_transactions(CompletionType); });
  return guarded<Connection>(Handle, [&](Connection& c) {
    if (HandleType != SQL_HANDLE_DBC)
      throw pgw::DriverError("HY092", "HandleType must be SQL_HANDLE_ENV or SQL_HANDLE_DBC");
    c.end_transaction(CompletionType);
    return SQL_SUCCESS;
  });
}

}  // extern "C"
