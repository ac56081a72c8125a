#include "odbc/connect.hpp"

#include "config/connect_params.hpp"
#include "config/resolve.hpp"
#include "odbc/connection.hpp"

namespace pgw::odbc {

ConnectRequest make_request(const config::ConnectionConfig& config) {
  ConnectRequest request;
  request.params = config::to_connect_params(config);
  request.data_source_name = config.text(config::OptionId::Dsn);
  request.conn_settings = config.text(config::OptionId::ConnSettings);
  request.type_options = config::type_options(config);
  // Only keys the application wrote itself earn a warning: odbc.ini sections routinely hold keys
  // meant for other tools or drivers.
  for (const config::IgnoredKey& key : config.ignored())
    if (key.source == config::ValueSource::ConnectionString)
      request.warnings.push_back("unknown connection string keyword '" + key.key + "' was ignored");
  return request;
}

SQLRETURN connect_with_dsn(Connection& connection, std::string_view dsn, std::string_view user,
                           std::string_view password) {
  if (connection.connected()) throw DriverError("08002", "the connection is already open");
  config::ConnectionString input;
  input.add("DSN", std::string(dsn));
  if (!user.empty()) input.add("UID", std::string(user));
  if (!password.empty()) input.add("PWD", std::string(password));
  connection.connect(make_request(config::resolve(input)));
  return SQL_SUCCESS;
}

SQLRETURN driver_connect(Connection& connection, SQLHWND window, std::string_view connection_string,
                         SQLUSMALLINT completion, const StringOut& out, SQLSMALLINT* out_length) {
  if (completion != SQL_DRIVER_NOPROMPT && completion != SQL_DRIVER_COMPLETE &&
      completion != SQL_DRIVER_COMPLETE_REQUIRED && completion != SQL_DRIVER_PROMPT)
    throw DriverError("HY110", "invalid DriverCompletion " + std::to_string(completion));
  if (out.capacity < 0) throw DriverError("HY090", "BufferLength is negative");
  if (connection.connected()) throw DriverError("08002", "the connection is already open");
  if (completion == SQL_DRIVER_PROMPT && window != nullptr)
    throw DriverError("IM008",
                      "this driver has no login dialog: use SQL_DRIVER_NOPROMPT or "
                      "SQL_DRIVER_COMPLETE with a complete connection string");

  const config::ConnectionString input = config::ConnectionString::parse(connection_string);
  ConnectRequest request = make_request(config::resolve(input));
  // The only thing that cannot be defaulted is who logs in (UID falls back to the operating-system
  // user, which is missing only in unusual sandboxes).
  if (request.params.user.empty()) {
    if (completion == SQL_DRIVER_NOPROMPT)
      throw DriverError("28000", "no user name: add UID to the connection string or the DSN");
    throw DriverError("IM008",
                      "this driver has no login dialog, and the user name (UID) is missing");
  }
  connection.connect(std::move(request));
  write_string(out, config::out_connection_string(input), out_length, connection.diag());
  return SQL_SUCCESS;
}

}  // namespace pgw::odbc
