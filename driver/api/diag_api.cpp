// SQLGetDiagRec(W) / SQLGetDiagField(W): they read a handle's records without clearing them.
#include "odbc/diag_request.hpp"

using pgw::odbc::Encoding;
using pgw::odbc::Handle;
using pgw::odbc::LengthUnit;
using pgw::odbc::StringOut;
using pgw::odbc::with_handle;

extern "C" {

SQLRETURN SQL_API SQLGetDiagRec(SQLSMALLINT HandleType, SQLHANDLE Handle_, SQLSMALLINT RecNumber,
                                SQLCHAR* Sqlstate, SQLINTEGER* NativeError, SQLCHAR* MessageText,
                                SQLSMALLINT BufferLength, SQLSMALLINT* TextLength) {
  return with_handle(HandleType, Handle_, [&](Handle& h) {
    return get_diag_rec(h, RecNumber, Sqlstate, Encoding::Utf8, NativeError,
                        StringOut{MessageText, BufferLength, Encoding::Utf8, LengthUnit::Bytes},
                        TextLength);
  });
}

SQLRETURN SQL_API SQLGetDiagRecW(SQLSMALLINT HandleType, SQLHANDLE Handle_, SQLSMALLINT RecNumber,
                                 SQLWCHAR* Sqlstate, SQLINTEGER* NativeError, SQLWCHAR* MessageText,
                                 SQLSMALLINT BufferLength, SQLSMALLINT* TextLength) {
  return with_handle(HandleType, Handle_, [&](Handle& h) {
    return get_diag_rec(h, RecNumber, Sqlstate, Encoding::Utf16, NativeError,
                        StringOut{MessageText, BufferLength, Encoding::Utf16, LengthUnit::Chars},
                        TextLength);
  });
}

SQLRETURN SQL_API SQLGetDiagField(SQLSMALLINT HandleType, SQLHANDLE Handle_, SQLSMALLINT RecNumber,
                                  SQLSMALLINT DiagIdentifier, SQLPOINTER DiagInfo,
                                  SQLSMALLINT BufferLength, SQLSMALLINT* StringLength) {
  return with_handle(HandleType, Handle_, [&](Handle& h) {
    return get_diag_field(h, RecNumber, DiagIdentifier, DiagInfo, BufferLength, StringLength,
                          Encoding::Utf8);
  });
}

SQLRETURN SQL_API SQLGetDiagFieldW(SQLSMALLINT HandleType, SQLHANDLE Handle_, SQLSMALLINT RecNumber,
                                   SQLSMALLINT DiagIdentifier, SQLPOINTER DiagInfo,
                                   SQLSMALLINT BufferLength, SQLSMALLINT* StringLength) {
  return with_handle(HandleType, Handle_, [&](Handle& h) {
    return get_diag_field(h, RecNumber, DiagIdentifier, DiagInfo, BufferLength, StringLength,
                          Encoding::Utf16);
  });
}

}  // extern "C"
