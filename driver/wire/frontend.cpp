#include "wire/frontend.hpp"

namespace pgw::wire {

namespace {

void empty_message(Buffer& out, char type) {
  MessageWriter w(out, type);
  w.finish();
}

void target_message(Buffer& out, char type, Target target, std::string_view name) {
  MessageWriter w(out, type);
  put_u8(out, static_cast<std::uint8_t>(target));
  put_cstr(out, name);
  w.finish();
}

}  // namespace

void encode(Buffer& out, const StartupMessage& m) {
  MessageWriter w(out);
  put_i32(out, kProtocol30);
  for (const auto& [name, value] : m.params) {
    put_cstr(out, name);
    put_cstr(out, value);
  }
  put_u8(out, 0);
  w.finish();
}

void encode(Buffer& out, const SSLRequest&) {
  MessageWriter w(out);
  put_i32(out, kSslRequestCode);
  w.finish();
}

void encode(Buffer& out, const CancelRequest& m) {
  MessageWriter w(out);
  put_i32(out, kCancelRequestCode);
  put_i32(out, m.process_id);
  put_i32(out, m.secret_key);
  w.finish();
}

void encode(Buffer& out, const PasswordMessage& m) {
  MessageWriter w(out, 'p');
  put_cstr(out, m.password);
  w.finish();
}

void encode(Buffer& out, const SASLInitialResponse& m) {
  MessageWriter w(out, 'p');
  put_cstr(out, m.mechanism);
  put_i32(out, static_cast<std::int32_t>(m.data.size()));
  put_str(out, m.data);
  w.finish();
}

void encode(Buffer& out, const SASLResponse& m) {
  MessageWriter w(out, 'p');
  put_str(out, m.data);
  w.finish();
}

void encode(Buffer& out, const Query& m) {
  MessageWriter w(out, 'Q');
  put_cstr(out, m.sql);
  w.finish();
}

void encode(Buffer& out, const Parse& m) {
  MessageWriter w(out, 'P');
  put_cstr(out, m.statement);
  put_cstr(out, m.sql);
  put_count16(out, m.param_oids.size());
  for (std::uint32_t oid : m.param_oids) put_u32(out, oid);
  w.finish();
}

void encode(Buffer& out, const Bind& m) {
  encode_bind<Param>(out, m.portal, m.statement, m.param_formats, m.params, m.result_formats);
}

void encode(Buffer& out, const Describe& m) {
  target_message(out, 'D', m.target, m.name);
}

void encode(Buffer& out, const Execute& m) {
  MessageWriter w(out, 'E');
  put_cstr(out, m.portal);
  put_i32(out, m.max_rows);
  w.finish();
}

void encode(Buffer& out, const Close& m) {
  target_message(out, 'C', m.target, m.name);
}
void encode(Buffer& out, const Sync&) {
  empty_message(out, 'S');
}
void encode(Buffer& out, const Flush&) {
  empty_message(out, 'H');
}

void encode(Buffer& out, const CopyData& m) {
  MessageWriter w(out, 'd');
  put_bytes(out, m.data.data(), m.data.size());
  w.finish();
}

void encode(Buffer& out, const CopyDone&) {
  empty_message(out, 'c');
}

void encode(Buffer& out, const CopyFail& m) {
  MessageWriter w(out, 'f');
  put_cstr(out, m.message);
  w.finish();
}

void encode(Buffer& out, const Terminate&) {
  empty_message(out, 'X');
}

}  // namespace pgw::wire
