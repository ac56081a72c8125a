// Preparation, execution, parameters, and walking the results of a request.
#include <algorithm>
#include <atomic>
#include <climits>

#include "convert/c_types.hpp"
#include "convert/from_c.hpp"
#include "odbc/environment.hpp"
#include "odbc/statement.hpp"
#include "odbc/statement_wire.hpp"
#include "vendor/column_shape.hpp"

namespace pgw::odbc {

using session::Event;

namespace {

std::string next_statement_name() {
  static std::atomic<unsigned long> counter{0};
  return "pgw_" + std::to_string(++counter);
}

bool known_sql_type(SQLSMALLINT t) {
  switch (t) {
    case SQL_CHAR:
    case SQL_VARCHAR:
    case SQL_LONGVARCHAR:
    case SQL_WCHAR:
    case SQL_WVARCHAR:
    case SQL_WLONGVARCHAR:
    case SQL_DECIMAL:
    case SQL_NUMERIC:
    case SQL_SMALLINT:
    case SQL_INTEGER:
    case SQL_REAL:
    case SQL_FLOAT:
    case SQL_DOUBLE:
    case SQL_BIT:
    case SQL_TINYINT:
    case SQL_BIGINT:
    case SQL_BINARY:
    case SQL_VARBINARY:
    case SQL_LONGVARBINARY:
    case SQL_TYPE_DATE:
    case SQL_TYPE_TIME:
    case SQL_TYPE_TIMESTAMP:
    case SQL_DATE:
    case SQL_TIME:
    case SQL_TIMESTAMP:
    case SQL_GUID:
      return true;
    default:
      return t >= SQL_INTERVAL_YEAR && t <= SQL_INTERVAL_MINUTE_TO_SECOND;
  }
}

SQLSMALLINT odbc3_sql_type(SQLSMALLINT t) {
  switch (t) {
    case SQL_DATE:
      return SQL_TYPE_DATE;
    case SQL_TIME:
      return SQL_TYPE_TIME;
    case SQL_TIMESTAMP:
      return SQL_TYPE_TIMESTAMP;
    default:
      return t;
  }
}

std::int32_t max_rows_for_execute(SQLULEN max_rows) {
  return max_rows > SQLULEN(INT32_MAX) ? INT32_MAX : std::int32_t(max_rows);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Entry points.

SQLRETURN Statement::exec_direct(std::string text) {
  require_no_cursor();
  discard_pending();
  unprepare();
  sql_ = sql::rewrite_placeholders(
      text, connection_.session().parameter("standard_conforming_strings") != "off");
  run(false);
  if (result_ == ResultKind::Count && row_count_ == 0 &&
      (command_ == "UPDATE" || command_ == "DELETE" || command_ == "MERGE") &&
      connection_.environment().odbc_version() != SQL_OV_ODBC2)
    return SQL_NO_DATA;  // ODBC 3: a searched UPDATE/DELETE that affected no rows
  return SQL_SUCCESS;
}

SQLRETURN Statement::prepare(std::string text) {
  require_no_cursor();
  discard_pending();
  unprepare();
  sql_ = sql::rewrite_placeholders(
      text, connection_.session().parameter("standard_conforming_strings") != "off");
  if (sql_.statements.size() == 1) {
    on_wire([&] {
      server_prepare();
      return 0;
    });
    describe_columns(prepared_fields_);
  }
  // Several statements (or none) cannot be one server-side statement: they run as a whole at
  // SQLExecute, and are described on demand.
  prepared_ = true;
  take_notices();
  return SQL_SUCCESS;
}

SQLRETURN Statement::execute() {
  if (!prepared_)
    throw DriverError("HY010", "SQLExecute needs a statement prepared with SQLPrepare");
  require_no_cursor();
  discard_pending();
  run(true);
  if (result_ == ResultKind::Count && row_count_ == 0 &&
      (command_ == "UPDATE" || command_ == "DELETE" || command_ == "MERGE") &&
      connection_.environment().odbc_version() != SQL_OV_ODBC2)
    return SQL_NO_DATA;
  return SQL_SUCCESS;
}

SQLRETURN Statement::bind_parameter(SQLUSMALLINT number, SQLSMALLINT io_type, SQLSMALLINT c_type,
                                    SQLSMALLINT sql_type, SQLULEN column_size,
                                    SQLSMALLINT decimal_digits, SQLPOINTER value,
                                    SQLLEN buffer_length, SQLLEN* indicator) {
  if (number < 1) throw DriverError("07009", "parameter numbers start at 1");
  if (io_type != SQL_PARAM_INPUT && io_type != SQL_PARAM_OUTPUT &&
      io_type != SQL_PARAM_INPUT_OUTPUT && io_type != SQL_PARAM_INPUT_OUTPUT_STREAM &&
      io_type != SQL_PARAM_OUTPUT_STREAM)
    throw DriverError("HY105", "invalid InputOutputType");
  if (io_type != SQL_PARAM_INPUT)
    throw DriverError("HYC00", "only input parameters are supported for now");
  if (!known_sql_type(sql_type))
    throw DriverError("HY004", "invalid SQL data type " + std::to_string(sql_type));
  sql_type = odbc3_sql_type(sql_type);
  const SQLSMALLINT c = c_type == SQL_C_DEFAULT ? convert::default_c_type(sql_type)
                                                : convert::canonical_c_type(c_type);
  if (!convert::parameter_c_type_supported(c))
    throw DriverError("HY003", "unsupported C data type " + std::to_string(c_type));
  if (buffer_length < 0) throw DriverError("HY090", "BufferLength cannot be negative");
  if (value == nullptr && indicator == nullptr)
    throw DriverError("HY009", "ParameterValuePtr and StrLen_or_IndPtr are both null");

  DescRecord& a = apd_->record(static_cast<SQLSMALLINT>(number));
  apd_->set_type(a, SQL_DESC_CONCISE_TYPE, c_type == SQL_C_DEFAULT ? SQL_C_DEFAULT : c);
  a.octet_length = buffer_length;
  a.data_ptr = value;
  a.octet_length_ptr = indicator;
  a.indicator_ptr = indicator;
  if (c == SQL_C_NUMERIC) {
    a.precision = static_cast<SQLSMALLINT>(std::clamp<SQLULEN>(column_size, 1, 38));
    a.scale = decimal_digits;
  }

  DescRecord& p = ipd_->record(static_cast<SQLSMALLINT>(number));
  ipd_->set_type(p, SQL_DESC_CONCISE_TYPE, sql_type);
  p.parameter_type = io_type;
  p.length = column_size;
  switch (sql_type) {
    case SQL_DECIMAL:
    case SQL_NUMERIC:
    case SQL_FLOAT:
    case SQL_REAL:
    case SQL_DOUBLE:
      p.precision = static_cast<SQLSMALLINT>(column_size);
      p.scale = decimal_digits;
      break;
    case SQL_TYPE_TIME:
    case SQL_TYPE_TIMESTAMP:
      p.precision = decimal_digits;
      break;
    default:
      p.scale = decimal_digits;
      break;
  }
  return SQL_SUCCESS;
}

SQLRETURN Statement::num_params(SQLSMALLINT* count) {
  if (!prepared_ && !executed_) throw DriverError("HY010", "the statement has not been prepared");
  if (count) *count = static_cast<SQLSMALLINT>(sql_.parameters);
  return SQL_SUCCESS;
}

SQLRETURN Statement::describe_param(SQLUSMALLINT number, SQLSMALLINT* sql_type, SQLULEN* size,
                                    SQLSMALLINT* digits, SQLSMALLINT* nullable) {
  if (!prepared_) throw DriverError("HY010", "the statement has not been prepared");
  if (number < 1 || number > sql_.parameters)
    throw DriverError("07009", "invalid parameter number");
  std::uint32_t oid = number <= server_param_types_.size() ? server_param_types_[number - 1] : 0;
  const vendor::TypeInfo* type = oid != 0 ? profile_->find_type(oid) : nullptr;
  if (type == nullptr) type = &profile_->fallback_type();
  vendor::ColumnShape shape = vendor::shape_of(*type, -1, size_options());
  if (sql_type) *sql_type = shape.concise_type;
  if (size) *size = shape.column_size;
  if (digits) *digits = shape.decimal_digits;
  if (nullable) *nullable = SQL_NULLABLE_UNKNOWN;
  return SQL_SUCCESS;
}

SQLRETURN Statement::row_count(SQLLEN* count) {
  if (!executed_) throw DriverError("HY010", "the statement has not been executed");
  if (count) *count = row_count_;
  return SQL_SUCCESS;
}

SQLRETURN Statement::more_results() {
  if (!executed_ || (reply_ == nullptr && result_ == ResultKind::None)) return SQL_NO_DATA;
  bool more = on_wire([&] {
    if (result_ == ResultKind::Rows && !rows_done_)
      while (next_row()) {
      }
    return advance_result();
  });
  take_notices();
  if (!more) {
    reset_result();
    return SQL_NO_DATA;
  }
  diag().row_count = row_count_;
  return SQL_SUCCESS;
}

// ---------------------------------------------------------------------------------------------
// Requests.

void Statement::require_no_cursor() const {
  if (result_ == ResultKind::Rows)
    throw DriverError("24000",
                      "a cursor is open on the statement; close it first (SQLCloseCursor or "
                      "SQLFreeStmt with SQL_CLOSE)");
}

void Statement::discard_pending() {
  if (reply_ != nullptr || result_ != ResultKind::None) close();
  executed_ = false;
}

void Statement::run(bool use_prepared) {
  // Parameters are read before anything is sent: a bad one fails the call with the wire untouched.
  std::vector<std::optional<std::string>> values = parameter_values();
  on_wire([&] {
    send_request(use_prepared, values);
    executed_ = true;
    if (!advance_result()) {  // nothing but ReadyForQuery
      result_ = ResultKind::Count;
      row_count_ = -1;
    }
    return 0;
  });
  take_notices();
  diag().row_count = row_count_;
}

void Statement::send_request(bool use_prepared,
                             const std::vector<std::optional<std::string>>& values) {
  Connection& c = connection_;
  c.claim_wire(*this);
  session::Session& s = c.session();
  cancel_requested_ = false;  // a SQLCancel from now on is about this request
  idle_at_send_ = s.transaction_status() == session::TxStatus::Idle;
  single_statement_ = sql_.statements.size() <= 1;
  read_only_request_ = sql_.statements.size() == 1 && sql::is_read_only(sql_.statements[0]);

  std::vector<session::Value> params;
  params.reserve(values.size());
  for (const auto& v : values)
    params.push_back(v ? session::Value{v->data(), std::int32_t(v->size())} : session::Value{});
  const std::span<const session::Value> all(params);
  const std::int32_t max_rows = max_rows_for_execute(max_rows_);

  const bool prepared = use_prepared && !server_name_.empty();
  const bool simple = !prepared && sql_.parameters == 0 && (max_rows_ == 0 || !single_statement_);
  // Server-side statements to close go first; before a simple query they need their own Sync.
  const bool closes_first = simple && !pending_closes_.empty();
  for (const auto& name : pending_closes_) s.close_statement(name);
  pending_closes_.clear();
  if (closes_first) s.sync();

  if (prepared) {
    s.bind("", server_name_, {}, all, {});
    s.describe_portal("");
    s.execute("", max_rows);
    s.sync();
  } else if (simple) {
    s.query(sql_.text);
  } else if (single_statement_) {
    s.parse("", sql_.text, parameter_oids(0, sql_.parameters));
    s.bind("", "", {}, all, {});
    s.describe_portal("");
    s.execute("", max_rows);
    s.sync();
  } else {
    // Several statements with parameters: each is its own unnamed statement, pipelined under one
    // Sync, so they still run as one implicit transaction like a simple query would.
    for (const sql::Statement& st : sql_.statements) {
      s.parse("", st.text, parameter_oids(st.first_parameter, st.parameters));
      s.bind("", "", {}, all.subspan(std::size_t(st.first_parameter), std::size_t(st.parameters)),
             {});
      s.describe_portal("");
      s.execute("", max_rows);
    }
    s.sync();
  }
  s.send(deadline_);
  reply_ = std::make_unique<WireReply>(s, deadline_);
  c.set_streaming(this);
  lost_ = false;
  if (closes_first)
    while (reply_->next() != Event::ReadyForQuery) {
    }
}

void Statement::server_prepare() {
  Connection& c = connection_;
  c.claim_wire(*this);
  session::Session& s = c.session();
  const std::string name = next_statement_name();
  for (const auto& old : pending_closes_) s.close_statement(old);
  pending_closes_.clear();
  s.parse(name, sql_.text, parameter_oids(0, sql_.parameters));
  s.describe_statement(name);
  s.sync();
  s.send(deadline_);
  reply_ = std::make_unique<WireReply>(s, deadline_);
  c.set_streaming(this);
  std::optional<ServerFields> error;
  std::vector<std::uint32_t> types;
  std::vector<session::Field> fields;
  for (;;) {
    const Event e = reply_->next();
    if (e == Event::ParameterDescription) types = reply_->param_types();
    if (e == Event::RowDescription) fields = reply_->fields();
    if (e == Event::Error && !error) error = reply_->error();
    if (e == Event::ReadyForQuery) break;
  }
  end_request();
  if (error) throw DriverError(std::move(*error));
  server_name_ = name;
  server_param_types_ = std::move(types);
  prepared_fields_ = std::move(fields);
}

void Statement::ensure_described() {
  if (described_ || !prepared_ || sql_.statements.empty()) return;
  // A multi-statement text prepared without a server-side statement: describe its first statement.
  on_wire([&] {
    Connection& c = connection_;
    c.claim_wire(*this);
    session::Session& s = c.session();
    const sql::Statement& first = sql_.statements.front();
    s.parse("", first.text, parameter_oids(first.first_parameter, first.parameters));
    s.describe_statement("");
    s.sync();
    s.send(deadline_);
    reply_ = std::make_unique<WireReply>(s, deadline_);
    c.set_streaming(this);
    std::optional<ServerFields> error;
    std::vector<session::Field> fields;
    for (;;) {
      const Event e = reply_->next();
      if (e == Event::RowDescription) fields = reply_->fields();
      if (e == Event::Error && !error) error = reply_->error();
      if (e == Event::ReadyForQuery) break;
    }
    end_request();
    if (error) throw DriverError(std::move(*error));
    prepared_fields_ = std::move(fields);
    return 0;
  });
  describe_columns(prepared_fields_);
}

void Statement::unprepare() {
  if (!server_name_.empty()) pending_closes_.push_back(std::move(server_name_));
  server_name_.clear();
  prepared_ = false;
  server_param_types_.clear();
  prepared_fields_.clear();
  if (result_ == ResultKind::None) clear_columns();
}

std::vector<std::optional<std::string>> Statement::parameter_values() {
  std::vector<std::optional<std::string>> values;
  const int n = sql_.parameters;
  if (n == 0) return values;
  if (apd_->array_size > 1)
    throw DriverError("HYC00",
                      "arrays of parameters (SQL_ATTR_PARAMSET_SIZE > 1) are not supported yet");
  const SQLLEN offset = apd_->bind_offset_ptr ? *static_cast<SQLLEN*>(apd_->bind_offset_ptr) : 0;
  auto shifted = [offset](SQLPOINTER p) -> char* {
    return p == nullptr ? nullptr : static_cast<char*>(p) + offset;
  };
  values.reserve(std::size_t(n));
  for (int i = 1; i <= n; ++i) {
    const DescRecord* a = apd_->find(static_cast<SQLSMALLINT>(i));
    const DescRecord* p = ipd_->find(static_cast<SQLSMALLINT>(i));
    if (a == nullptr || (a->data_ptr == nullptr && a->indicator_ptr == nullptr))
      throw DriverError("07002", "parameter " + std::to_string(i) +
                                     " is not bound (the statement has " + std::to_string(n) +
                                     " parameter markers)");
    const auto* indicator = reinterpret_cast<const SQLLEN*>(shifted(a->indicator_ptr));
    const auto* length_ptr = reinterpret_cast<const SQLLEN*>(shifted(a->octet_length_ptr));
    if (indicator != nullptr && *indicator == SQL_NULL_DATA) {
      values.emplace_back();
      continue;
    }
    SQLLEN length = length_ptr != nullptr ? *length_ptr : SQL_NTS;
    if (length == SQL_DATA_AT_EXEC || length <= SQL_LEN_DATA_AT_EXEC_OFFSET)
      throw DriverError(
          "HYC00", "data-at-execution parameters (SQLParamData/SQLPutData) are not supported yet");
    if (a->data_ptr == nullptr)
      throw DriverError("HY009", "parameter " + std::to_string(i) + " has no data pointer");
    const SQLSMALLINT sql_type =
        p != nullptr && p->concise_type != 0 ? p->concise_type : SQL_VARCHAR;
    const SQLSMALLINT c = a->concise_type == SQL_C_DEFAULT
                              ? convert::default_c_type(sql_type)
                              : convert::canonical_c_type(a->concise_type);
    if (c == SQL_C_BINARY && length_ptr == nullptr) length = a->octet_length;
    if (length < 0 && length != SQL_NTS)
      throw DriverError("HY090", "invalid length for parameter " + std::to_string(i));
    values.emplace_back(convert::parameter_text({c, shifted(a->data_ptr), length, sql_type}));
  }
  return values;
}

std::vector<std::uint32_t> Statement::parameter_oids(int first, int count) {
  std::vector<std::uint32_t> oids;
  oids.reserve(std::size_t(count));
  for (int i = first; i < first + count; ++i) {
    const DescRecord* p = ipd_->find(static_cast<SQLSMALLINT>(i + 1));
    oids.push_back(p != nullptr && p->concise_type != 0 ? profile_->parameter_oid(p->concise_type)
                                                        : 0);
  }
  return oids;
}

// ---------------------------------------------------------------------------------------------
// Walking the events of a request.

bool Statement::advance_result() {
  // The rest of a row result cut short by SQL_ATTR_MAX_ROWS is skipped first.
  while (unread_rows_ && reply_ != nullptr) {
    const Event e = reply_->next();
    if (e == Event::CommandComplete || e == Event::PortalSuspended) unread_rows_ = false;
    if (e == Event::Error) fail_request(reply_->error());
    if (e == Event::ReadyForQuery) end_request();
  }
  result_ = ResultKind::None;
  rows_done_ = false;
  have_row_ = false;
  rows_read_ = 0;
  piece_ = Piecewise{};
  if (reply_ == nullptr) return false;
  for (;;) {
    switch (reply_->next()) {
      case Event::RowDescription:
        fields_ = reply_->fields();
        describe_columns(fields_);
        result_ = ResultKind::Rows;
        row_count_ = -1;
        return true;
      case Event::CommandComplete: {
        std::string_view tag = reply_->command_tag();
        command_ = std::string(tag.substr(0, tag.find(' ')));
        row_count_ = static_cast<SQLLEN>(session::Session::rows_from_tag(tag));
        fields_.clear();
        describe_columns(fields_);
        result_ = ResultKind::Count;
        rows_done_ = true;
        after_result_end();
        return true;
      }
      case Event::EmptyQuery:
        command_.clear();
        row_count_ = -1;
        fields_.clear();
        describe_columns(fields_);
        result_ = ResultKind::Count;
        rows_done_ = true;
        after_result_end();
        return true;
      case Event::Error:
        fail_request(reply_->error());
      case Event::ReadyForQuery:
        end_request();
        return false;
      case Event::CopyInResponse:
        if (auto* wire = dynamic_cast<WireReply*>(reply_.get())) {
          wire->session().copy_fail("COPY FROM STDIN is not supported through this driver yet");
          wire->session().send(deadline_);
        }
        continue;
      default:
        continue;  // ParseComplete, BindComplete, NoData, CloseComplete, COPY TO STDOUT data...
    }
  }
}

bool Statement::next_row() {
  have_row_ = false;
  piece_ = Piecewise{};
  if (result_ != ResultKind::Rows) return false;
  if (lost_) throw DriverError("08S01", "the connection to the server was lost");
  if (rows_done_) return false;
  if (reply_ == nullptr) {
    rows_done_ = true;
    return false;
  }
  if (max_rows_ > 0 && rows_read_ >= max_rows_) {
    rows_done_ = true;
    unread_rows_ = true;
    return false;
  }
  for (;;) {
    switch (reply_->next()) {
      case Event::DataRow:
        row_ = reply_->row();
        have_row_ = true;
        ++rows_read_;
        return true;
      case Event::CommandComplete: {
        std::string_view tag = reply_->command_tag();
        command_ = std::string(tag.substr(0, tag.find(' ')));
        row_count_ = static_cast<SQLLEN>(session::Session::rows_from_tag(tag));
        rows_done_ = true;
        after_result_end();
        return false;
      }
      case Event::PortalSuspended:  // SQL_ATTR_MAX_ROWS reached on the server
        row_count_ = static_cast<SQLLEN>(rows_read_);
        rows_done_ = true;
        after_result_end();
        return false;
      case Event::Error:
        rows_done_ = true;
        fail_request(reply_->error());
      case Event::ReadyForQuery:
        end_request();
        rows_done_ = true;
        return false;
      default:
        continue;
    }
  }
}

void Statement::after_result_end() {
  // With one statement in the request, ReadyForQuery follows the result at once: reading it now
  // gives the connection back without waiting for the application to close the cursor.
  if (!single_statement_ || reply_ == nullptr) return;
  if (reply_->next() == Event::ReadyForQuery)
    end_request();
  else
    reply_->put_back();
}

void Statement::fail_request(const ServerFields& error) {
  ServerFields copy = error;
  try {
    drain(false);
  } catch (const DriverError& e) {
    // A FATAL error (the backend was terminated, the server shuts down) is followed by the end of
    // the connection: report the loss, with the server's reason.
    if (e.from_server() || e.sqlstate().rfind("08", 0) != 0) throw;
    throw DriverError(e.sqlstate(), std::string(e.what()) + " (the server said: " +
                                        (copy.severity.empty() ? "ERROR" : copy.severity) + ": " +
                                        copy.message + ")");
  }
  throw DriverError(std::move(copy));
}

void Statement::drain(bool keep_errors) {
  std::optional<ServerFields> error;
  while (reply_ != nullptr) {
    const Event e = reply_->next();
    if (e == Event::Error && keep_errors && !error) error = reply_->error();
    if (e == Event::CopyInResponse) {
      if (auto* wire = dynamic_cast<WireReply*>(reply_.get())) {
        wire->session().copy_fail("COPY FROM STDIN is not supported through this driver yet");
        wire->session().send(deadline_);
      }
    }
    if (e == Event::ReadyForQuery) end_request();
  }
  unread_rows_ = false;
  if (error) throw DriverError(std::move(*error));
}

void Statement::end_request() {
  if (reply_ != nullptr && reply_->from_wire()) connection_.release_wire(*this);
  reply_.reset();
  unread_rows_ = false;
}

void Statement::reset_result() {
  result_ = ResultKind::None;
  rows_done_ = false;
  have_row_ = false;
  rows_read_ = 0;
  piece_ = Piecewise{};
  fields_.clear();
  owned_row_.clear();
  owned_row_bytes_.clear();
  if (prepared_ && (!server_name_.empty() || !prepared_fields_.empty()))
    describe_columns(prepared_fields_);
  else
    clear_columns();
}

void Statement::take_notices() {
  if (!connection_.connected()) return;
  std::vector<ServerFields> notices;
  try {
    notices = connection_.session().take_notices();
  } catch (...) {
    return;
  }
  for (ServerFields& n : notices) {
    DiagRecord r;
    r.sqlstate = n.sqlstate.rfind("01", 0) == 0 ? n.sqlstate : "01000";
    r.message = "[pgwire-odbc][server] " +
                (n.severity.empty() ? std::string("NOTICE") : n.severity) + ": " + n.message;
    r.from_server = true;
    r.server = std::move(n);
    diag().add(std::move(r));
  }
}

void Statement::abandon_after_timeout() {
  std::optional<session::CancelTarget> target;
  {
    std::lock_guard lock(cancel_mutex_);
    target = active_cancel_;
  }
  if (reply_ != nullptr && reply_->from_wire()) {
    try {
      if (target) session::Session::cancel(*target);
      // The cancel makes the server end the request soon; what it sends until then is read and
      // dropped. If even that does not come, the wire is out of step and the connection is lost.
      deadline_ =
          session::Clock::now() + std::chrono::seconds(std::max<SQLULEN>(query_timeout_, 5));
      drain(false);
    } catch (...) {
      lost_ = true;
      reply_.reset();
      connection_.release_wire(*this);
      connection_.mark_lost();
    }
  } else {
    reply_.reset();
  }
  result_ = ResultKind::None;
  reset_result();
}

void Statement::own_current_row() {
  if (!have_row_ || row_.data() == owned_row_.data()) return;
  std::string bytes;
  std::vector<std::size_t> starts;
  for (const auto& v : row_) {
    starts.push_back(bytes.size());
    if (!v.is_null()) bytes.append(v.data, std::size_t(v.length));
  }
  owned_row_bytes_ = std::move(bytes);
  owned_row_.clear();
  for (std::size_t i = 0; i < row_.size(); ++i)
    owned_row_.push_back(row_[i].is_null()
                             ? session::Value{}
                             : session::Value{owned_row_bytes_.data() + starts[i], row_[i].length});
  row_ = owned_row_;
}

void Statement::finish_streaming() {
  std::lock_guard lock(mutex());
  if (reply_ == nullptr || !reply_->from_wire()) return;
  deadline_ = session::kNoDeadline;
  try {
    own_current_row();
    auto recorded = std::make_unique<RecordedReply>();
    recorded->record_rest(*reply_);
    reply_ = std::move(recorded);
  } catch (...) {
    lost_ = true;
    reply_.reset();
    throw;
  }
}

}  // namespace pgw::odbc
