#pragma once
// A connected byte stream (plain TCP or TLS over TCP) with deadlines. The session layer talks to
// the server only through this interface; the wire codec never sees sockets.
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pgw::net {

using Clock = std::chrono::steady_clock;
// No deadline: wait forever.
inline constexpr Clock::time_point kNoDeadline = Clock::time_point::max();

class Stream {
 public:
  virtual ~Stream() = default;
  // Reads at least one byte into buf; returns the count. Throws DriverError:
  // 08S01 when the peer closed or the socket failed, HYT00 when the deadline passed.
  virtual std::size_t read_some(std::span<std::byte> buf, Clock::time_point deadline) = 0;
  // Writes all of data or throws (08S01 / HYT00 as above).
  virtual void write_all(std::span<const std::byte> data, Clock::time_point deadline) = 0;
  // True if read_some would return without blocking (TLS-buffered bytes count).
  virtual bool readable_now() = 0;
  virtual bool is_tls() const = 0;
  // For SCRAM-SHA-256-PLUS tls-server-end-point: hash of the server certificate per RFC 5929
  // (SHA-256 for MD5/SHA-1 signatures, else the signature's hash). Empty when not TLS.
  virtual std::vector<std::byte> tls_server_end_point() const { return {}; }
  // Closes without sending anything further. Idempotent.
  virtual void close() = 0;
};

}  // namespace pgw::net
