#include "wire/backend.hpp"

#include <algorithm>
#include <string>

namespace pgw::wire {

Authentication parse_authentication(std::span<const std::byte> body) {
  Reader r(body, "Authentication");
  Authentication a;
  const std::int32_t code = r.i32();
  switch (code) {
    case 0:
    case 2:
    case 3:
    case 7:
    case 9:
      break;
    case 5: {
      auto salt = r.bytes(4);
      std::copy(salt.begin(), salt.end(), a.salt.begin());
      break;
    }
    case 10:
      for (;;) {
        std::string_view mech = r.cstr();
        if (mech.empty()) break;
        a.mechanisms.push_back(mech);
      }
      if (a.mechanisms.empty()) r.fail("no SASL mechanisms listed");
      break;
    case 8:
    case 11:
    case 12:
      a.data = r.rest();
      break;
    default:
      throw DriverError("08P01", "unsupported authentication request code " + std::to_string(code) +
                                     " from server");
  }
  r.expect_end();
  a.code = static_cast<AuthCode>(code);
  return a;
}

ParameterStatus parse_parameter_status(std::span<const std::byte> body) {
  Reader r(body, "ParameterStatus");
  ParameterStatus p;
  p.name = r.cstr();
  p.value = r.cstr();
  r.expect_end();
  return p;
}

BackendKeyData parse_backend_key_data(std::span<const std::byte> body) {
  Reader r(body, "BackendKeyData");
  BackendKeyData k;
  k.process_id = r.i32();
  k.secret_key = r.i32();
  r.expect_end();
  return k;
}

char parse_ready_for_query(std::span<const std::byte> body) {
  Reader r(body, "ReadyForQuery");
  const char status = static_cast<char>(r.u8());
  r.expect_end();
  if (status != 'I' && status != 'T' && status != 'E')
    r.fail("unknown transaction status " + std::to_string(static_cast<unsigned char>(status)));
  return status;
}

void parse_row_description(std::span<const std::byte> body, std::vector<FieldDescription>& out) {
  Reader r(body, "RowDescription");
  const std::uint16_t n = r.u16();
  // A field is at least 19 bytes (empty name); check before reserving.
  if (r.remaining() / 19 < n) r.fail("truncated");
  out.clear();
  out.reserve(n);
  for (std::uint16_t i = 0; i < n; ++i) {
    FieldDescription f;
    f.name = r.cstr();
    f.table_oid = r.u32();
    f.column_number = r.i16();
    f.type_oid = r.u32();
    f.type_size = r.i16();
    f.type_modifier = r.i32();
    f.format = r.i16();
    out.push_back(f);
  }
  r.expect_end();
}

std::string_view parse_command_complete(std::span<const std::byte> body) {
  Reader r(body, "CommandComplete");
  std::string_view tag = r.cstr();
  r.expect_end();
  return tag;
}

ServerFields parse_error_fields(std::span<const std::byte> body, const char* what) {
  Reader r(body, what);
  ServerFields f;
  std::string_view severity_localized;
  for (;;) {
    const char code = static_cast<char>(r.u8());
    if (code == 0) break;
    const std::string_view v = r.cstr();
    switch (code) {
      case 'S':
        severity_localized = v;
        break;
      case 'V':
        f.severity = v;
        break;
      case 'C':
        f.sqlstate = v;
        break;
      case 'M':
        f.message = v;
        break;
      case 'D':
        f.detail = v;
        break;
      case 'H':
        f.hint = v;
        break;
      case 'P':
        f.position = v;
        break;
      case 'p':
        f.internal_position = v;
        break;
      case 'q':
        f.internal_query = v;
        break;
      case 'W':
        f.where = v;
        break;
      case 's':
        f.schema_name = v;
        break;
      case 't':
        f.table_name = v;
        break;
      case 'c':
        f.column_name = v;
        break;
      case 'd':
        f.data_type_name = v;
        break;
      case 'n':
        f.constraint_name = v;
        break;
      case 'F':
        f.file = v;
        break;
      case 'L':
        f.line = v;
        break;
      case 'R':
        f.routine = v;
        break;
      default:
        break;  // future fields are ignorable by protocol rule
    }
  }
  r.expect_end();
  if (f.severity.empty()) f.severity = severity_localized;
  return f;
}

void parse_parameter_description(std::span<const std::byte> body, std::vector<std::uint32_t>& out) {
  Reader r(body, "ParameterDescription");
  const std::uint16_t n = r.u16();
  if (r.remaining() != std::size_t{n} * 4) r.fail("length does not match parameter count");
  out.resize(n);
  for (std::uint16_t i = 0; i < n; ++i) out[i] = r.u32();
}

CopyResponse parse_copy_response(std::span<const std::byte> body, const char* what) {
  Reader r(body, what);
  CopyResponse c;
  const std::uint8_t format = r.u8();
  if (format > 1) r.fail("unknown format " + std::to_string(format));
  c.format = static_cast<std::int8_t>(format);
  const std::uint16_t n = r.u16();
  if (r.remaining() != std::size_t{n} * 2) r.fail("length does not match column count");
  c.column_formats.resize(n);
  for (std::uint16_t i = 0; i < n; ++i) c.column_formats[i] = r.i16();
  return c;
}

NegotiateProtocolVersion parse_negotiate_protocol_version(std::span<const std::byte> body) {
  Reader r(body, "NegotiateProtocolVersion");
  NegotiateProtocolVersion v;
  v.newest_minor = r.i32();
  const std::int32_t n = r.i32();
  if (n < 0 || static_cast<std::size_t>(n) > r.remaining()) r.fail("bad option count");
  for (std::int32_t i = 0; i < n; ++i) v.unsupported_options.push_back(r.cstr());
  r.expect_end();
  return v;
}

Notification parse_notification(std::span<const std::byte> body) {
  Reader r(body, "NotificationResponse");
  Notification n;
  n.process_id = r.i32();
  n.channel = r.cstr();
  n.payload = r.cstr();
  r.expect_end();
  return n;
}

void parse_empty(std::span<const std::byte> body, const char* what) {
  Reader r(body, what);
  r.expect_end();
}

}  // namespace pgw::wire
