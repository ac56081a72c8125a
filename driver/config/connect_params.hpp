#pragma once
// Typed views of a ConnectionConfig for the layers that use it.
#include <cstdint>
#include <vector>

#include "config/connection_config.hpp"
#include "session/session.hpp"

namespace pgw::config {

// Server x Port with libpq's rules: one port for every host, or one port per host; an empty list
// element is the default (localhost / 5432). Throws DriverError 08001 when the counts differ.
std::vector<session::HostSpec> host_list(const ConnectionConfig& config);

// Everything session::Session::connect needs. An empty UID becomes the operating-system user name
// (libpq's rule, which peer/ident authentication relies on). connect_timeout comes from
// ConnectTimeout; the ODBC layer overrides it with a nonzero SQL_ATTR_LOGIN_TIMEOUT.
session::ConnectParams to_connect_params(const ConnectionConfig& config);

// How result and catalog columns are described (see the registry's help for each knob).
struct TypeOptions {
  std::int32_t max_varchar_size = 4000;
  std::int32_t max_long_varchar_size = 8190;
  bool text_as_long_varchar = false;
  bool unknowns_as_long_varchar = false;
  bool bools_as_char = false;
  bool bytea_as_long_varbinary = false;
  std::int32_t fetch_rows = 0;  // rows per Execute round trip; 0 = all rows in one request
};
TypeOptions type_options(const ConnectionConfig& config);

}  // namespace pgw::config
