#include "wire/frontend_decode.hpp"

#include <string>

#include "wire/reader.hpp"

namespace pgw::wire::server {

namespace {

constexpr const char* kClient = "client";

std::string_view as_view(std::span<const std::byte> s) {
  return {reinterpret_cast<const char*>(s.data()), s.size()};
}

Target parse_target(Reader& r) {
  const char t = static_cast<char>(r.u8());
  if (t != 'S' && t != 'P') r.fail("unknown target '" + std::string(1, t) + "'");
  return static_cast<Target>(t);
}

}  // namespace

std::optional<StartupFrame> next_startup_frame(std::span<const std::byte> in,
                                               std::size_t max_body) {
  if (in.size() < 4) return std::nullopt;
  const std::uint32_t len = get_u32(in.data());
  if (len < 8 || len - 8 > max_body)
    throw DriverError("08P01", "invalid startup packet length " + std::to_string(len));
  if (in.size() < len) return std::nullopt;
  return StartupFrame{static_cast<std::int32_t>(get_u32(in.data() + 4)), in.subspan(8, len - 8),
                      len};
}

std::vector<std::pair<std::string_view, std::string_view>> parse_startup_params(
    std::span<const std::byte> body) {
  Reader r(body, "StartupMessage", kClient);
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (;;) {
    std::string_view name = r.cstr();
    if (name.empty()) break;
    out.emplace_back(name, r.cstr());
  }
  r.expect_end();
  return out;
}

CancelRequest parse_cancel_request(std::span<const std::byte> body) {
  Reader r(body, "CancelRequest", kClient);
  CancelRequest c;
  c.process_id = r.i32();
  c.secret_key = r.i32();
  r.expect_end();
  return c;
}

Query parse_query(std::span<const std::byte> body) {
  Reader r(body, "Query", kClient);
  Query q{r.cstr()};
  r.expect_end();
  return q;
}

Parse parse_parse(std::span<const std::byte> body, std::vector<std::uint32_t>& oids) {
  Reader r(body, "Parse", kClient);
  Parse p;
  p.statement = r.cstr();
  p.sql = r.cstr();
  const std::uint16_t n = r.u16();
  if (r.remaining() != std::size_t{n} * 4) r.fail("length does not match parameter count");
  oids.resize(n);
  for (auto& oid : oids) oid = r.u32();
  p.param_oids = oids;
  return p;
}

Bind parse_bind(std::span<const std::byte> body, std::vector<std::int16_t>& param_formats,
                std::vector<Param>& params, std::vector<std::int16_t>& result_formats) {
  Reader r(body, "Bind", kClient);
  Bind b;
  b.portal = r.cstr();
  b.statement = r.cstr();
  auto read_formats = [&r](std::vector<std::int16_t>& v) {
    const std::uint16_t n = r.u16();
    if (r.remaining() / 2 < n) r.fail("truncated");
    v.resize(n);
    for (auto& f : v) f = r.i16();
  };
  read_formats(param_formats);
  const std::uint16_t n = r.u16();
  if (r.remaining() / 4 < n) r.fail("truncated");
  params.resize(n);
  for (auto& p : params) {
    const std::int32_t len = r.i32();
    if (len < -1) r.fail("negative parameter length");
    p.length = len;
    p.data = len < 0 ? nullptr : as_view(r.bytes(static_cast<std::size_t>(len))).data();
  }
  read_formats(result_formats);
  r.expect_end();
  b.param_formats = param_formats;
  b.params = params;
  b.result_formats = result_formats;
  return b;
}

Describe parse_describe(std::span<const std::byte> body) {
  Reader r(body, "Describe", kClient);
  Describe d;
  d.target = parse_target(r);
  d.name = r.cstr();
  r.expect_end();
  return d;
}

Execute parse_execute(std::span<const std::byte> body) {
  Reader r(body, "Execute", kClient);
  Execute e;
  e.portal = r.cstr();
  e.max_rows = r.i32();
  r.expect_end();
  return e;
}

Close parse_close(std::span<const std::byte> body) {
  Reader r(body, "Close", kClient);
  Close c;
  c.target = parse_target(r);
  c.name = r.cstr();
  r.expect_end();
  return c;
}

PasswordMessage parse_password(std::span<const std::byte> body) {
  Reader r(body, "PasswordMessage", kClient);
  PasswordMessage p{r.cstr()};
  r.expect_end();
  return p;
}

SASLInitialResponse parse_sasl_initial_response(std::span<const std::byte> body) {
  Reader r(body, "SASLInitialResponse", kClient);
  SASLInitialResponse s;
  s.mechanism = r.cstr();
  const std::int32_t len = r.i32();
  if (len >= 0) s.data = as_view(r.bytes(static_cast<std::size_t>(len)));
  r.expect_end();
  return s;
}

CopyFail parse_copy_fail(std::span<const std::byte> body) {
  Reader r(body, "CopyFail", kClient);
  CopyFail c{r.cstr()};
  r.expect_end();
  return c;
}

}  // namespace pgw::wire::server
