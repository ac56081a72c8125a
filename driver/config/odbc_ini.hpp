#pragma once
// odbc.ini access through unixODBC's installer library (odbcinst), so ODBCINI / ODBCSYSINI and the
// user-then-system lookup order are unixODBC's own.
//
// unixODBC caches single-entry reads for about 20 seconds per process, so a DSN edited while an
// application runs is seen by that application within that time (the same holds for every driver).
// Listing a section's keys is not cached.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pgw::config {

using IniEntries = std::vector<std::pair<std::string, std::string>>;

// Every key=value of the [dsn] section, in file order; empty if there is no such section. Values
// are literal: odbc.ini needs no braces, so braces in a value are part of it.
IniEntries read_dsn_entries(std::string_view dsn);
// Section names of odbc.ini in the current config mode (user and system by default).
std::vector<std::string> list_ini_sections();
bool dsn_exists(std::string_view dsn);
// Writes (or, with nullopt, deletes) one key of the [dsn] section of odbc.ini in the current config
// mode. Returns false if odbcinst refused.
bool write_dsn_entry(std::string_view dsn, std::string_view key,
                     std::optional<std::string_view> value);

}  // namespace pgw::config
