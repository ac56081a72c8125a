#pragma once
// From what the application gave (a connection string, or SQLConnect's DSN/UID/PWD) to a validated
// ConnectionConfig, and back to text for SQLDriverConnect's OutConnectionString and for logs.
//
// Rules:
//  - In the connection string the first occurrence of an option wins, aliases included (ODBC spec:
//    "If any keywords are repeated in the connection string, the driver uses the value associated
//    with the first occurrence"). Of DSN and DRIVER, whichever comes first is used: with DRIVER
//    first no odbc.ini section is read.
//  - The DSN's odbc.ini section fills what the connection string did not set (first occurrence in
//    the section wins too). Then pqopt's libpq keywords fill what is still unset; a pqopt keyword
//    that contradicts an explicitly set option is an error, as in psqlODBC.
//  - Unknown keys are ignored and recorded in ConnectionConfig::ignored(); pqopt keywords without
//  an
//    equivalent option likewise (source Pqopt).
//  - Invalid values throw DriverError 08001 naming the key and what is allowed. Values of the DSN
//    that the connection string overrides are not validated.
#include <functional>
#include <string>
#include <string_view>

#include "config/connection_config.hpp"
#include "config/connection_string.hpp"
#include "config/odbc_ini.hpp"

namespace pgw::config {

// Reads a DSN's odbc.ini section; tests substitute their own.
using DsnReader = std::function<IniEntries(std::string_view dsn)>;

ConnectionConfig resolve(const ConnectionString& input,
                         const DsnReader& read_dsn = read_dsn_entries);
ConnectionConfig resolve(std::string_view connection_string,
                         const DsnReader& read_dsn = read_dsn_entries);

// SQLConnect(ServerName, UserName, Authentication) as a connection string. UID and PWD are added
// only when non-empty, so an application passing "" keeps the DSN's values (as psqlODBC does).
ConnectionString sqlconnect_input(std::string_view dsn, std::string_view uid, std::string_view pwd);

// SQLDriverConnect's completed connection string: the input's attributes in order (first occurrence
// of each option, the losing one of DSN/DRIVER dropped, unknown keys kept as given) with every
// secret option (PWD, SSLPassword, and password/sslpassword inside pqopt) omitted. Omitted, not
// masked: an application that stores and reuses the string must not send "********" as a password;
// without PWD it gets a clear authentication error or prompts for it.
std::string out_connection_string(const ConnectionString& input);

// For logs: every attribute, secrets as "***" (registry secrets, pqopt passwords, and unknown keys
// whose name suggests a secret).
std::string redacted(const ConnectionString& input);
// For logs: each option not at its default as Key=value (secrets "***"), then ignored keys.
std::string redacted(const ConnectionConfig& config);

}  // namespace pgw::config
