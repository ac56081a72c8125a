#pragma once
// Frontend (client -> server) messages of protocol 3.0 and their encoders. Each struct holds views
// of the caller's data; encode() appends the message to a Buffer. Bind/Execute/Sync allocate
// nothing beyond the buffer's own growth.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "wire/buffer.hpp"

namespace pgw::wire {

inline constexpr std::int32_t kProtocol30 = 196608;  // 3 << 16
inline constexpr std::int32_t kSslRequestCode = 80877103;
inline constexpr std::int32_t kCancelRequestCode = 80877102;
inline constexpr std::int32_t kGssEncRequestCode = 80877104;

// A parameter value: bytes or NULL (length < 0). Any type with these two members can be bound.
struct Param {
  const char* data = nullptr;
  std::int32_t length = -1;
};

struct StartupMessage {
  std::span<const std::pair<std::string, std::string>> params;  // name, value
};
struct SSLRequest {};
struct CancelRequest {
  std::int32_t process_id = 0;
  std::int32_t secret_key = 0;
};
struct PasswordMessage {
  std::string_view password;  // cleartext or "md5..."
};
struct SASLInitialResponse {
  std::string_view mechanism;
  std::string_view data;  // client-first-message
};
struct SASLResponse {
  std::string_view data;
};
struct Query {
  std::string_view sql;
};
struct Parse {
  std::string_view statement;
  std::string_view sql;
  std::span<const std::uint32_t> param_oids;
};
struct Bind {
  std::string_view portal;
  std::string_view statement;
  std::span<const std::int16_t> param_formats;
  std::span<const Param> params;
  std::span<const std::int16_t> result_formats;
};
enum class Target : char { Statement = 'S', Portal = 'P' };
struct Describe {
  Target target = Target::Statement;
  std::string_view name;
};
struct Execute {
  std::string_view portal;
  std::int32_t max_rows = 0;  // 0 = all
};
struct Close {
  Target target = Target::Statement;
  std::string_view name;
};
struct Sync {};
struct Flush {};
struct CopyData {
  std::span<const std::byte> data;
};
struct CopyDone {};
struct CopyFail {
  std::string_view message;
};
struct Terminate {};

void encode(Buffer& out, const StartupMessage& m);
void encode(Buffer& out, const SSLRequest& m);
void encode(Buffer& out, const CancelRequest& m);
void encode(Buffer& out, const PasswordMessage& m);
void encode(Buffer& out, const SASLInitialResponse& m);
void encode(Buffer& out, const SASLResponse& m);
void encode(Buffer& out, const Query& m);
void encode(Buffer& out, const Parse& m);
void encode(Buffer& out, const Bind& m);
void encode(Buffer& out, const Describe& m);
void encode(Buffer& out, const Execute& m);
void encode(Buffer& out, const Close& m);
void encode(Buffer& out, const Sync& m);
void encode(Buffer& out, const Flush& m);
void encode(Buffer& out, const CopyData& m);
void encode(Buffer& out, const CopyDone& m);
void encode(Buffer& out, const CopyFail& m);
void encode(Buffer& out, const Terminate& m);

// Bind for any value type with `data` and `length` members (e.g. session::Value), so callers can
// bind their own arrays without converting them first.
template <typename V>
void encode_bind(Buffer& out, std::string_view portal, std::string_view statement,
                 std::span<const std::int16_t> param_formats, std::span<const V> params,
                 std::span<const std::int16_t> result_formats) {
  MessageWriter w(out, 'B');
  put_cstr(out, portal);
  put_cstr(out, statement);
  put_count16(out, param_formats.size());
  for (std::int16_t f : param_formats) put_i16(out, f);
  put_count16(out, params.size());
  for (const V& p : params) {
    if (p.length < 0) {
      put_i32(out, -1);
    } else {
      put_i32(out, p.length);
      put_bytes(out, p.data, static_cast<std::size_t>(p.length));
    }
  }
  put_count16(out, result_formats.size());
  for (std::int16_t f : result_formats) put_i16(out, f);
  w.finish();
}

}  // namespace pgw::wire
