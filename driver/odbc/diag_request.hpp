#pragma once
// SQLGetDiagRec / SQLGetDiagField on any handle type. These functions report only through their
// return code: they never post diagnostics about themselves, and they leave the handle's records
// as they are.
#include "odbc/handle.hpp"
#include "odbc/strings.hpp"

namespace pgw::odbc {

// Finds the live handle of `handle_type` behind `pointer` (SQL_INVALID_HANDLE if none), locks it
// and runs body(Handle&) without clearing its diagnostics. Exceptions become SQL_ERROR.
template <class Body>
SQLRETURN with_handle(SQLSMALLINT handle_type, const void* pointer, Body&& body) noexcept {
  Handle* handle = find_handle(pointer, handle_type);
  if (handle == nullptr) return SQL_INVALID_HANDLE;
  std::lock_guard lock(handle->mutex());
  try {
    return body(*handle);
  } catch (...) {
    return SQL_ERROR;
  }
}

// `state` receives the five-character SQLSTATE and a terminator (6 SQLCHAR or 6 SQLWCHAR);
// `message` is the MessageText buffer (its unit: bytes for ANSI, characters for SQLGetDiagRecW).
SQLRETURN get_diag_rec(Handle& handle, SQLSMALLINT record, void* state, Encoding encoding,
                       SQLINTEGER* native, const StringOut& message, SQLSMALLINT* text_length);

// `value` per the field's type; string fields use `buffer_length` bytes (also for the W variant).
SQLRETURN get_diag_field(Handle& handle, SQLSMALLINT record, SQLSMALLINT identifier,
                         SQLPOINTER value, SQLSMALLINT buffer_length, SQLSMALLINT* length,
                         Encoding encoding);

}  // namespace pgw::odbc
