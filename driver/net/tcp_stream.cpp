#include "net/tcp_stream.hpp"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>

#include "common/error.hpp"
#include "net/fd_wait.hpp"

namespace pgw::net {
namespace {

// Bounded per call so one huge send() cannot overrun the deadline copying data the socket
// buffer has no room for.
constexpr std::size_t kMaxSend = std::size_t{1} << 20;

[[noreturn]] void throw_lost(int err) {
  throw DriverError("08S01", "connection to server lost: " + errno_text(err));
}

}  // namespace

TcpStream::TcpStream(UniqueFd fd, std::string endpoint, bool unix_socket)
    : fd_(std::move(fd)), endpoint_(std::move(endpoint)), unix_socket_(unix_socket) {}

int TcpStream::open_fd() const {
  if (!fd_.valid())
    throw DriverError("08S01", "connection to server lost: the connection is closed");
  return fd_.get();
}

std::size_t TcpStream::read_some(std::span<std::byte> buf, Clock::time_point deadline) {
  const int fd = open_fd();
  if (buf.empty()) return 0;
  for (;;) {
    const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
    if (n > 0) return static_cast<std::size_t>(n);
    if (n == 0) throw DriverError("08S01", "server closed the connection unexpectedly");
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) throw_lost(errno);
    if (!wait_for_fd(fd, POLLIN, deadline)) {
      throw DriverError("HYT00", "timeout expired while reading from the server");
    }
  }
}

void TcpStream::write_all(std::span<const std::byte> data, Clock::time_point deadline) {
  const int fd = open_fd();
  while (!data.empty()) {
    // MSG_NOSIGNAL: a peer that went away must give EPIPE here, not kill the host application.
    const ssize_t n = ::send(fd, data.data(), std::min(data.size(), kMaxSend), MSG_NOSIGNAL);
    if (n >= 0) {
      data = data.subspan(static_cast<std::size_t>(n));
      continue;
    }
    if (errno == EINTR) continue;
    if (errno != EAGAIN && errno != EWOULDBLOCK) throw_lost(errno);
    if (!wait_for_fd(fd, POLLOUT, deadline)) {
      throw DriverError("HYT00", "timeout expired while writing to the server");
    }
  }
}

bool TcpStream::readable_now() {
  if (!fd_.valid()) return true;  // read_some would throw at once
  pollfd p{fd_.get(), POLLIN, 0};
  int rc;
  do {
    rc = ::poll(&p, 1, 0);
  } while (rc < 0 && errno == EINTR);
  // Errors and hang-ups count: read_some returns (by throwing) without blocking.
  return rc != 0;
}

}  // namespace pgw::net
