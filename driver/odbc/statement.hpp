#pragma once
// A statement (SQL_HANDLE_STMT): preparation and execution, parameters, the result sets it reads
// and the application buffers it fills.
//
// Results stream: rows are pulled from the session as the application fetches, and only the current
// row is kept (as views into the session's buffer), so a result of any size is read in constant
// memory. When another statement needs the connection, finish_streaming() moves the rest of this
// result into the statement's own memory first.
//
// Split over: statement.cpp (life cycle, descriptors, cancel), statement_execute.cpp (prepare,
// execute, parameters, result sequencing), statement_fetch.cpp (binding, fetch, SQLGetData, close),
// statement_describe.cpp (result description, SQLGetTypeInfo), statement_attrs.cpp (attributes).
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "convert/to_c.hpp"
#include "odbc/connection.hpp"
#include "odbc/descriptor.hpp"
#include "odbc/reply.hpp"
#include "odbc/strings.hpp"
#include "sql/placeholders.hpp"
#include "vendor/profile.hpp"

namespace pgw::odbc {

class Statement : public Handle, public WireUser {
 public:
  static constexpr SQLSMALLINT kHandleType = SQL_HANDLE_STMT;

  // SQLAllocHandle(SQL_HANDLE_STMT): a new statement owned by the (open) connection.
  static Statement& create(Connection& connection);
  // SQLFreeHandle(SQL_HANDLE_STMT): closes its result and its server-side prepared statement, then
  // lets the connection destroy it. The caller holds no lock on it.
  static void destroy(Statement& statement);

  explicit Statement(Connection& connection);
  ~Statement() override;

  Connection& connection() { return connection_; }
  Descriptor& ard() { return *ard_; }
  Descriptor& apd() { return *apd_; }
  Descriptor& ird() { return *ird_; }
  Descriptor& ipd() { return *ipd_; }
  // Whether the IRD describes a result (the statement is prepared or has a result).
  bool described() const { return described_; }
  // An explicit descriptor used as ARD/APD is being freed: go back to the implicit one.
  void forget_descriptor(Descriptor& descriptor);

  // --- execution (statement_execute.cpp) ---
  SQLRETURN prepare(std::string sql);
  SQLRETURN execute();
  SQLRETURN exec_direct(std::string sql);
  SQLRETURN bind_parameter(SQLUSMALLINT number, SQLSMALLINT io_type, SQLSMALLINT c_type,
                           SQLSMALLINT sql_type, SQLULEN column_size, SQLSMALLINT decimal_digits,
                           SQLPOINTER value, SQLLEN buffer_length, SQLLEN* indicator);
  SQLRETURN num_params(SQLSMALLINT* count);
  SQLRETURN describe_param(SQLUSMALLINT number, SQLSMALLINT* sql_type, SQLULEN* size,
                           SQLSMALLINT* digits, SQLSMALLINT* nullable);
  SQLRETURN row_count(SQLLEN* count);
  SQLRETURN more_results();

  // --- result description (statement_describe.cpp) ---
  SQLRETURN num_result_cols(SQLSMALLINT* count);
  SQLRETURN describe_col(SQLUSMALLINT column, const StringOut& name, SQLSMALLINT* name_length,
                         SQLSMALLINT* sql_type, SQLULEN* size, SQLSMALLINT* digits,
                         SQLSMALLINT* nullable);
  SQLRETURN col_attribute(SQLUSMALLINT column, SQLUSMALLINT field, const StringOut& text,
                          SQLSMALLINT* length, SQLLEN* number);
  SQLRETURN get_type_info(SQLSMALLINT data_type);

  // --- fetching (statement_fetch.cpp) ---
  SQLRETURN bind_col(SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER value,
                     SQLLEN buffer_length, SQLLEN* indicator);
  SQLRETURN fetch();
  SQLRETURN fetch_scroll(SQLSMALLINT orientation, SQLLEN offset);
  SQLRETURN get_data(SQLUSMALLINT column, SQLSMALLINT c_type, SQLPOINTER value,
                     SQLLEN buffer_length, SQLLEN* indicator);
  SQLRETURN close_cursor();                  // SQLCloseCursor: 24000 without an open cursor
  SQLRETURN free_stmt(SQLUSMALLINT option);  // SQL_CLOSE, SQL_UNBIND, SQL_RESET_PARAMS
  // SQLCancel: runs WITHOUT the statement's lock, from any thread; sends a CancelRequest when a
  // call is executing on the statement, does nothing otherwise (ODBC 3.5).
  SQLRETURN cancel() noexcept;

  // --- attributes (statement_attrs.cpp) ---
  void set_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER length, Encoding encoding);
  void get_attribute(SQLINTEGER attribute, SQLPOINTER value, SQLINTEGER buffer_length,
                     SQLINTEGER* length, Encoding encoding);
  void set_cursor_name(std::string name);
  const std::string& cursor_name();

  // WireUser: takes the lock; reads the rest of the request into memory.
  void finish_streaming() override;

