#pragma once
// SQL_TXN_* levels and the PostgreSQL names for them (transaction_isolation,
// default_transaction_isolation, SET SESSION CHARACTERISTICS).
#include <optional>
#include <string_view>

#include "odbc/odbc_headers.hpp"

namespace pgw::odbc {

// "read committed" -> SQL_TXN_READ_COMMITTED; nullopt for a name PostgreSQL does not use.
std::optional<SQLUINTEGER> isolation_from_name(std::string_view name);
// SQL_TXN_SERIALIZABLE -> "SERIALIZABLE"; "" for anything else.
std::string_view isolation_sql(SQLUINTEGER level);

}  // namespace pgw::odbc
