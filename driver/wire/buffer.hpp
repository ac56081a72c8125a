#pragma once
// The byte buffer every encoder appends to, and the big-endian primitives of protocol 3.0.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "common/error.hpp"

namespace pgw::wire {

using Buffer = std::vector<std::byte>;

inline void put_u8(Buffer& out, std::uint8_t v) {
  out.push_back(static_cast<std::byte>(v));
}

inline void put_u16(Buffer& out, std::uint16_t v) {
  const std::byte b[2] = {static_cast<std::byte>(v >> 8), static_cast<std::byte>(v)};
  out.insert(out.end(), b, b + 2);
}

inline void put_i16(Buffer& out, std::int16_t v) {
  put_u16(out, static_cast<std::uint16_t>(v));
}

inline void put_u32(Buffer& out, std::uint32_t v) {
  const std::byte b[4] = {static_cast<std::byte>(v >> 24), static_cast<std::byte>(v >> 16),
                          static_cast<std::byte>(v >> 8), static_cast<std::byte>(v)};
  out.insert(out.end(), b, b + 4);
}

inline void put_i32(Buffer& out, std::int32_t v) {
  put_u32(out, static_cast<std::uint32_t>(v));
}

inline void put_bytes(Buffer& out, const void* data, std::size_t n) {
  if (n == 0) return;
  const auto* p = static_cast<const std::byte*>(data);
  out.insert(out.end(), p, p + n);
}

inline void put_str(Buffer& out, std::string_view s) {
  put_bytes(out, s.data(), s.size());
}

// A NUL-terminated protocol string. An embedded NUL would silently end the string on the server
// and shift every following field, so it is refused.
inline void put_cstr(Buffer& out, std::string_view s) {
  if (s.find('\0') != std::string_view::npos)
    throw DriverError("22021", "a string sent to the server cannot contain a zero byte");
  put_str(out, s);
  put_u8(out, 0);
}

// Counts of formats/parameters/columns are Int16 on the wire; the server reads them unsigned.
inline void put_count16(Buffer& out, std::size_t n) {
  if (n > 0xFFFF)
    throw DriverError("54000", "too many items for one protocol message (limit 65535)");
  put_u16(out, static_cast<std::uint16_t>(n));
}

inline std::uint16_t get_u16(const std::byte* p) {
  return static_cast<std::uint16_t>((std::to_integer<unsigned>(p[0]) << 8) |
                                    std::to_integer<unsigned>(p[1]));
}

inline std::uint32_t get_u32(const std::byte* p) {
  return (std::to_integer<std::uint32_t>(p[0]) << 24) |
         (std::to_integer<std::uint32_t>(p[1]) << 16) |
         (std::to_integer<std::uint32_t>(p[2]) << 8) | std::to_integer<std::uint32_t>(p[3]);
}

// Writes one message: type byte (if any) and a length placeholder patched by finish(). If the
// message is abandoned (an exception while encoding), the buffer is restored, so a half-written
// message is never sent.
class MessageWriter {
 public:
  MessageWriter(Buffer& out, char type) : out_(out), start_(out.size()) {
    put_u8(out, static_cast<std::uint8_t>(type));
    len_at_ = out.size();
    put_u32(out, 0);
  }
  // Untyped messages (StartupMessage, SSLRequest, CancelRequest) have only the length.
  explicit MessageWriter(Buffer& out) : out_(out), start_(out.size()), len_at_(out.size()) {
    put_u32(out, 0);
  }
  MessageWriter(const MessageWriter&) = delete;
  MessageWriter& operator=(const MessageWriter&) = delete;
  ~MessageWriter() {
    if (!done_) out_.resize(start_);
  }
  void finish() {
    const std::size_t len = out_.size() - len_at_;
    if (len > 0x7FFFFFFF) throw DriverError("54000", "protocol message too large (over 2 GiB)");
    const auto v = static_cast<std::uint32_t>(len);
    out_[len_at_] = static_cast<std::byte>(v >> 24);
    out_[len_at_ + 1] = static_cast<std::byte>(v >> 16);
    out_[len_at_ + 2] = static_cast<std::byte>(v >> 8);
    out_[len_at_ + 3] = static_cast<std::byte>(v);
    done_ = true;
  }

 private:
  Buffer& out_;
  std::size_t start_;
  std::size_t len_at_ = 0;
  bool done_ = false;
};

}  // namespace pgw::wire
