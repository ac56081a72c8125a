#pragma once
// Splits a byte stream into typed messages (type byte + Int32 length including itself + body).
// Sans-IO: the caller owns the bytes and decides when to read more.
#include <cstddef>
#include <optional>
#include <span>

namespace pgw::wire {

struct Frame {
  char type = 0;
  std::span<const std::byte> body;  // points into the caller's input
  std::size_t total_size = 0;       // bytes the frame occupies in the input (5 + body)
};

inline constexpr std::size_t kFrameHeaderSize = 5;

// nullopt = the input does not yet hold a whole message. Throws DriverError 08P01 when the length
// field is below 4 or the body would exceed max_body (checked as soon as the header is in, so a
// bogus length never makes the caller buffer gigabytes).
std::optional<Frame> next_frame(std::span<const std::byte> in, std::size_t max_body);

// Bytes the next frame needs in total: kFrameHeaderSize while the header is incomplete, else the
// whole frame size. Validates the length like next_frame.
std::size_t frame_bytes_needed(std::span<const std::byte> in, std::size_t max_body);

}  // namespace pgw::wire
