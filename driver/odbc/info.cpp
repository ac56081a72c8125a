#include "odbc/info.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "odbc/attribute_value.hpp"
#include "odbc/connection.hpp"
#include "vendor/profile.hpp"

namespace pgw::odbc {
namespace {

constexpr InfoEntry text(SQLUSMALLINT type, std::string_view name, std::string_view value,
                         bool needs_connection = true) {
  return {type, name, InfoKind::String, needs_connection, value, 0, nullptr, nullptr};
}
constexpr InfoEntry text_of(SQLUSMALLINT type, std::string_view name,
                            std::string (*of)(Connection&), bool needs_connection = true) {
  return {type, name, InfoKind::String, needs_connection, {}, 0, of, nullptr};
}
constexpr InfoEntry u16(SQLUSMALLINT type, std::string_view name, SQLUINTEGER value) {
  return {type, name, InfoKind::USmallInt, true, {}, value, nullptr, nullptr};
}
constexpr InfoEntry u32(SQLUSMALLINT type, std::string_view name, SQLUINTEGER value) {
  return {type, name, InfoKind::UInteger, true, {}, value, nullptr, nullptr};
}
constexpr InfoEntry u32_of(SQLUSMALLINT type, std::string_view name,
                           SQLUINTEGER (*of)(Connection&)) {
  return {type, name, InfoKind::UInteger, true, {}, 0, nullptr, of};
}
#define PGW_INFO(kind, type, ...) kind(type, #type, __VA_ARGS__)

// PostgreSQL identifiers are at most NAMEDATALEN - 1 bytes.
constexpr SQLUINTEGER kIdentifierMax = 63;

// PostgreSQL's reserved key words (pg_get_keywords() catcode R and T) that are not already ODBC
// reserved words (SQL_ODBC_KEYWORDS), as SQL_KEYWORDS wants them.
constexpr std::string_view kKeywords =
    "ANALYSE,ANALYZE,ARRAY,ASYMMETRIC,BINARY,CONCURRENTLY,CURRENT_CATALOG,CURRENT_ROLE,"
    "CURRENT_SCHEMA,DO,FREEZE,ILIKE,ISNULL,LATERAL,LIMIT,LOCALTIME,LOCALTIMESTAMP,NOTNULL,OFFSET,"
    "PLACING,RETURNING,SIMILAR,SYMMETRIC,TABLESAMPLE,VARIADIC,VERBOSE,WINDOW";

constexpr std::array kInfo = {
    // --- the driver ---
    PGW_INFO(text, SQL_DRIVER_NAME, "libpgwireodbc.so", false),
    PGW_INFO(
        text_of, SQL_DRIVER_VER, [](Connection&) { return odbc_version_string(PGW_VERSION); },
        false),
    PGW_INFO(text, SQL_DRIVER_ODBC_VER, "03.80", false),
    PGW_INFO(text, SQL_ODBC_VER, "03.80.0000", false),
    PGW_INFO(u32, SQL_ODBC_INTERFACE_CONFORMANCE, SQL_OIC_CORE),
    PGW_INFO(u32, SQL_SQL_CONFORMANCE, SQL_SC_SQL92_ENTRY),
    PGW_INFO(u32, SQL_ASYNC_MODE, SQL_AM_NONE),
    PGW_INFO(u32, SQL_ASYNC_DBC_FUNCTIONS, SQL_ASYNC_DBC_NOT_CAPABLE),
    PGW_INFO(u16, SQL_MAX_DRIVER_CONNECTIONS, 0),     // no limit of the driver's own
    PGW_INFO(u16, SQL_MAX_CONCURRENT_ACTIVITIES, 0),  // any number of statements per connection

    // --- the server and this connection ---
    PGW_INFO(text_of, SQL_DBMS_NAME, [](Connection& c) { return std::string(c.profile().name()); }),
    PGW_INFO(text_of, SQL_DBMS_VER,
             [](Connection& c) { return c.profile().dbms_version(c.session()); }),
    PGW_INFO(text_of, SQL_SERVER_NAME, [](Connection& c) { return c.server_host(); }),
    PGW_INFO(text_of, SQL_DATA_SOURCE_NAME, [](Connection& c) { return c.data_source_name(); }),
    PGW_INFO(text_of, SQL_DATABASE_NAME, [](Connection& c) { return c.database_name(); }),
    PGW_INFO(text_of, SQL_USER_NAME, [](Connection& c) { return c.user_name(); }),
    PGW_INFO(text_of, SQL_DATA_SOURCE_READ_ONLY,
             [](Connection& c) { return std::string(c.read_only() ? "Y" : "N"); }),

    // --- names ---
    PGW_INFO(text, SQL_IDENTIFIER_QUOTE_CHAR, "\""),
    PGW_INFO(u16, SQL_IDENTIFIER_CASE, SQL_IC_LOWER),  // unquoted names fold to lower case
    PGW_INFO(u16, SQL_QUOTED_IDENTIFIER_CASE, SQL_IC_SENSITIVE),
    PGW_INFO(text, SQL_SPECIAL_CHARACTERS, "$"),  // besides letters, digits and '_'
    PGW_INFO(text, SQL_KEYWORDS, kKeywords),
    // A catalog is a database. Names may be qualified with it, but only the current database can be
    // reached: a session never crosses databases.
    PGW_INFO(text, SQL_CATALOG_NAME, "Y"),
    PGW_INFO(text, SQL_CATALOG_TERM, "database"),
    PGW_INFO(text, SQL_CATALOG_NAME_SEPARATOR, "."),
    PGW_INFO(text, SQL_SCHEMA_TERM, "schema"),
    PGW_INFO(text, SQL_TABLE_TERM, "table"),
    PGW_INFO(text, SQL_PROCEDURE_TERM, "function"),
    PGW_INFO(u16, SQL_MAX_CATALOG_NAME_LEN, kIdentifierMax),
    PGW_INFO(u16, SQL_MAX_SCHEMA_NAME_LEN, kIdentifierMax),
    PGW_INFO(u16, SQL_MAX_TABLE_NAME_LEN, kIdentifierMax),
    PGW_INFO(u16, SQL_MAX_COLUMN_NAME_LEN, kIdentifierMax),
    PGW_INFO(u16, SQL_MAX_PROCEDURE_NAME_LEN, kIdentifierMax),
    PGW_INFO(u16, SQL_MAX_CURSOR_NAME_LEN, kIdentifierMax),
    PGW_INFO(u16, SQL_MAX_IDENTIFIER_LEN, kIdentifierMax),
    PGW_INFO(u16, SQL_MAX_USER_NAME_LEN, kIdentifierMax),
    PGW_INFO(u32, SQL_MAX_STATEMENT_LEN, 0),  // no limit short of the protocol's 1 GB message
    PGW_INFO(text, SQL_ACCESSIBLE_TABLES, "N"),
    PGW_INFO(text, SQL_ACCESSIBLE_PROCEDURES, "N"),

    // --- SQL behaviour ---
    PGW_INFO(u16, SQL_NULL_COLLATION, SQL_NC_HIGH),        // NULLs sort after every value
    PGW_INFO(u16, SQL_CONCAT_NULL_BEHAVIOR, SQL_CB_NULL),  // 'a' || NULL is NULL
    PGW_INFO(text, SQL_NEED_LONG_DATA_LEN, "N"),

    // --- transactions ---
    PGW_INFO(u16, SQL_TXN_CAPABLE, SQL_TC_ALL),  // DDL is transactional too
    PGW_INFO(u32_of, SQL_DEFAULT_TXN_ISOLATION,
             [](Connection& c) { return c.default_isolation(); }),
    PGW_INFO(u32, SQL_TXN_ISOLATION_OPTION,
             SQL_TXN_READ_UNCOMMITTED | SQL_TXN_READ_COMMITTED | SQL_TXN_REPEATABLE_READ |
                 SQL_TXN_SERIALIZABLE),
    PGW_INFO(text, SQL_MULTIPLE_ACTIVE_TXN, "Y"),  // each connection has its own transaction
    // Before a transaction ends, the statement reading a result reads the rest of it into memory
    // (Connection::end_transaction), and server-side prepared statements outlive transactions.
    PGW_INFO(u16, SQL_CURSOR_COMMIT_BEHAVIOR, SQL_CB_PRESERVE),
    PGW_INFO(u16, SQL_CURSOR_ROLLBACK_BEHAVIOR, SQL_CB_PRESERVE),

    // --- statements and cursors (values the statement half implements) ---
    PGW_INFO(u32, SQL_SCROLL_OPTIONS, SQL_SO_FORWARD_ONLY),
    PGW_INFO(u32, SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES1, SQL_CA1_NEXT),
    PGW_INFO(u32, SQL_FORWARD_ONLY_CURSOR_ATTRIBUTES2, SQL_CA2_READ_ONLY_CONCURRENCY),
    PGW_INFO(u32, SQL_GETDATA_EXTENSIONS, SQL_GD_ANY_COLUMN | SQL_GD_ANY_ORDER | SQL_GD_BOUND),
    PGW_INFO(text, SQL_MULT_RESULT_SETS, "Y"),
    PGW_INFO(u32, SQL_PARAM_ARRAY_ROW_COUNTS, SQL_PARC_BATCH),
    PGW_INFO(u32, SQL_PARAM_ARRAY_SELECTS, SQL_PAS_BATCH),
    PGW_INFO(text, SQL_DESCRIBE_PARAMETER, "Y"),
};
#undef PGW_INFO

}  // namespace

std::span<const InfoEntry> info_table() {
  return kInfo;
}

const InfoEntry* find_info(SQLUSMALLINT type) {
  auto it =
      std::find_if(kInfo.begin(), kInfo.end(), [&](const InfoEntry& e) { return e.type == type; });
  return it == kInfo.end() ? nullptr : &*it;
}

void get_info(Connection& connection, SQLUSMALLINT type, SQLPOINTER value,
              SQLSMALLINT buffer_length, SQLSMALLINT* length, Encoding encoding) {
  const InfoEntry* entry = find_info(type);
  if (entry == nullptr)
    throw DriverError("HY096", "information type " + std::to_string(type) + " is not supported");
  if (entry->needs_connection && !connection.connected())
    throw DriverError("08003", "the connection is not open");
  switch (entry->kind) {
    case InfoKind::String: {
      if (buffer_length < 0) throw DriverError("HY090", "BufferLength is negative");
      const std::string computed = entry->text_of ? entry->text_of(connection) : std::string();
      const std::string_view answer = entry->text_of ? std::string_view(computed) : entry->text;
      write_string(StringOut{value, buffer_length, encoding, LengthUnit::Bytes}, answer, length,
                   connection.diag());
      return;
    }
    case InfoKind::USmallInt: {
      const SQLUINTEGER n = entry->number_of ? entry->number_of(connection) : entry->number;
      return write_integer<SQLUSMALLINT>(value, length, n);
    }
    case InfoKind::UInteger: {
      const SQLUINTEGER n = entry->number_of ? entry->number_of(connection) : entry->number;
      return write_integer<SQLUINTEGER>(value, length, n);
    }
  }
}

std::string odbc_version_string(std::string_view version) {
  unsigned parts[3] = {0, 0, 0};
  std::size_t part = 0;
  for (char c : version) {
    if (c == '.') {
      if (++part == 3) break;
    } else if (c >= '0' && c <= '9') {
      parts[part] = parts[part] * 10 + static_cast<unsigned>(c - '0');
    } else {
      break;
    }
  }
  char out[32];
  std::snprintf(out, sizeof out, "%02u.%02u.%04u", parts[0] % 100, parts[1] % 100,
                parts[2] % 10000);
  return out;
}

}  // namespace pgw::odbc
