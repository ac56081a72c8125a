#pragma once
// A database connection (SQL_HANDLE_DBC). Owns its statements and explicitly allocated descriptors.
//
// Contract with statements: at most one statement at a time reads a result from the wire (the
// "streaming" statement). Before any statement sends, it calls claim_wire(); if another statement
// is streaming, the connection asks that one to finish_streaming(), which reads the rest of its
// result into that statement's own memory, so results stay correct when applications interleave
// statements.
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/connect_params.hpp"
#include "odbc/handle.hpp"
#include "odbc/strings.hpp"
#include "session/session.hpp"

namespace pgw::vendor {
class Profile;
}

namespace pgw::odbc {

class Environment;
class Statement;
class Descriptor;

// Implemented by Statement; lets the connection take the wire back from it.
class WireUser {
 public:
  virtual ~WireUser() = default;
  // Read whatever remains of the current result from the wire into local memory, up to
  // ReadyForQuery.
  virtual void finish_streaming() = 0;
};

// Statement attributes an application set on the connection (SQLSetConnectAttr with a statement
// attribute, the ODBC 2 way): the initial values of statements allocated afterwards. Values are
// stored as given; the statement applies its own validation when it copies them.
struct StatementDefaults {
  SQLULEN query_timeout = 0;                      // SQL_ATTR_QUERY_TIMEOUT
  SQLULEN max_rows = 0;                           // SQL_ATTR_MAX_ROWS
  SQLULEN max_length = 0;                         // SQL_ATTR_MAX_LENGTH
  SQLULEN noscan = SQL_NOSCAN_OFF;                // SQL_ATTR_NOSCAN
  SQLULEN cursor_type = SQL_CURSOR_FORWARD_ONLY;  // SQL_ATTR_CURSOR_TYPE
  SQLULEN concurrency = SQL_CONCUR_READ_ONLY;     // SQL_ATTR_CONCURRENCY
  SQLULEN keyset_size = 0;                        // SQL_ATTR_KEYSET_SIZE
  SQLULEN rowset_size = 1;                        // SQL_ROWSET_SIZE (ODBC 2)
  SQLULEN row_bind_type = SQL_BIND_BY_COLUMN;     // SQL_ATTR_ROW_BIND_TYPE (SQL_BIND_TYPE)
  SQLULEN retrieve_data = SQL_RD_ON;              // SQL_ATTR_RETRIEVE_DATA
  SQLULEN use_bookmarks = SQL_UB_OFF;             // SQL_ATTR_USE_BOOKMARKS
  SQLULEN simulate_cursor = SQL_SC_NON_UNIQUE;    // SQL_ATTR_SIMULATE_CURSOR
  SQLULEN metadata_id = SQL_FALSE;  // SQL_ATTR_METADATA_ID (also a connection attribute)
};

// What the configuration layer made of SQLConnect / SQLDriverConnect input.
struct ConnectRequest {
  session::ConnectParams params;
  std::string data_source_name;       // the DSN, "" when connecting without one
  std::string conn_settings;          // SQL run once after connecting (ConnSettings)
  config::TypeOptions type_options;   // how result columns are described
  std::vector<std::string> warnings;  // 01S00 texts (unknown keywords and the like)
};

class Connection : public Handle {
 public:
  static constexpr SQLSMALLINT kHandleType = SQL_HANDLE_DBC;
  explicit Connection(Environment& env);
  ~Connection() override;

  // SQLFreeHandle(SQL_HANDLE_DBC): SQL_INVALID_HANDLE for anything but a live connection, HY010
  // (posted on it) while connected; otherwise removes it from its environment and destroys it.
  static SQLRETURN free_handle(const void* handle) noexcept;

  Environment& environment() { return env_; }
  bool connected() const { return session_ != nullptr; }

  // The open session; throws 08003 when not connected, 08S01 when the connection was lost.
  session::Session& session();

  // Makes the wire free for `user` (see above) and, in manual-commit mode, makes sure a transaction
  // is open (BEGIN once per transaction, never per statement).
  void claim_wire(WireUser& user);
  // `user` now reads a result from the wire / has stopped doing so.
  void set_streaming(WireUser* user) { streaming_ = user; }
  void release_wire(WireUser& user) {
    if (streaming_ == &user) streaming_ = nullptr;
  }

  bool autocommit() const { return autocommit_; }

