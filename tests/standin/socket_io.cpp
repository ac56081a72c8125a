#include "socket_io.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pgw::standin {

namespace {

std::string errno_text(int e) {
  return std::strerror(e);
}

struct AddrInfo {
  addrinfo* list = nullptr;
  ~AddrInfo() {
    if (list) ::freeaddrinfo(list);
  }
};

void resolve(const std::string& host, std::uint16_t port, bool passive, AddrInfo& out) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV | (passive ? AI_PASSIVE : 0);
  const std::string service = std::to_string(port);
  const int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &out.list);
  if (rc != 0)
    throw ConnectionGone("cannot resolve " + host + ": " + std::string(::gai_strerror(rc)));
}

// Waits for `events` on fd; false when stop_fd fired or the deadline passed.
bool wait_for(int fd, short events, int stop_fd, Clock::time_point deadline) {
  for (;;) {
    pollfd p[2] = {{fd, events, 0}, {stop_fd, POLLIN, 0}};
    const int n = ::poll(p, stop_fd >= 0 ? 2 : 1, poll_timeout(deadline));
    if (n < 0) {
      if (errno == EINTR) continue;
      throw ConnectionGone("poll failed: " + errno_text(errno));
    }
    if (n == 0) return false;
    if (stop_fd >= 0 && p[1].revents != 0) return false;
    if (p[0].revents != 0) return true;
  }
}

}  // namespace

void Fd::reset(int fd) {
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

int poll_timeout(Clock::time_point deadline) {
  if (deadline == kNoDeadline) return -1;
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return 0;
  return left > 86'400'000 ? 86'400'000 : static_cast<int>(left);
}

Fd listen_tcp(const std::string& host, std::uint16_t port, std::uint16_t& bound) {
  AddrInfo ai;
  resolve(host, port, true, ai);
  std::string last = "no address";
  for (addrinfo* a = ai.list; a != nullptr; a = a->ai_next) {
    Fd fd(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol));
    if (!fd) {
      last = errno_text(errno);
      continue;
    }
    const int one = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd.get(), a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd.get(), 64) != 0) {
      last = errno_text(errno);
      continue;
    }
    sockaddr_storage ss{};
    socklen_t len = sizeof ss;
    ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&ss), &len);
    bound = ntohs(ss.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&ss)->sin6_port
                                           : reinterpret_cast<sockaddr_in*>(&ss)->sin_port);
    return fd;
  }
  throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " + last);
}

Fd connect_tcp(const std::string& host, std::uint16_t port, Clock::time_point deadline) {
  AddrInfo ai;
  resolve(host, port, false, ai);
  std::string last = "no address";
  for (addrinfo* a = ai.list; a != nullptr; a = a->ai_next) {
    Fd fd(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, a->ai_protocol));
    if (!fd) {
      last = errno_text(errno);
      continue;
    }
    if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        last = errno_text(errno);
        continue;
      }
      if (!wait_for(fd.get(), POLLOUT, -1, deadline)) {
        last = "timed out";
        continue;
      }
      int err = 0;
      socklen_t len = sizeof err;
      ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0) {
        last = errno_text(err);
        continue;
      }
    }
    const int one = 1;
    ::setsockopt(fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
  }
  throw ConnectionGone("cannot connect to " + host + ":" + std::to_string(port) + ": " + last);
}

std::size_t read_some(int fd, std::span<std::byte> buf, int stop_fd, Clock::time_point deadline) {
  for (;;) {
    if (!wait_for(fd, POLLIN, stop_fd, deadline)) throw ConnectionGone("stopped or timed out");
    const ssize_t n = ::recv(fd, buf.data(), buf.size(), MSG_DONTWAIT);
    if (n > 0) return static_cast<std::size_t>(n);
    if (n == 0) throw ConnectionGone("peer closed the connection");
    if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) continue;
    throw ConnectionGone("read failed: " + errno_text(errno));
  }
}

void write_all(int fd, std::span<const std::byte> data, int stop_fd, Clock::time_point deadline) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n > 0) {
      data = data.subspan(static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
      if (!wait_for(fd, POLLOUT, stop_fd, deadline)) throw ConnectionGone("stopped or timed out");
      continue;
    }
    throw ConnectionGone("write failed: " + errno_text(errno));
  }
}

void send_and_close(Fd& fd, std::span<const std::byte> data) {
  if (!fd) return;
  try {
    write_all(fd.get(), data, -1, Clock::now() + std::chrono::seconds(5));
  } catch (const ConnectionGone&) {
  }
  // Half-close, then wait (briefly) for the client to close: closing with unread input would send
  // a reset, which can destroy the message before the client has read it.
  ::shutdown(fd.get(), SHUT_WR);
  const auto deadline = Clock::now() + std::chrono::seconds(2);
  std::byte sink[512];
  try {
    for (;;) read_some(fd.get(), sink, -1, deadline);
  } catch (const ConnectionGone&) {
  }
  fd.reset();
}

}  // namespace pgw::standin
