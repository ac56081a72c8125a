#pragma once
// The connection engine: one PostgreSQL protocol 3.0 session over a net::Stream.
//
// Sending is buffered: the message methods append to an output buffer and send() writes it, so a
// statement's Parse/Bind/Describe/Execute/Sync go out in one write. Receiving is a pull API:
// next() decodes one backend message and returns what it was; the accessors expose its contents as
// views into the receive buffer, valid until the following next(). Rows are therefore never copied
// or accumulated here: memory is the receive buffer, which grows only to the largest single
// message.
//
// ParameterStatus, NoticeResponse and NotificationResponse are consumed inside next() (parameters
// are updated, notices queued for take_notices()).
//
// Errors: every failure throws pgw::DriverError. A dead or unusable connection (EOF, socket error,
// malformed or oversized message) throws 08S01 and marks the session broken(); every later call
// then throws 08S01 too. A passed deadline throws HYT00 and leaves the session usable: the caller
// may cancel() and keep calling next() to reach ReadyForQuery.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "net/stream.hpp"
#include "net/tls_options.hpp"

namespace pgw::session {

using net::Clock;
using net::kNoDeadline;

enum class ChannelBinding { Disable, Prefer, Require };

struct HostSpec {
  std::string host;  // name, IPv4 or IPv6 literal, or an absolute path to a Unix-socket directory
  std::uint16_t port = 5432;
};

struct ConnectParams {
  std::vector<HostSpec> hosts;  // tried in order until one accepts (libpq multi-host semantics)
  std::string user;
  std::string password;
  std::string database;
  std::string application_name;
  std::string
      options;  // startup "options" (e.g. "--cluster=routing-id" for CockroachDB Serverless)
  net::TlsOptions tls;
  ChannelBinding channel_binding = ChannelBinding::Prefer;
  std::chrono::milliseconds connect_timeout{0};  // per host; 0 = no limit
  // Extra startup parameters sent after the standard ones (name, value).
  std::vector<std::pair<std::string, std::string>> extra_startup;
  std::size_t max_message_bytes = std::size_t{1} << 30;  // larger backend messages are refused
};

// One column of a RowDescription.
struct Field {
  std::string name;
  std::uint32_t table_oid = 0;
  std::int16_t column_number = 0;
  std::uint32_t type_oid = 0;
  std::int16_t type_size = 0;
  std::int32_t type_modifier = -1;
  std::int16_t format = 0;  // 0 text, 1 binary
};

// A column value or parameter: bytes, or NULL (length < 0). Does not own its bytes.
struct Value {
  const char* data = nullptr;
  std::int32_t length = -1;
  bool is_null() const noexcept { return length < 0; }
  std::string_view view() const noexcept {
    return is_null() ? std::string_view{}
                     : std::string_view(data, static_cast<std::size_t>(length));
  }
};

enum class Event : std::uint8_t {
  ParseComplete,
  BindComplete,
  CloseComplete,
  ParameterDescription,  // param_types()
  RowDescription,        // fields()
  NoData,
  DataRow,          // row()
  CommandComplete,  // command_tag()
  EmptyQuery,
  PortalSuspended,
  Error,            // error(); in the extended protocol the server skips to the next Sync
  ReadyForQuery,    // transaction_status() updated
  CopyInResponse,   // copy_format()
  CopyOutResponse,  // copy_format()
  CopyData,         // copy_data_in()
  CopyDone,
};

enum class TxStatus : char { Idle = 'I', InTransaction = 'T', Failed = 'E' };

// What a CancelRequest needs; copyable so another thread can cancel while this one reads.
struct CancelTarget {
  HostSpec host;
  net::TlsOptions tls;
  std::int32_t process_id = 0;
  std::int32_t secret_key = 0;
};

class Session {
 public:
  // Tries each host in order; throws DriverError: 08001 (cannot connect / TLS required and refused
  // / certificate verification failed), 28000 or 28P01 (authentication), 08004 (server rejected),
  // or the server's own SQLSTATE from an ErrorResponse during startup.
  static std::unique_ptr<Session> connect(const ConnectParams& params);
  ~Session();  // sends Terminate if the connection is still healthy, then closes
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // --- state learned at startup or since ---
  std::string_view parameter(std::string_view name) const;  // ParameterStatus value, "" if absent
  const std::vector<std::pair<std::string, std::string>>& parameters() const;
  TxStatus transaction_status() const;
  bool broken() const;
  bool tls() const;
  const HostSpec& connected_host() const;
  CancelTarget cancel_target() const;
  // Opens a separate connection and sends CancelRequest. Thread-safe; best effort (errors ignored).
  static void cancel(const CancelTarget& target);

  // --- frontend messages (buffered until send()) ---
  void query(std::string_view sql);
  void parse(std::string_view statement, std::string_view sql,
             std::span<const std::uint32_t> param_oids);
  void bind(std::string_view portal, std::string_view statement,
            std::span<const std::int16_t> param_formats, std::span<const Value> params,
            std::span<const std::int16_t> result_formats);
  void describe_statement(std::string_view statement);
  void describe_portal(std::string_view portal);
  void execute(std::string_view portal, std::int32_t max_rows);  // 0 = all rows
  void close_statement(std::string_view statement);
  void close_portal(std::string_view portal);
  void sync();
  void flush_request();  // the protocol's Flush ('H')
  void copy_data(std::span<const std::byte> data);
  void copy_done();
  void copy_fail(std::string_view reason);
  void send(Clock::time_point deadline = kNoDeadline);  // writes everything buffered

  // --- backend messages ---
  Event next(Clock::time_point deadline = kNoDeadline);
  const std::vector<Field>& fields() const;               // after RowDescription
  std::span<const Value> row() const;                     // after DataRow
  const std::vector<std::uint32_t>& param_types() const;  // after ParameterDescription
  std::string_view command_tag() const;                   // after CommandComplete
  const ServerFields& error() const;                      // after Error
  std::span<const std::byte> copy_data_in() const;        // after CopyData
  std::int16_t copy_format() const;  // after CopyIn/OutResponse: 0 text, 1 binary
  std::vector<ServerFields> take_notices();

  // Convenience: sends a simple query and reads to ReadyForQuery, discarding rows; throws the first
  // ErrorResponse as DriverError (after reaching ReadyForQuery, so the session stays usable).
  void run(std::string_view sql, Clock::time_point deadline = kNoDeadline);

  // Number from a CommandComplete tag ("INSERT 0 5" -> 5, "SELECT 3" -> 3, "CREATE TABLE" -> -1).
  static std::int64_t rows_from_tag(std::string_view tag);

  struct Impl;

 private:
  explicit Session(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace pgw::session