 private:
  enum class ResultKind : std::uint8_t { None, Rows, Count };

  // statement_execute.cpp
  void run(bool use_prepared);
  void send_request(bool use_prepared, const std::vector<std::optional<std::string>>& values);
  std::vector<std::optional<std::string>> parameter_values();
  std::vector<std::uint32_t> parameter_oids(int first, int count);
  void server_prepare();
  void ensure_described();
  bool advance_result();
  bool next_row();
  void after_result_end();
  [[noreturn]] void fail_request(const ServerFields& error);
  void drain(bool keep_errors);
  void end_request();
  void unprepare();
  void reset_result();
  void take_notices();
  template <class F>
  auto on_wire(F&& body);
  void abandon_after_timeout();
  void own_current_row();
  void require_no_cursor() const;
  void discard_pending();

  // statement_describe.cpp
  void describe_columns(const std::vector<session::Field>& fields);
  void clear_columns();

  // statement_fetch.cpp
  void close();  // discards the request in flight and the result (never fails)
  void cancel_and_drain();
  bool cancel_is_safe() const;
  SQLUSMALLINT fill_row(SQLULEN row_index, SQLULEN row_number);
  SQLSMALLINT resolve_c_type(SQLSMALLINT c_type, const DescRecord& ird_record) const;

  // statement.cpp
  vendor::SizeOptions size_options() const;

  Connection& connection_;
  const vendor::Profile* profile_;

  std::unique_ptr<Descriptor> implicit_ard_, implicit_apd_, ird_, ipd_;
  Descriptor* ard_;
  Descriptor* apd_;

  // Attributes.
  SQLULEN query_timeout_ = 0;
  SQLULEN max_rows_ = 0;
  SQLULEN max_length_ = 0;
  SQLULEN noscan_ = SQL_NOSCAN_OFF;
  SQLULEN retrieve_data_ = SQL_RD_ON;
  SQLULEN metadata_id_ = SQL_FALSE;
  SQLULEN simulate_cursor_ = SQL_SC_NON_UNIQUE;
  SQLULEN cursor_sensitivity_ = SQL_UNSPECIFIED;
  SQLPOINTER fetch_bookmark_ptr_ = nullptr;
  std::string cursor_name_;

  // The statement text and its preparation.
  sql::Rewritten sql_;
  bool prepared_ = false;    // SQLPrepare succeeded: SQLExecute may run it
  std::string server_name_;  // the server-side prepared statement, "" when not server-prepared
  std::vector<std::string>
      pending_closes_;  // server-side statements to close with the next request
  std::vector<std::uint32_t> server_param_types_;  // ParameterDescription at prepare
  std::vector<session::Field> prepared_fields_;    // RowDescription at prepare
  bool described_ = false;

  // The request in flight and its current result.
  std::unique_ptr<Reply> reply_;  // null once ReadyForQuery was read
  ResultKind result_ = ResultKind::None;
  bool rows_done_ = false;  // the current row result's end was read
  bool executed_ = false;   // a request ran since the last close
  bool lost_ = false;       // the connection died while this statement read it
  SQLLEN row_count_ = -1;
  SQLULEN rows_read_ = 0;                // rows of the current result read so far
  std::vector<session::Field> fields_;   // the current result's columns
  std::span<const session::Value> row_;  // the current row
  bool have_row_ = false;
  std::string owned_row_bytes_;  // the current row, once moved off the session buffer
  std::vector<session::Value> owned_row_;
  bool unread_rows_ = false;        // the current row result was cut short (SQL_ATTR_MAX_ROWS)
  std::string command_;             // first word of the last CommandComplete tag
  bool single_statement_ = true;    // the request holds one statement
  bool read_only_request_ = false;  // ... which only reads (sql::is_read_only)
  bool idle_at_send_ = false;       // no transaction was open when the request was sent
  session::Clock::time_point deadline_ = session::kNoDeadline;

  // SQLGetData's position in the current row.
  struct Piecewise {
    SQLUSMALLINT column = 0;
    SQLSMALLINT c_type = 0;
    bool started = false;
    bool done = false;
    std::size_t offset = 0;
    convert::Rendering rendering;
  } piece_;

  // SQLCancel from another thread: the target while a call is on the wire.
  std::mutex cancel_mutex_;
  std::optional<session::CancelTarget> active_cancel_;
  std::atomic<bool> cancel_requested_{false};
};

// SQLCancel's way in: finds the statement without taking its lock (see Statement::cancel).
SQLRETURN cancel_statement(const void* handle) noexcept;

// Statement text from an application: HY009 for a null pointer, HY090 for a bad length.
template <class Char>
std::string statement_text(const Char* text, SQLINTEGER length) {
  if (text == nullptr) throw DriverError("HY009", "the statement text is a null pointer");
  if (length < 0 && length != SQL_NTS) throw DriverError("HY090", "invalid statement text length");
  return utf8_from(text, length);
}

}  // namespace pgw::odbc
