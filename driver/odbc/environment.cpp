#include "odbc/environment.hpp"

#include <algorithm>
#include <mutex>

#include "odbc/attribute_value.hpp"
#include "odbc/connection.hpp"

namespace pgw::odbc {
namespace {

// ODBC 3.8 value unixODBC's headers do not define.
constexpr SQLULEN kCpDriverAware = 3;

struct EnvironmentList {
  std::mutex mutex;
  std::list<std::unique_ptr<Environment>> all;
};

EnvironmentList& environments() {
  static auto* instance =
      new EnvironmentList();  // never destroyed: entry points may run during exit
  return *instance;
}

}  // namespace

Environment::Environment() : Handle(SQL_HANDLE_ENV) {}
Environment::~Environment() = default;

Environment& Environment::create() {
  auto env = std::make_unique<Environment>();
  Environment& ref = *env;
  EnvironmentList& list = environments();
  std::lock_guard lock(list.mutex);
  list.all.push_back(std::move(env));
  return ref;
}

SQLRETURN Environment::free_handle(const void* handle) noexcept {
  EnvironmentList& list = environments();
  std::lock_guard lock(list.mutex);
  SQLRETURN rc = guarded<Environment>(handle, [](Environment& env) -> SQLRETURN {
    if (!env.connections_.empty())
      throw DriverError("HY010", "the environment still has connections; free them first");
    return SQL_SUCCESS;
  });
  if (rc != SQL_SUCCESS) return rc;
  auto it = std::find_if(list.all.begin(), list.all.end(), [&](const auto& e) {
    return static_cast<const Handle*>(e.get()) == handle;
  });
  if (it == list.all.end()) return SQL_INVALID_HANDLE;
  list.all.erase(it);
  return SQL_SUCCESS;
}

Connection& Environment::add_connection() {
  if (odbc_version() == 0)
    throw DriverError("HY010", "SQL_ATTR_ODBC_VERSION must be set before allocating a connection");
  connections_.push_back(std::make_unique<Connection>(*this));
  return *connections_.back();
}

std::unique_ptr<Connection> Environment::remove_connection(Connection& connection) {
  for (auto it = connections_.begin(); it != connections_.end(); ++it) {
    if (it->get() == &connection) {
      std::unique_ptr<Connection> owned = std::move(*it);
      connections_.erase(it);
      return owned;
    }
  }
  return nullptr;
}

void Environment::set_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER /*length*/) {
  const SQLULEN v = integer_attribute(value);
  switch (attribute) {
    case SQL_ATTR_ODBC_VERSION:
      if (v != SQL_OV_ODBC2 && v != SQL_OV_ODBC3 && v != SQL_OV_ODBC3_80)
        throw DriverError(
            "HY024", "SQL_ATTR_ODBC_VERSION must be SQL_OV_ODBC2, SQL_OV_ODBC3 or SQL_OV_ODBC3_80");
      if (!connections_.empty())
        throw DriverError("HY010", "SQL_ATTR_ODBC_VERSION cannot change while connections exist");
      odbc_version_ = static_cast<SQLINTEGER>(v);
      return;
    case SQL_ATTR_OUTPUT_NTS:
      if (v != SQL_TRUE)
        throw DriverError(
            "HYC00",
            "strings are always NUL-terminated (SQL_ATTR_OUTPUT_NTS can only be SQL_TRUE)");
      return;
    case SQL_ATTR_CONNECTION_POOLING:
      // Pooling itself is the driver manager's business; the value is only remembered.
      if (v != SQL_CP_OFF && v != SQL_CP_ONE_PER_DRIVER && v != SQL_CP_ONE_PER_HENV &&
          v != kCpDriverAware)
        throw DriverError("HY024", "invalid SQL_ATTR_CONNECTION_POOLING value");
      connection_pooling_ = static_cast<SQLUINTEGER>(v);
      return;
    case SQL_ATTR_CP_MATCH:
      if (v != SQL_CP_STRICT_MATCH && v != SQL_CP_RELAXED_MATCH)
        throw DriverError("HY024", "invalid SQL_ATTR_CP_MATCH value");
      cp_match_ = static_cast<SQLUINTEGER>(v);
      return;
    default:
      throw DriverError("HY092", "unknown environment attribute " + std::to_string(attribute));
  }
}

void Environment::get_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER* length) const {
  switch (attribute) {
    case SQL_ATTR_ODBC_VERSION:
      return write_integer<SQLINTEGER>(value, length, odbc_version());
    case SQL_ATTR_OUTPUT_NTS:
      return write_integer<SQLINTEGER>(value, length, SQL_TRUE);
    case SQL_ATTR_CONNECTION_POOLING:
      return write_integer<SQLUINTEGER>(value, length, connection_pooling_);
    case SQL_ATTR_CP_MATCH:
      return write_integer<SQLUINTEGER>(value, length, cp_match_);
    default:
      throw DriverError("HY092", "unknown environment attribute " + std::to_string(attribute));
  }
}

SQLRETURN Environment::end_transactions(SQLSMALLINT completion_type) {
  SQLRETURN rc = SQL_SUCCESS;
  for (auto& connection : connections_) {
    std::lock_guard lock(connection->mutex());
    if (!connection->connected()) continue;
    try {
      connection->end_transaction(completion_type);
    } catch (const DriverError& e) {
      diag().add(e);  // every connection is still tried; each failure keeps its own record
      rc = SQL_ERROR;
    }
  }
  return rc;
}

}  // namespace pgw::odbc
