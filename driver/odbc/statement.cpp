#include "odbc/statement.hpp"
#include "odbc/statement_wire.hpp"

#include <algorithm>
#include <atomic>

#include "config/connect_params.hpp"

namespace pgw::odbc {

Statement& Statement::create(Connection& connection) {
  if (!connection.connected()) throw DriverError("08003", "the connection is not open");
  auto statement = std::make_unique<Statement>(connection);
  return static_cast<Statement&>(connection.adopt(std::move(statement)));
}

void Statement::destroy(Statement& statement) {
  {
    std::lock_guard lock(statement.mutex());
    try {
      statement.close();
      statement.unprepare();
      // A server-side statement still open is closed now: the connection may live on for long.
      if (!statement.pending_closes_.empty() && !statement.lost_ &&
          statement.connection_.connected()) {
        statement.on_wire([&] {
          Connection& c = statement.connection_;
          c.claim_wire(statement);
          session::Session& s = c.session();
          for (const auto& name : statement.pending_closes_) s.close_statement(name);
          s.sync();
          s.send(statement.deadline_);
          statement.pending_closes_.clear();
          statement.reply_ = std::make_unique<WireReply>(s, statement.deadline_);
          c.set_streaming(&statement);
          statement.drain(false);
          return 0;
        });
      }
    } catch (...) {
      // Freeing never fails because the server or the network did.
    }
  }
  statement.connection_.release(statement);  // the returned owner destroys it here
}

namespace {
std::string next_cursor_name() {
  static std::atomic<unsigned long> counter{0};
  return "SQL_CUR" + std::to_string(++counter);
}
}  // namespace

Statement::Statement(Connection& connection)
    : Handle(SQL_HANDLE_STMT),
      connection_(connection),
      profile_(&connection.profile()),
      implicit_ard_(std::make_unique<Descriptor>(connection, DescKind::ARD, this)),
      implicit_apd_(std::make_unique<Descriptor>(connection, DescKind::APD, this)),
      ird_(std::make_unique<Descriptor>(connection, DescKind::IRD, this)),
      ipd_(std::make_unique<Descriptor>(connection, DescKind::IPD, this)),
      ard_(implicit_ard_.get()),
      apd_(implicit_apd_.get()),
      cursor_name_(next_cursor_name()) {
  diag().server_name = connection.data_source_name();
  const StatementDefaults& d = connection.statement_defaults();
  query_timeout_ = d.query_timeout;
  max_rows_ = d.max_rows;
  max_length_ = d.max_length;
  noscan_ = d.noscan;
  retrieve_data_ = d.retrieve_data;
  metadata_id_ = d.metadata_id;
  ard_->bind_type = static_cast<SQLINTEGER>(d.row_bind_type);
  if (d.rowset_size > 1) ard_->array_size = d.rowset_size;
}

Statement::~Statement() {
  if (ard_ != implicit_ard_.get()) ard_->detach(*this);
  if (apd_ != implicit_apd_.get()) apd_->detach(*this);
  connection_.release_wire(*this);
}

void Statement::forget_descriptor(Descriptor& descriptor) {
  if (ard_ == &descriptor) ard_ = implicit_ard_.get();
  if (apd_ == &descriptor) apd_ = implicit_apd_.get();
}

vendor::SizeOptions Statement::size_options() const {
  const config::TypeOptions& t = connection_.type_options();
  vendor::SizeOptions s;
  s.max_varchar_size = SQLULEN(std::max(t.max_varchar_size, 1));
  s.max_long_varchar_size = SQLULEN(std::max(t.max_long_varchar_size, 1));
  s.text_as_long_varchar = t.text_as_long_varchar;
  s.unknowns_as_long_varchar = t.unknowns_as_long_varchar;
  s.bools_as_char = t.bools_as_char;
  s.bytea_as_long_varbinary = t.bytea_as_long_varbinary;
  return s;
}

SQLRETURN Statement::cancel() noexcept {
  try {
    std::optional<session::CancelTarget> target;
    {
      std::lock_guard lock(cancel_mutex_);
      target = active_cancel_;
    }
    if (target) {
      cancel_requested_ = true;
      session::Session::cancel(*target);
    }
    return SQL_SUCCESS;
  } catch (...) {
    return SQL_SUCCESS;  // best effort, like the protocol's cancel itself
  }
}

SQLRETURN cancel_statement(const void* handle) noexcept {
  Statement* statement = find<Statement>(handle);
  return statement == nullptr ? SQL_INVALID_HANDLE : statement->cancel();
}

void Statement::set_cursor_name(std::string name) {
  if (name.empty()) throw DriverError("34000", "invalid cursor name");
  if (name.rfind("SQL_CUR", 0) == 0 || name.rfind("SQLCUR", 0) == 0)
    throw DriverError("34000", "cursor names starting with SQLCUR or SQL_CUR are reserved");
  if (result_ == ResultKind::Rows)
    throw DriverError("24000", "the cursor name cannot change while a cursor is open");
  for (const auto& child : connection_.children()) {
    if (child.get() == this || child->handle_type() != SQL_HANDLE_STMT) continue;
    auto* other = static_cast<Statement*>(child.get());
    if (other->cursor_name_ == name) throw DriverError("3C000", "duplicate cursor name");
  }
  cursor_name_ = std::move(name);
}

const std::string& Statement::cursor_name() {
  return cursor_name_;
}

}  // namespace pgw::odbc
