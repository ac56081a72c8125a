#pragma once
// Shared by the integration tests: the test server's coordinates (server.env written by
// tests/scripts/pg_server.sh), RAII ODBC handles through the real driver manager, and assertions
// that print the driver's diagnostics when a call fails.
#include <sql.h>
#include <sqlext.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

namespace pgwtest {

inline const std::map<std::string, std::string>& server_env() {
  static const std::map<std::string, std::string> env = [] {
    std::map<std::string, std::string> m;
    const char* dir = std::getenv("PGW_TESTENV_DIR");
    std::string path = std::string(dir ? dir : PGW_TESTENV_DIR) + "/server.env";
    std::ifstream in(path);
    if (!in)
      throw std::runtime_error("cannot read " + path + " (is the pg_server fixture running?)");
    std::string line;
    while (std::getline(in, line)) {
      auto eq = line.find('=');
      if (eq == std::string::npos || line.empty() || line[0] == '#') continue;
      m[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return m;
  }();
  return env;
}

inline std::string env(const std::string& key) {
  auto it = server_env().find(key);
  if (it == server_env().end()) throw std::runtime_error("server.env has no " + key);
  return it->second;
}

// A DSN-less connection string to the test server through our driver.
inline std::string conn_str(const std::string& extra = "UID=" + env("PGW_TRUST_USER") +
                                                       ";SSLMode=disable") {
  return "Driver=PGWire;Server=" + env("PGW_HOST") + ";Port=" + env("PGW_PORT") +
         ";Database=" + env("PGW_DB") + ";" + extra;
}

// All diagnostic records of a handle, one per line: "SQLSTATE: message".
inline std::string diagnostics(SQLSMALLINT type, SQLHANDLE h) {
  std::string out;
  for (SQLSMALLINT i = 1;; ++i) {
    SQLCHAR state[6] = {0}, msg[2048] = {0};
    SQLINTEGER native = 0;
    SQLSMALLINT len = 0;
    if (!SQL_SUCCEEDED(SQLGetDiagRec(type, h, i, state, &native, msg, sizeof msg, &len))) break;
    out += std::string(reinterpret_cast<char*>(state)) + ": " + reinterpret_cast<char*>(msg) + "\n";
  }
  return out;
}

inline std::string sqlstate(SQLSMALLINT type, SQLHANDLE h, SQLSMALLINT record = 1) {
  SQLCHAR state[6] = {0}, msg[16];
  SQLINTEGER native = 0;
  SQLSMALLINT len = 0;
  SQLRETURN rc = SQLGetDiagRec(type, h, record, state, &native, msg, sizeof msg, &len);
  return SQL_SUCCEEDED(rc) ? std::string(reinterpret_cast<char*>(state)) : std::string("<none>");
}

#define PGW_ASSERT_OK(call, type, handle)                                            \
  do {                                                                               \
    SQLRETURN pgw_rc_ = (call);                                                      \
    ASSERT_TRUE(SQL_SUCCEEDED(pgw_rc_)) << #call << " returned " << pgw_rc_ << "\n"  \
                                        << ::pgwtest::diagnostics((type), (handle)); \
  } while (0)

#define PGW_EXPECT_STATE(call, type, handle, expected_rc, expected_state)          \
  do {                                                                             \
    SQLRETURN pgw_rc_ = (call);                                                    \
    EXPECT_EQ(pgw_rc_, (expected_rc)) << #call << "\n"                             \
                                      << ::pgwtest::diagnostics((type), (handle)); \
    EXPECT_EQ(::pgwtest::sqlstate((type), (handle)), (expected_state))             \
        << ::pgwtest::diagnostics((type), (handle));                               \
  } while (0)

class Env {
 public:
  Env() {
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &h_)))
      throw std::runtime_error("SQLAllocHandle(ENV) failed");
    SQLSetEnvAttr(h_, SQL_ATTR_ODBC_VERSION, reinterpret_cast<SQLPOINTER>(SQL_OV_ODBC3), 0);
  }
  ~Env() { SQLFreeHandle(SQL_HANDLE_ENV, h_); }
  Env(const Env&) = delete;
  Env& operator=(const Env&) = delete;
  SQLHENV get() const { return h_; }

 private:
  SQLHENV h_ = SQL_NULL_HENV;
};

class Dbc {
 public:
  explicit Dbc(const Env& env) {
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_DBC, env.get(), &h_)))
      throw std::runtime_error("SQLAllocHandle(DBC) failed");
  }
  ~Dbc() {
    if (connected_) SQLDisconnect(h_);
    SQLFreeHandle(SQL_HANDLE_DBC, h_);
  }
  Dbc(const Dbc&) = delete;
  Dbc& operator=(const Dbc&) = delete;
  SQLHDBC get() const { return h_; }
  // SQLDriverConnect; returns the SQLRETURN and remembers to disconnect.
  SQLRETURN connect(const std::string& cs) {
    SQLCHAR out[1024];
    SQLSMALLINT outlen = 0;
    SQLRETURN rc = SQLDriverConnect(h_, nullptr, (SQLCHAR*)cs.c_str(), SQL_NTS, out, sizeof out,
                                    &outlen, SQL_DRIVER_NOPROMPT);
    connected_ = SQL_SUCCEEDED(rc);
    if (connected_) out_string_.assign(reinterpret_cast<char*>(out), outlen);
    return rc;
  }
  const std::string& out_string() const { return out_string_; }
  std::string diag() const { return diagnostics(SQL_HANDLE_DBC, h_); }

 private:
  SQLHDBC h_ = SQL_NULL_HDBC;
  bool connected_ = false;
  std::string out_string_;
};

class Stmt {
 public:
  explicit Stmt(const Dbc& dbc) {
    if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_STMT, dbc.get(), &h_)))
      throw std::runtime_error("SQLAllocHandle(STMT) failed: " + dbc.diag());
  }
  ~Stmt() { SQLFreeHandle(SQL_HANDLE_STMT, h_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  SQLHSTMT get() const { return h_; }
  SQLRETURN exec(const std::string& sql) {
    return SQLExecDirect(h_, (SQLCHAR*)sql.c_str(), SQL_NTS);
  }
  std::string diag() const { return diagnostics(SQL_HANDLE_STMT, h_); }

 private:
  SQLHSTMT h_ = SQL_NULL_HSTMT;
};

// A connected environment + connection, for tests that just need to run statements.
struct Connected {
  Env env;
  Dbc dbc{env};
  explicit Connected(const std::string& cs = conn_str()) {
    SQLRETURN rc = dbc.connect(cs);
    if (!SQL_SUCCEEDED(rc)) throw std::runtime_error("connect failed: " + dbc.diag());
  }
};

}  // namespace pgwtest
