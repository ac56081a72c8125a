#include "wire/framer.hpp"

#include <string>

#include "common/error.hpp"
#include "wire/buffer.hpp"

namespace pgw::wire {

namespace {

std::string type_name(char type) {
  const auto c = static_cast<unsigned char>(type);
  if (c >= 0x20 && c < 0x7F) return std::string("'") + type + "'";
  static const char hex[] = "0123456789abcdef";
  return std::string("0x") + hex[c >> 4] + hex[c & 15];
}

// Returns the body length after checking the header's length field.
std::size_t checked_body_size(std::span<const std::byte> in, std::size_t max_body) {
  const std::uint32_t len = get_u32(in.data() + 1);
  const char type = static_cast<char>(in[0]);
  if (len < 4)
    throw DriverError("08P01", "invalid message length " + std::to_string(len) +
                                   " in message of type " + type_name(type) + " from server");
  const std::size_t body = len - 4;
  if (body > max_body)
    throw DriverError("08P01", "message of type " + type_name(type) +
                                   " from server is too large (" + std::to_string(body) +
                                   " bytes, limit " + std::to_string(max_body) + ")");
  return body;
}

}  // namespace

std::optional<Frame> next_frame(std::span<const std::byte> in, std::size_t max_body) {
  if (in.size() < kFrameHeaderSize) return std::nullopt;
  const std::size_t body = checked_body_size(in, max_body);
  if (in.size() - kFrameHeaderSize < body) return std::nullopt;
  return Frame{static_cast<char>(in[0]), in.subspan(kFrameHeaderSize, body),
               kFrameHeaderSize + body};
}

std::size_t frame_bytes_needed(std::span<const std::byte> in, std::size_t max_body) {
  if (in.size() < kFrameHeaderSize) return kFrameHeaderSize;
  return kFrameHeaderSize + checked_body_size(in, max_body);
}

}  // namespace pgw::wire
