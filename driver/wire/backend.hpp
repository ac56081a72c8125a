#pragma once
// Backend (server -> client) messages of protocol 3.0: type bytes, decoded shapes and parsers.
// Parsers take a Frame body and return views into it (valid while the body is). Each one checks
// every length and throws DriverError 08P01 "malformed <msg> message from server: ..." on a
// truncated or inconsistent body.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "common/error.hpp"
#include "wire/reader.hpp"

namespace pgw::wire {

namespace msg {
inline constexpr char Authentication = 'R';
inline constexpr char BackendKeyData = 'K';
inline constexpr char BindComplete = '2';
inline constexpr char CloseComplete = '3';
inline constexpr char CommandComplete = 'C';
inline constexpr char CopyBothResponse = 'W';
inline constexpr char CopyData = 'd';
inline constexpr char CopyDone = 'c';
inline constexpr char CopyInResponse = 'G';
inline constexpr char CopyOutResponse = 'H';
inline constexpr char DataRow = 'D';
inline constexpr char EmptyQueryResponse = 'I';
inline constexpr char ErrorResponse = 'E';
inline constexpr char NegotiateProtocolVersion = 'v';
inline constexpr char NoData = 'n';
inline constexpr char NoticeResponse = 'N';
inline constexpr char NotificationResponse = 'A';
inline constexpr char ParameterDescription = 't';
inline constexpr char ParameterStatus = 'S';
inline constexpr char ParseComplete = '1';
inline constexpr char PortalSuspended = 's';
inline constexpr char ReadyForQuery = 'Z';
inline constexpr char RowDescription = 'T';
}  // namespace msg

enum class AuthCode : std::int32_t {
  Ok = 0,
  KerberosV5 = 2,
  CleartextPassword = 3,
  MD5Password = 5,
  GSS = 7,
  GSSContinue = 8,
  SSPI = 9,
  SASL = 10,
  SASLContinue = 11,
  SASLFinal = 12,
};

struct Authentication {
  AuthCode code = AuthCode::Ok;
  std::array<std::byte, 4> salt{};           // MD5Password
  std::vector<std::string_view> mechanisms;  // SASL
  std::span<const std::byte> data;           // SASLContinue, SASLFinal, GSSContinue
};
// Unknown request codes are rejected (08P01) rather than guessed at.
Authentication parse_authentication(std::span<const std::byte> body);

struct ParameterStatus {
  std::string_view name;
  std::string_view value;
};
ParameterStatus parse_parameter_status(std::span<const std::byte> body);

// PostgreSQL sends two Int32; CockroachDB one Int64 (pid = high half): the same 8 bytes.
struct BackendKeyData {
  std::int32_t process_id = 0;
  std::int32_t secret_key = 0;
};
BackendKeyData parse_backend_key_data(std::span<const std::byte> body);

// 'I', 'T' or 'E'.
char parse_ready_for_query(std::span<const std::byte> body);

struct FieldDescription {
  std::string_view name;
  std::uint32_t table_oid = 0;
  std::int16_t column_number = 0;
  std::uint32_t type_oid = 0;
  std::int16_t type_size = 0;
  std::int32_t type_modifier = -1;
  std::int16_t format = 0;
};
void parse_row_description(std::span<const std::byte> body, std::vector<FieldDescription>& out);

// A column value inside a DataRow: bytes or NULL (length -1).
struct Column {
  const char* data = nullptr;
  std::int32_t length = -1;
};

// Fills `out` (resized to the column count) with views into the body. Works for any element type
// with `data` and `length` members; reusing the same vector allocates nothing once it is warm.
template <typename V>
void parse_data_row(std::span<const std::byte> body, std::vector<V>& out) {
  Reader r(body, "DataRow");
  const std::uint16_t n = r.u16();
  // Every column needs at least its 4-byte length: reject absurd counts before resizing.
  if (r.remaining() / 4 < n) r.fail("truncated");
  out.resize(n);
  for (std::uint16_t i = 0; i < n; ++i) {
    const std::int32_t len = r.i32();
    V& v = out[i];
    if (len == -1) {
      v.data = nullptr;
      v.length = -1;
    } else if (len < 0) {
      r.fail("negative column length");
    } else {
      v.data = reinterpret_cast<const char*>(r.bytes(static_cast<std::size_t>(len)).data());
      v.length = len;
    }
  }
  r.expect_end();
}

std::string_view parse_command_complete(std::span<const std::byte> body);

// ErrorResponse and NoticeResponse share a layout; unknown field codes are skipped.
ServerFields parse_error_fields(std::span<const std::byte> body,
                                const char* what = "ErrorResponse");

void parse_parameter_description(std::span<const std::byte> body, std::vector<std::uint32_t>& out);

struct CopyResponse {
  std::int8_t format = 0;  // overall: 0 text, 1 binary
  std::vector<std::int16_t> column_formats;
};
CopyResponse parse_copy_response(std::span<const std::byte> body,
                                 const char* what = "CopyResponse");

struct NegotiateProtocolVersion {
  std::int32_t newest_minor = 0;
  std::vector<std::string_view> unsupported_options;
};
NegotiateProtocolVersion parse_negotiate_protocol_version(std::span<const std::byte> body);

struct Notification {
  std::int32_t process_id = 0;
  std::string_view channel;
  std::string_view payload;
};
Notification parse_notification(std::span<const std::byte> body);

// ParseComplete, BindComplete, CloseComplete, NoData, EmptyQueryResponse, PortalSuspended,
// CopyDone: the body must be empty.
void parse_empty(std::span<const std::byte> body, const char* what);

}  // namespace pgw::wire
