#pragma once
// SQLGetInfo as a table: each information type the driver answers, its C type, and its value (a
// constant, or a function of the connection). A type not in the table is answered with HY096, never
// with a made-up value.
#include <span>
#include <string>
#include <string_view>

#include "odbc/strings.hpp"

namespace pgw::odbc {

class Connection;

enum class InfoKind { String, USmallInt, UInteger };

struct InfoEntry {
  SQLUSMALLINT type;
  std::string_view name;  // SQL_DBMS_NAME, ... (messages and tests)
  InfoKind kind;
  bool needs_connection;  // false: answered before connecting (the driver's own identity)
  std::string_view text;  // String constant
  SQLUINTEGER number;     // USmallInt / UInteger constant
  std::string (*text_of)(Connection&);    // String from the connection (then `text` is unused)
  SQLUINTEGER (*number_of)(Connection&);  // number from the connection
};

std::span<const InfoEntry> info_table();
const InfoEntry* find_info(SQLUSMALLINT type);

// SQLGetInfo(W). Strings are written in `encoding` with BufferLength in bytes (also for
// SQLGetInfoW); numbers are written as their C type whatever BufferLength says.
void get_info(Connection& connection, SQLUSMALLINT type, SQLPOINTER value,
              SQLSMALLINT buffer_length, SQLSMALLINT* length, Encoding encoding);

// "MM.mm.rrrr" from the project version ("0.1.0" -> "00.01.0000").
std::string odbc_version_string(std::string_view version);

}  // namespace pgw::odbc
