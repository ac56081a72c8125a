#pragma once
// Helpers shared by the net_* tests: local listeners, reading exactly n bytes, error capture.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "common/error.hpp"
#include "net/stream.hpp"
#include "net/unique_fd.hpp"

namespace pgw::net::testing {

// A listening socket on 127.0.0.1 with an ephemeral port. Connections complete in the kernel
// backlog even if nobody calls accept().
struct Listener {
  UniqueFd fd;
  std::uint16_t port = 0;
};

inline Listener listen_local(int backlog = 16) {
  Listener l;
  l.fd = UniqueFd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (!l.fd.valid() || ::bind(l.fd.get(), reinterpret_cast<sockaddr*>(&addr), len) != 0 ||
      ::listen(l.fd.get(), backlog) != 0 ||
      ::getsockname(l.fd.get(), reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ADD_FAILURE() << "cannot listen: " << std::strerror(errno);
    return l;
  }
  l.port = ntohs(addr.sin_port);
  return l;
}

// Accepts one blocking connection, giving up after 10 s so a broken test cannot hang the suite;
// its reads and writes time out after 10 s for the same reason.
inline UniqueFd accept_one(int listen_fd) {
  pollfd p{listen_fd, POLLIN, 0};
  if (::poll(&p, 1, 10000) != 1) return UniqueFd();
  UniqueFd fd(::accept4(listen_fd, nullptr, nullptr, SOCK_CLOEXEC));
  timeval tv{10, 0};
  ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  return fd;
}

inline std::span<const std::byte> bytes(std::string_view s) {
  return std::as_bytes(std::span<const char>(s.data(), s.size()));
}

inline std::string read_exactly(Stream& s, std::size_t n, Clock::time_point deadline) {
  std::string out(n, '\0');
  std::size_t got = 0;
  while (got < n) {
    got +=
        s.read_some(std::as_writable_bytes(std::span<char>(out.data() + got, n - got)), deadline);
  }
  return out;
}

// "SQLSTATE: message" of the DriverError fn throws, or "no error".
template <class Fn>
std::string error_of(Fn fn) {
  try {
    fn();
  } catch (const DriverError& e) {
    return e.sqlstate() + ": " + e.what();
  }
  return "no error";
}

inline Clock::time_point in(std::chrono::milliseconds ms) {
  return Clock::now() + ms;
}

}  // namespace pgw::net::testing
