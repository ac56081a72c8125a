#include "odbc_util.hpp"

#include <stdexcept>

namespace pgw::bench {

std::string odbc_diagnostics(SQLSMALLINT type, SQLHANDLE h) {
  std::string out;
  for (SQLSMALLINT i = 1; i <= 10; ++i) {
    SQLCHAR state[6] = {};
    SQLCHAR msg[1024] = {};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    SQLRETURN rc = SQLGetDiagRec(type, h, i, state, &native, msg, sizeof msg, &len);
    if (!SQL_SUCCEEDED(rc)) break;
    if (!out.empty()) out += "; ";
    out += reinterpret_cast<const char*>(state);
    out += ' ';
    out += reinterpret_cast<const char*>(msg);
  }
  return out.empty() ? "(no diagnostic record)" : out;
}

void check(SQLRETURN rc, SQLSMALLINT type, SQLHANDLE h, const char* what) {
  if (SQL_SUCCEEDED(rc)) return;
  throw std::runtime_error(std::string(what) + " returned " + std::to_string(rc) + ": " +
                           odbc_diagnostics(type, h));
}

OdbcHandle::OdbcHandle(SQLSMALLINT type, SQLHANDLE parent) : type_(type) {
  SQLRETURN rc = SQLAllocHandle(type, parent, &h_);
  if (!SQL_SUCCEEDED(rc)) {
    const SQLSMALLINT parent_type = type == SQL_HANDLE_DBC ? SQL_HANDLE_ENV : SQL_HANDLE_DBC;
    throw std::runtime_error("SQLAllocHandle failed: " +
                             (parent ? odbc_diagnostics(parent_type, parent) : std::string()));
  }
}

OdbcHandle::~OdbcHandle() {
  if (h_ != SQL_NULL_HANDLE) SQLFreeHandle(type_, h_);
}

OdbcEnvironment::OdbcEnvironment() : OdbcHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE) {
  check(SQLSetEnvAttr(get(), SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0),
        SQL_HANDLE_ENV, get(), "SQLSetEnvAttr(ODBC_VERSION)");
}

OdbcConnection::OdbcConnection(const std::string& connection_string)
    : dbc_(SQL_HANDLE_DBC, env_.get()) {
  SQLCHAR out[1024];
  SQLSMALLINT out_len = 0;
  std::string cs = connection_string;
  check(SQLDriverConnect(dbc_.get(), nullptr, reinterpret_cast<SQLCHAR*>(cs.data()), SQL_NTS, out,
                         sizeof out, &out_len, SQL_DRIVER_NOPROMPT),
        SQL_HANDLE_DBC, dbc_.get(), "SQLDriverConnect");
  connected_ = true;
}

OdbcConnection::~OdbcConnection() {
  if (connected_) {
    SQLEndTran(SQL_HANDLE_DBC, dbc_.get(), SQL_ROLLBACK);
    SQLDisconnect(dbc_.get());
  }
}

void OdbcConnection::exec(const std::string& sql) {
  OdbcHandle st(SQL_HANDLE_STMT, dbc_.get());
  std::string s = sql;
  SQLRETURN rc = SQLExecDirect(st.get(), reinterpret_cast<SQLCHAR*>(s.data()), SQL_NTS);
  if (rc == SQL_NO_DATA) return;
  check(rc, SQL_HANDLE_STMT, st.get(), "SQLExecDirect");
}

void OdbcConnection::set_autocommit(bool on) {
  check(SQLSetConnectAttr(dbc_.get(), SQL_ATTR_AUTOCOMMIT,
                          reinterpret_cast<SQLPOINTER>(on ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF),
                          SQL_IS_UINTEGER),
        SQL_HANDLE_DBC, dbc_.get(), "SQLSetConnectAttr(AUTOCOMMIT)");
}

void OdbcConnection::commit() {
  check(SQLEndTran(SQL_HANDLE_DBC, dbc_.get(), SQL_COMMIT), SQL_HANDLE_DBC, dbc_.get(),
        "SQLEndTran(COMMIT)");
}

}  // namespace pgw::bench
