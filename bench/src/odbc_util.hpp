#pragma once
// Just enough RAII over the ODBC C API for the benchmark: handles that free themselves, and
// check() that turns a failed return code into an exception carrying the diagnostic records.

#include <sql.h>
#include <sqlext.h>

#include <string>

namespace pgw::bench {

std::string odbc_diagnostics(SQLSMALLINT type, SQLHANDLE h);
// Throws std::runtime_error("<what>: <diagnostics>") unless rc is SQL_SUCCESS(_WITH_INFO).
void check(SQLRETURN rc, SQLSMALLINT type, SQLHANDLE h, const char* what);

class OdbcHandle {
 public:
  OdbcHandle(SQLSMALLINT type, SQLHANDLE parent);
  ~OdbcHandle();
  OdbcHandle(const OdbcHandle&) = delete;
  OdbcHandle& operator=(const OdbcHandle&) = delete;
  SQLHANDLE get() const { return h_; }
  SQLSMALLINT type() const { return type_; }

 private:
  SQLSMALLINT type_;
  SQLHANDLE h_ = SQL_NULL_HANDLE;
};

class OdbcEnvironment : public OdbcHandle {
 public:
  OdbcEnvironment();  // with SQL_ATTR_ODBC_VERSION = 3
};

// An ODBC 3 environment and one connection, disconnected on destruction.
class OdbcConnection {
 public:
  explicit OdbcConnection(const std::string& connection_string);
  ~OdbcConnection();
  OdbcConnection(const OdbcConnection&) = delete;
  OdbcConnection& operator=(const OdbcConnection&) = delete;
  SQLHENV env() const { return env_.get(); }
  SQLHDBC dbc() const { return dbc_.get(); }
  void exec(const std::string& sql);  // runs a statement and discards any result
  void set_autocommit(bool on);
  void commit();

 private:
  OdbcEnvironment env_;
  OdbcHandle dbc_;
  bool connected_ = false;
};

}  // namespace pgw::bench
