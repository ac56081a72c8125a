#include "odbc/connection.hpp"

#include <chrono>
#include <utility>

#include "odbc/environment.hpp"
#include "odbc/isolation.hpp"
#include "vendor/profile.hpp"

namespace pgw::odbc {

using session::Event;
using session::TxStatus;

Connection::Connection(Environment& env) : Handle(SQL_HANDLE_DBC), env_(env) {}

Connection::~Connection() {
  destroy_children();
  reset_session_state();
}

SQLRETURN Connection::free_handle(const void* handle) noexcept {
  Connection* connection = find<Connection>(handle);
  if (connection == nullptr) return SQL_INVALID_HANDLE;
  Environment& env = connection->environment();
  std::unique_ptr<Connection> doomed;
  {
    std::lock_guard lock(env.mutex());
    SQLRETURN rc = guarded<Connection>(handle, [](Connection& c) -> SQLRETURN {
      if (c.connected())
        throw DriverError("HY010", "the connection is still open; call SQLDisconnect first");
      return SQL_SUCCESS;
    });
    if (rc != SQL_SUCCESS) return rc;
    doomed = env.remove_connection(*connection);
  }
  // Destroyed here, outside every lock it could be waited on with.
  return doomed ? SQL_SUCCESS : SQL_INVALID_HANDLE;
}

session::Session& Connection::session() {
  if (!session_) throw DriverError("08003", "the connection is not open");
  if (lost_ || session_->broken())
    throw DriverError("08S01",
                      "the connection to the server was lost; disconnect and connect again");
  return *session_;
}

const vendor::Profile& Connection::profile() {
  session();
  return *profile_;
}

session::Clock::time_point Connection::request_deadline() const {
  if (connection_timeout_ == 0) return session::kNoDeadline;
  return session::Clock::now() + std::chrono::seconds(connection_timeout_);
}

// --- children ---

Handle& Connection::adopt(std::unique_ptr<Handle> child) {
  std::lock_guard lock(mutex());  // callers may hold only the child's lock
  children_.push_back(std::move(child));
  return *children_.back();
}

std::unique_ptr<Handle> Connection::release(Handle& child) {
  std::lock_guard lock(mutex());
  for (auto it = children_.begin(); it != children_.end(); ++it) {
    if (it->get() == &child) {
      std::unique_ptr<Handle> owned = std::move(*it);
      children_.erase(it);
      return owned;
    }
  }
  return nullptr;
}

void Connection::destroy_children() noexcept {
  // Moved out first: a child's destructor may call release() or release_wire() on us.
  std::list<std::unique_ptr<Handle>> doomed = std::move(children_);
  children_.clear();
  streaming_ = nullptr;
  // Statements before descriptors: a statement may still point at an explicit descriptor.
  doomed.remove_if([](const auto& child) { return child->handle_type() == SQL_HANDLE_STMT; });
  doomed.clear();
}

// --- the wire ---

void Connection::take_wire_back() {
  if (streaming_ == nullptr) return;
  WireUser* other = streaming_;
  streaming_ = nullptr;
  other->finish_streaming();
}

void Connection::claim_wire(WireUser& user) {
  session::Session& s = session();
  if (streaming_ != &user) take_wire_back();
  if (!autocommit_ && s.transaction_status() == TxStatus::Idle) internal_query("BEGIN");
}

void Connection::recover_from_timeout() noexcept {
  // The server is still working on (or answering) the request: cancel it and read up to
  // ReadyForQuery so the wire is in step again. If even that does not finish in time, give up on
  // the session rather than block forever.
  try {
    session::Session::cancel(session_->cancel_target());
    const auto deadline =
        session::Clock::now() + std::chrono::seconds(connection_timeout_ ? connection_timeout_ : 5);
    while (session_->next(deadline) != Event::ReadyForQuery) {
    }
  } catch (...) {
    mark_lost();
  }
}

Connection::QueryResult Connection::internal_query(std::string_view sql) {
  session::Session& s = session();
  take_wire_back();
  const auto deadline = request_deadline();
  QueryResult result;
  std::optional<ServerFields> error;
  bool have_row = false;
  try {
    s.query(sql);
    s.send(deadline);
    for (;;) {
      const Event event = s.next(deadline);
      if (event == Event::ReadyForQuery) break;
      switch (event) {
        case Event::DataRow:
          if (!have_row) {
            for (const session::Value& v : s.row())
              result.first_row.push_back(v.is_null() ? std::nullopt
                                                     : std::optional<std::string>(v.view()));
            have_row = true;
          }
          break;
        case Event::CommandComplete:
          result.tag = std::string(s.command_tag());
          break;
        case Event::Error:
          if (!error) error = s.error();
          break;
        case Event::CopyInResponse:
          s.copy_fail("COPY FROM STDIN is not possible here");
          s.send(deadline);
          break;
        default:
          break;
      }
    }
  } catch (const DriverError& e) {
    if (e.sqlstate() != "HYT00") throw;
    recover_from_timeout();
    throw DriverError("HYT01", "the server did not answer within SQL_ATTR_CONNECTION_TIMEOUT (" +
                                   std::to_string(connection_timeout_) + " s)");
  }
  if (error) throw DriverError(std::move(*error));
  return result;
}

// --- connecting ---

void Connection::connect(ConnectRequest request) {
  if (session_) throw DriverError("08002", "the connection is already open");
  for (const auto& w : request.warnings) diag().add("01S00", w);
  if (catalog_) request.params.database = *catalog_;
  if (login_timeout_ > 0) {
    // SQL_ATTR_LOGIN_TIMEOUT and the ConnectTimeout option both bound the login: the smaller wins.
    const std::chrono::milliseconds login = std::chrono::seconds(login_timeout_);
    auto& per_host = request.params.connect_timeout;
    if (per_host.count() == 0 || login < per_host) per_host = login;
  }
  std::unique_ptr<session::Session> s = session::Session::connect(request.params);
  profile_ = &vendor::detect(*s);
  session_ = std::move(s);
  params_ = std::move(request.params);
  params_.password.clear();  // not needed once logged in
  params_.tls.key_password.clear();
  type_options_ = request.type_options;
  data_source_name_ = std::move(request.data_source_name);
  diag().server_name = data_source_name_;
  try {
    apply_session_characteristics();
    if (!request.conn_settings.empty()) internal_query(request.conn_settings);
  } catch (...) {
    reset_session_state();
    throw;
  }
}

void Connection::apply_session_characteristics() {
  std::string modes;
  if (isolation_) modes = "ISOLATION LEVEL " + std::string(isolation_sql(*isolation_));
  if (access_mode_ == SQL_MODE_READ_ONLY) modes += modes.empty() ? "READ ONLY" : ", READ ONLY";
  if (!modes.empty()) internal_query("SET SESSION CHARACTERISTICS AS TRANSACTION " + modes);
}

void Connection::disconnect() {
  if (!session_) throw DriverError("08003", "the connection is not open");
  if (!autocommit_ && !lost_ && !session_->broken() &&
      session_->transaction_status() != TxStatus::Idle)
    throw DriverError("25000",
                      "a transaction is open on this connection; commit or roll it back with "
                      "SQLEndTran before disconnecting");
  destroy_children();
  reset_session_state();
}

void Connection::reset_session_state() noexcept {
  streaming_ = nullptr;
  session_.reset();  // sends Terminate when the session is healthy
  profile_ = nullptr;
  lost_ = false;
  default_isolation_.reset();
  database_.reset();
}

// --- transactions ---

void Connection::end_transaction(SQLSMALLINT completion_type) {
  if (completion_type != SQL_COMMIT && completion_type != SQL_ROLLBACK)
    throw DriverError("HY012", "CompletionType must be SQL_COMMIT or SQL_ROLLBACK");
  session::Session& s = session();
  if (autocommit_) return;  // every statement already committed itself
  // Open cursors keep their rows (SQL_CURSOR_COMMIT_BEHAVIOR is SQL_CB_PRESERVE): the streaming
  // statement reads the rest of its result before the transaction ends.
  take_wire_back();
  const TxStatus status = s.transaction_status();
  if (status == TxStatus::Idle) return;
  if (completion_type == SQL_ROLLBACK) {
    internal_query("ROLLBACK");
    return;
  }
  const QueryResult result = internal_query("COMMIT");
  // COMMIT of a failed transaction is answered with the tag ROLLBACK (and no error): nothing was
  // committed, which the application must learn. Class 40 (transaction rollback) says exactly that.
  if (status == TxStatus::Failed || result.tag == "ROLLBACK")
    throw DriverError("40000",
                      "the transaction was rolled back, not committed: an earlier statement in it "
                      "failed");
}

// --- facts ---

std::string Connection::database_name() {
  if (!database_) {
    QueryResult r = internal_query("SELECT current_database()");
    database_ = r.first_row.empty() || !r.first_row[0] ? std::string() : *r.first_row[0];
  }
  return *database_;
}

std::string Connection::user_name() {
  std::string_view user = session().parameter("session_authorization");
  return user.empty() ? params_.user : std::string(user);
}

std::string Connection::server_host() {
  return session().connected_host().host;
}

namespace {
SQLUINTEGER isolation_answer(const std::vector<std::optional<std::string>>& row,
                             std::string_view what) {
  if (!row.empty() && row[0]) {
    if (auto level = isolation_from_name(*row[0])) return *level;
    throw DriverError("HY000",
                      "the server reported an unknown " + std::string(what) + " '" + *row[0] + "'");
  }
  throw DriverError("HY000", "the server did not report its " + std::string(what));
}
}  // namespace

SQLUINTEGER Connection::default_isolation() {
  if (!default_isolation_)
    default_isolation_ =
        isolation_answer(internal_query("SHOW default_transaction_isolation").first_row,
                         "default_transaction_isolation");
  return *default_isolation_;
}

SQLUINTEGER Connection::current_isolation() {
  // Asked every time: SQL can change it behind the attribute's back (SET TRANSACTION ...).
  if (!connected() && isolation_) return *isolation_;
  return isolation_answer(internal_query("SHOW transaction_isolation").first_row,
                          "transaction_isolation");
}

bool Connection::read_only() {
  session::Session& s = session();
  return access_mode_ == SQL_MODE_READ_ONLY ||
         s.parameter("default_transaction_read_only") == "on" ||
         s.parameter("in_hot_standby") == "on";
}

}  // namespace pgw::odbc
