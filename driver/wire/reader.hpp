#pragma once
// Bounds-checked reading of one message body. Every read past the end throws DriverError 08P01
// naming the message, so a truncated or garbage body can never cause an out-of-bounds read.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

#include "common/error.hpp"
#include "wire/buffer.hpp"

namespace pgw::wire {

class Reader {
 public:
  Reader(std::span<const std::byte> body, const char* what, const char* peer = "server")
      : body_(body), what_(what), peer_(peer) {}

  std::size_t remaining() const noexcept { return body_.size() - pos_; }
  bool at_end() const noexcept { return pos_ == body_.size(); }

  std::uint8_t u8() {
    need(1);
    return std::to_integer<std::uint8_t>(body_[pos_++]);
  }
  std::uint16_t u16() {
    need(2);
    const auto v = get_u16(body_.data() + pos_);
    pos_ += 2;
    return v;
  }
  std::int16_t i16() { return static_cast<std::int16_t>(u16()); }
  std::uint32_t u32() {
    need(4);
    const auto v = get_u32(body_.data() + pos_);
    pos_ += 4;
    return v;
  }
  std::int32_t i32() { return static_cast<std::int32_t>(u32()); }

  std::string_view cstr() {
    if (at_end()) fail("unterminated string");
    const auto* start = reinterpret_cast<const char*>(body_.data() + pos_);
    const void* nul = std::memchr(start, 0, remaining());
    if (nul == nullptr) fail("unterminated string");
    const auto n = static_cast<std::size_t>(static_cast<const char*>(nul) - start);
    pos_ += n + 1;
    return {start, n};
  }

  std::span<const std::byte> bytes(std::size_t n) {
    need(n);
    auto s = body_.subspan(pos_, n);
    pos_ += n;
    return s;
  }

  std::span<const std::byte> rest() { return bytes(remaining()); }

  void expect_end() {
    if (!at_end()) fail(std::to_string(remaining()) + " unexpected trailing bytes");
  }

  [[noreturn]] void fail(const std::string& why) const {
    throw DriverError("08P01",
                      std::string("malformed ") + what_ + " message from " + peer_ + ": " + why);
  }

 private:
  void need(std::size_t n) const {
    if (remaining() < n) fail("truncated");
  }

  std::span<const std::byte> body_;
  const char* what_;
  const char* peer_;
  std::size_t pos_ = 0;
};

}  // namespace pgw::wire
