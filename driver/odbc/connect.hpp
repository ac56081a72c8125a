#pragma once
// SQLConnect and SQLDriverConnect: application input -> configuration layer -> Connection::connect.
#include <string_view>

#include "odbc/strings.hpp"

namespace pgw::config {
class ConnectionConfig;
}

namespace pgw::odbc {

class Connection;
struct ConnectRequest;

// SQLConnect: the DSN's options, with UID/PWD from the arguments when they are not empty.
SQLRETURN connect_with_dsn(Connection& connection, std::string_view dsn, std::string_view user,
                           std::string_view password);

// SQLDriverConnect. The driver has no dialogs: SQL_DRIVER_COMPLETE(_REQUIRED) connect when the
// string holds enough information, and so does SQL_DRIVER_PROMPT without a window handle; otherwise
// IM008 (dialog failed). SQL_DRIVER_NOPROMPT without enough information is 28000. The completed
// string (`out`, in characters) is the input without secrets; 01004 when it does not fit.
SQLRETURN driver_connect(Connection& connection, SQLHWND window, std::string_view connection_string,
                         SQLUSMALLINT completion, const StringOut& out, SQLSMALLINT* out_length);

// The request for Connection::connect from a resolved configuration (exposed for tests).
ConnectRequest make_request(const config::ConnectionConfig& config);

}  // namespace pgw::odbc
