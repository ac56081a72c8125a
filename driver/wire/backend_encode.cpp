#include "wire/backend_encode.hpp"

namespace pgw::wire::server {

namespace {

void empty(Buffer& out, char type) {
  MessageWriter w(out, type);
  w.finish();
}

void auth_with_data(Buffer& out, std::int32_t code, std::string_view data) {
  MessageWriter w(out, 'R');
  put_i32(out, code);
  put_str(out, data);
  w.finish();
}

}  // namespace

void authentication_ok(Buffer& out) {
  authentication_code(out, 0);
}
void authentication_cleartext(Buffer& out) {
  authentication_code(out, 3);
}

void authentication_md5(Buffer& out, std::array<std::byte, 4> salt) {
  MessageWriter w(out, 'R');
  put_i32(out, 5);
  put_bytes(out, salt.data(), salt.size());
  w.finish();
}

void authentication_sasl(Buffer& out, std::span<const std::string_view> mechanisms) {
  MessageWriter w(out, 'R');
  put_i32(out, 10);
  for (auto m : mechanisms) put_cstr(out, m);
  put_u8(out, 0);
  w.finish();
}

void authentication_sasl_continue(Buffer& out, std::string_view data) {
  auth_with_data(out, 11, data);
}
void authentication_sasl_final(Buffer& out, std::string_view data) {
  auth_with_data(out, 12, data);
}

void authentication_code(Buffer& out, std::int32_t code) {
  MessageWriter w(out, 'R');
  put_i32(out, code);
  w.finish();
}

void parameter_status(Buffer& out, std::string_view name, std::string_view value) {
  MessageWriter w(out, 'S');
  put_cstr(out, name);
  put_cstr(out, value);
  w.finish();
}

void backend_key_data(Buffer& out, std::int32_t process_id, std::int32_t secret_key) {
  MessageWriter w(out, 'K');
  put_i32(out, process_id);
  put_i32(out, secret_key);
  w.finish();
}

void ready_for_query(Buffer& out, char status) {
  MessageWriter w(out, 'Z');
  put_u8(out, static_cast<std::uint8_t>(status));
  w.finish();
}

void row_description(Buffer& out, std::span<const FieldDescription> fields) {
  MessageWriter w(out, 'T');
  put_count16(out, fields.size());
  for (const auto& f : fields) {
    put_cstr(out, f.name);
    put_u32(out, f.table_oid);
    put_i16(out, f.column_number);
    put_u32(out, f.type_oid);
    put_i16(out, f.type_size);
    put_i32(out, f.type_modifier);
    put_i16(out, f.format);
  }
  w.finish();
}

void data_row(Buffer& out, std::span<const Column> columns) {
  MessageWriter w(out, 'D');
  put_count16(out, columns.size());
  for (const auto& c : columns) {
    if (c.length < 0) {
      put_i32(out, -1);
    } else {
      put_i32(out, c.length);
      put_bytes(out, c.data, static_cast<std::size_t>(c.length));
    }
  }
  w.finish();
}

void command_complete(Buffer& out, std::string_view tag) {
  MessageWriter w(out, 'C');
  put_cstr(out, tag);
  w.finish();
}

void empty_query_response(Buffer& out) {
  empty(out, 'I');
}

void error_fields(Buffer& out, char type, const ServerFields& f) {
  MessageWriter w(out, type);
  auto field = [&out](char code, const std::string& v) {
    if (v.empty()) return;
    put_u8(out, static_cast<std::uint8_t>(code));
    put_cstr(out, v);
  };
  field('S', f.severity);
  field('V', f.severity);
  field('C', f.sqlstate);
  field('M', f.message);
  field('D', f.detail);
  field('H', f.hint);
  field('P', f.position);
  field('p', f.internal_position);
  field('q', f.internal_query);
  field('W', f.where);
  field('s', f.schema_name);
  field('t', f.table_name);
  field('c', f.column_name);
  field('d', f.data_type_name);
  field('n', f.constraint_name);
  field('F', f.file);
  field('L', f.line);
  field('R', f.routine);
  put_u8(out, 0);
  w.finish();
}

void parameter_description(Buffer& out, std::span<const std::uint32_t> oids) {
  MessageWriter w(out, 't');
  put_count16(out, oids.size());
  for (auto oid : oids) put_u32(out, oid);
  w.finish();
}

void no_data(Buffer& out) {
  empty(out, 'n');
}
void parse_complete(Buffer& out) {
  empty(out, '1');
}
void bind_complete(Buffer& out) {
  empty(out, '2');
}
void close_complete(Buffer& out) {
  empty(out, '3');
}
void portal_suspended(Buffer& out) {
  empty(out, 's');
}

void copy_response(Buffer& out, char type, std::int8_t format,
                   std::span<const std::int16_t> column_formats) {
  MessageWriter w(out, type);
  put_u8(out, static_cast<std::uint8_t>(format));
  put_count16(out, column_formats.size());
  for (auto f : column_formats) put_i16(out, f);
  w.finish();
}

void copy_data(Buffer& out, std::span<const std::byte> data) {
  MessageWriter w(out, 'd');
  put_bytes(out, data.data(), data.size());
  w.finish();
}

void copy_done(Buffer& out) {
  empty(out, 'c');
}

void negotiate_protocol_version(Buffer& out, std::int32_t newest_minor,
                                std::span<const std::string_view> unsupported_options) {
  MessageWriter w(out, 'v');
  put_i32(out, newest_minor);
  put_i32(out, static_cast<std::int32_t>(unsupported_options.size()));
  for (auto o : unsupported_options) put_cstr(out, o);
  w.finish();
}

void notification_response(Buffer& out, std::int32_t process_id, std::string_view channel,
                           std::string_view payload) {
  MessageWriter w(out, 'A');
  put_i32(out, process_id);
  put_cstr(out, channel);
  put_cstr(out, payload);
  w.finish();
}

void ssl_response(Buffer& out, bool accept) {
  put_u8(out, accept ? 'S' : 'N');
}

}  // namespace pgw::wire::server
