#pragma once
// Strings cross the API edge here, so that every function's logic is written once on UTF-8.
// ANSI entry points pass SQLCHAR (taken as UTF-8); W entry points pass SQLWCHAR (UTF-16).
// Which unit BufferLength counts in differs per ODBC function (characters for SQLGetDiagRecW,
// SQLDescribeColW, SQLDriverConnectW...; bytes for SQLGetInfoW, SQLColAttributeW,
// SQLGetConnectAttrW, SQLGetDescFieldW, SQLGetData); the entry point states it, the logic doesn't
// care.
#include <string>
#include <string_view>

#include "odbc/odbc_headers.hpp"

namespace pgw::odbc {

enum class Encoding { Utf8, Utf16 };
enum class LengthUnit { Bytes, Chars };

// An application's output buffer for a string.
struct StringOut {
  void* buffer = nullptr;  // may be null: only the length is wanted
  SQLLEN capacity = 0;     // in `unit`, including room for the terminator
  Encoding encoding = Encoding::Utf8;
  LengthUnit unit = LengthUnit::Bytes;
};

struct StringOutResult {
  SQLLEN full_length = 0;  // length of the whole string in `unit`, excluding the terminator
  bool truncated = false;  // the buffer was too small: caller reports 01004
};

// Writes utf8 converted to the buffer's encoding, NUL-terminated, cut at a character boundary
// (never inside a surrogate pair or a UTF-8 sequence) when it does not fit.
StringOutResult write_string(const StringOut& out, std::string_view utf8);

// Same, then stores full_length in *length_ptr (if not null) and adds 01004 to diag when truncated.
class Diagnostics;
template <class LengthT>
bool write_string(const StringOut& out, std::string_view utf8, LengthT* length_ptr,
                  Diagnostics& diag);

// Application input: text and its length in characters (SQL_NTS = NUL-terminated) -> UTF-8.
// A negative length other than SQL_NTS throws DriverError HY090.
std::string utf8_from(const SQLCHAR* text, SQLLEN length);
std::string utf8_from(const SQLWCHAR* text, SQLLEN length);  // length in SQLWCHARs

}  // namespace pgw::odbc
