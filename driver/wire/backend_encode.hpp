#pragma once
// Server-side encoders for backend messages: golden round trips in unit tests and the scripted
// wire-level stand-in servers (CockroachDB, CrateDB, faults).
#include <array>
#include <cstdint>
#include <span>
#include <string_view>

#include "common/error.hpp"
#include "wire/backend.hpp"
#include "wire/buffer.hpp"

namespace pgw::wire::server {

void authentication_ok(Buffer& out);
void authentication_cleartext(Buffer& out);
void authentication_md5(Buffer& out, std::array<std::byte, 4> salt);
void authentication_sasl(Buffer& out, std::span<const std::string_view> mechanisms);
void authentication_sasl_continue(Buffer& out, std::string_view data);
void authentication_sasl_final(Buffer& out, std::string_view data);
// Any request code with no payload (e.g. 7 GSS, 9 SSPI, or an invalid code for fault scripts).
void authentication_code(Buffer& out, std::int32_t code);
void parameter_status(Buffer& out, std::string_view name, std::string_view value);
void backend_key_data(Buffer& out, std::int32_t process_id, std::int32_t secret_key);
void ready_for_query(Buffer& out, char status);
void row_description(Buffer& out, std::span<const FieldDescription> fields);
void data_row(Buffer& out, std::span<const Column> columns);
void command_complete(Buffer& out, std::string_view tag);
void empty_query_response(Buffer& out);
// type 'E' (ErrorResponse) or 'N' (NoticeResponse); fields written in PostgreSQL's order, empty
// ones omitted.
void error_fields(Buffer& out, char type, const ServerFields& fields);
void parameter_description(Buffer& out, std::span<const std::uint32_t> oids);
void no_data(Buffer& out);
void parse_complete(Buffer& out);
void bind_complete(Buffer& out);
void close_complete(Buffer& out);
void portal_suspended(Buffer& out);
// type 'G', 'H' or 'W'.
void copy_response(Buffer& out, char type, std::int8_t format,
                   std::span<const std::int16_t> column_formats);
void copy_data(Buffer& out, std::span<const std::byte> data);
void copy_done(Buffer& out);
void negotiate_protocol_version(Buffer& out, std::int32_t newest_minor,
                                std::span<const std::string_view> unsupported_options);
void notification_response(Buffer& out, std::int32_t process_id, std::string_view channel,
                           std::string_view payload);
// The single-byte answer to SSLRequest / GSSENCRequest ('S' or 'N').
void ssl_response(Buffer& out, bool accept);

}  // namespace pgw::wire::server
