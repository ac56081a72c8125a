#pragma once
// The ODBC environment (SQL_HANDLE_ENV). Environments live in one process-wide list; each owns its
// connections. Lock order everywhere: environment list -> environment -> connection -> statement.
#include <atomic>
#include <list>
#include <memory>

#include "odbc/handle.hpp"

namespace pgw::odbc {

class Connection;

class Environment : public Handle {
 public:
  static constexpr SQLSMALLINT kHandleType = SQL_HANDLE_ENV;

  // SQLAllocHandle(SQL_HANDLE_ENV): a new environment owned by the process-wide list.
  static Environment& create();
  // SQLFreeHandle(SQL_HANDLE_ENV): SQL_INVALID_HANDLE for anything but a live environment, HY010
  // (posted on it) while it still has connections.
  static SQLRETURN free_handle(const void* handle) noexcept;

  Environment();
  ~Environment() override;

  // SQLAllocHandle(SQL_HANDLE_DBC): HY010 until SQL_ATTR_ODBC_VERSION has been set.
  Connection& add_connection();
  // Takes a connection out of this environment; the caller lets it die (outside the connection's
  // lock).
  std::unique_ptr<Connection> remove_connection(Connection& connection);
  const std::list<std::unique_ptr<Connection>>& connections() const { return connections_; }

  void set_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length);
  void get_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER* length) const;

  // SQL_OV_ODBC2, SQL_OV_ODBC3, SQL_OV_ODBC3_80, or 0 while unset.
  SQLINTEGER odbc_version() const { return odbc_version_.load(); }

  // SQLEndTran(SQL_HANDLE_ENV): ends the transaction of every connected connection. Each failure is
  // posted on the environment and the others are still tried; SQL_ERROR if any failed.
  SQLRETURN end_transactions(SQLSMALLINT completion_type);

 private:
  std::atomic<SQLINTEGER> odbc_version_{0};
  SQLUINTEGER connection_pooling_ = SQL_CP_OFF;
  SQLUINTEGER cp_match_ = SQL_CP_STRICT_MATCH;
  std::list<std::unique_ptr<Connection>> connections_;
};

}  // namespace pgw::odbc
