#pragma once
// The stand-in's own sockets: plain TCP with a stop descriptor, so a SIGTERM wakes every wait.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

namespace pgw::standin {

// An owned file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(o.release()) {}
  Fd& operator=(Fd&& o) noexcept {
    if (this != &o) reset(o.release());
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  void reset(int fd = -1);

 private:
  int fd_ = -1;
};

// The connection ended: peer closed, socket error, stop requested or deadline passed. Ends the
// handling of one client; never escapes a connection thread.
class ConnectionGone : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using Clock = std::chrono::steady_clock;

// A listening TCP socket on host:port (port 0 = any free port); `bound` receives the port.
Fd listen_tcp(const std::string& host, std::uint16_t port, std::uint16_t& bound);
// Throws ConnectionGone with the reason when the host cannot be reached before the deadline.
Fd connect_tcp(const std::string& host, std::uint16_t port, Clock::time_point deadline);

// Waits until fd is readable (or stop_fd becomes readable / the deadline passes: ConnectionGone),
// then reads what is there. Returns the byte count, never 0 (EOF throws ConnectionGone).
std::size_t read_some(int fd, std::span<std::byte> buf, int stop_fd, Clock::time_point deadline);
void write_all(int fd, std::span<const std::byte> data, int stop_fd, Clock::time_point deadline);

// Sends what it can without waiting long, then closes: for FATAL messages before hanging up.
void send_and_close(Fd& fd, std::span<const std::byte> data);

// Milliseconds until the deadline for poll(): -1 when there is none.
int poll_timeout(Clock::time_point deadline);
inline constexpr Clock::time_point kNoDeadline = Clock::time_point::max();

}  // namespace pgw::standin