  // --- for the statement half ---
  // Children (statements and explicit descriptors). adopt() takes ownership; release() gives it
  // back (the caller destroys it, normally right away); nullptr if `child` is not a child of this
  // one.
  Handle& adopt(std::unique_ptr<Handle> child);
  std::unique_ptr<Handle> release(Handle& child);
  const std::list<std::unique_ptr<Handle>>& children() const { return children_; }

  // The wire is out of step and cannot be brought back (a cancelled request that never ended): every
  // later session() throws 08S01 and SQL_ATTR_CONNECTION_DEAD says so; SQLDisconnect still works.
  void mark_lost() { lost_ = true; }
  // The server's profile (type table, features); throws 08003 when not connected.
  const vendor::Profile& profile();
  const StatementDefaults& statement_defaults() const { return statement_defaults_; }
  // Deadline for a request that is not a statement execution (SQL_ATTR_CONNECTION_TIMEOUT).
  session::Clock::time_point request_deadline() const;
  // Copied into the diagnostic header of child handles (SQL_DIAG_SERVER_NAME / CONNECTION_NAME).
  const std::string& data_source_name() const { return data_source_name_; }
  // The options the connection was opened with (the password removed).
  const session::ConnectParams& connect_params() const { return params_; }
  // How result columns are described (MaxVarcharSize, TextAsLongVarchar, Fetch, ...).
  const config::TypeOptions& type_options() const { return type_options_; }

  // --- connecting (SQLConnect / SQLDriverConnect / SQLDisconnect) ---
  // Opens the session described by `request`; 08002 when already connected. Warnings go to diag().
  void connect(ConnectRequest request);
  // Frees all statements and descriptors and closes the session; 25000 with an open manual-commit
  // transaction, 08003 when not connected.
  void disconnect();

  // SQLEndTran on this connection (SQL_COMMIT / SQL_ROLLBACK).
  void end_transaction(SQLSMALLINT completion_type);

  // --- attributes (connection_attributes.cpp) ---
  void set_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length, Encoding encoding);
  void get_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER buffer_length,
                     SQLINTEGER* length, Encoding encoding);
  SQLUINTEGER login_timeout() const { return login_timeout_; }

  // --- facts for SQLGetInfo ---
  std::string database_name();      // current_database(), asked once per connection
  std::string user_name();          // the session user
  std::string server_host();        // the host the session is connected to
  SQLUINTEGER default_isolation();  // the server's default_transaction_isolation as SQL_TXN_*
  bool read_only();                 // access mode or a read-only server (hot standby)

 private:
  // A small simple-query result: the command tag and the first row of the first result.
  struct QueryResult {
    std::string tag;
    std::vector<std::optional<std::string>> first_row;
  };
  // Runs one internal simple query (after taking the wire back from a streaming statement, without
  // BEGIN), reads to ReadyForQuery, throws the server's error if there was one.
  QueryResult internal_query(std::string_view sql);
  void take_wire_back();
  SQLUINTEGER current_isolation();
  void apply_session_characteristics();
  void recover_from_timeout() noexcept;
  void destroy_children() noexcept;
  void reset_session_state() noexcept;

  Environment& env_;
  std::unique_ptr<session::Session> session_;
  WireUser* streaming_ = nullptr;
  bool autocommit_ = true;

  std::list<std::unique_ptr<Handle>> children_;
  const vendor::Profile* profile_ = nullptr;
  session::ConnectParams params_;
  config::TypeOptions type_options_;
  std::string data_source_name_;

  // Attributes.
  SQLUINTEGER access_mode_ = SQL_MODE_READ_WRITE;
  SQLUINTEGER login_timeout_ = 0;
  SQLUINTEGER connection_timeout_ = 0;
  std::optional<SQLUINTEGER> isolation_;  // set by the application: applied on every connect
  std::optional<std::string> catalog_;    // SQL_ATTR_CURRENT_CATALOG set before connecting
  // Asked from the server once per session.
  std::optional<SQLUINTEGER> default_isolation_;
  std::optional<std::string> database_;
  bool lost_ = false;  // a timed-out request could not be drained: the wire is out of step
  SQLPOINTER quiet_mode_ = nullptr;
  SQLUINTEGER ansi_app_ = SQL_AA_FALSE;
  StatementDefaults statement_defaults_;
};

}  // namespace pgw::odbc
