// connect_tcp(): name resolution and non-blocking connect with a deadline.
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "common/error.hpp"
#include "net/fd_wait.hpp"
#include "net/tcp_stream.hpp"

namespace pgw::net {
namespace {

struct AddrInfoDeleter {
  void operator()(addrinfo* ai) const noexcept { ::freeaddrinfo(ai); }
};
using AddrInfoPtr = std::unique_ptr<addrinfo, AddrInfoDeleter>;

std::string format_endpoint(const std::string& host, std::uint16_t port) {
  const bool v6_literal = host.find(':') != std::string::npos;
  return (v6_literal ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string numeric_address(const sockaddr* addr, socklen_t len) {
  char buf[NI_MAXHOST];
  if (::getnameinfo(addr, len, buf, sizeof buf, nullptr, 0, NI_NUMERICHOST) != 0) return "?";
  return buf;
}

// Outcome of one connect attempt: a connected socket, or the errno that stopped it.
struct Attempt {
  UniqueFd fd;
  int error = 0;
};

// Throws HYT00 when the deadline passes mid-connect; every other failure is returned so the
// caller can move on to the next address.
Attempt connect_one(int family, const sockaddr* addr, socklen_t len, Clock::time_point deadline,
                    const std::string& endpoint) {
  UniqueFd fd(::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return {UniqueFd(), errno};
  if (::connect(fd.get(), addr, len) == 0) return {std::move(fd), 0};
  // EINTR on a non-blocking connect means the attempt continues asynchronously, as EINPROGRESS.
  if (errno != EINPROGRESS && errno != EINTR) return {UniqueFd(), errno};
  if (!wait_for_fd(fd.get(), POLLOUT, deadline)) {
    throw DriverError("HYT00", "timeout expired while connecting to " + endpoint);
  }
  int so_error = 0;
  socklen_t so_len = sizeof so_error;
  if (::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &so_error, &so_len) != 0) so_error = errno;
  if (so_error != 0) return {UniqueFd(), so_error};
  return {std::move(fd), 0};
}

void set_tcp_options(int fd, const std::string& endpoint) {
  const int on = 1;
  if (::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0 ||
      ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on) != 0) {
    throw DriverError("08001",
                      "could not set socket options for " + endpoint + ": " + errno_text(errno));
  }
}

std::unique_ptr<TcpStream> connect_unix(const std::string& dir, std::uint16_t port,
                                        Clock::time_point deadline) {
  const std::string path = dir + "/.s.PGSQL." + std::to_string(port);
  sockaddr_un addr{};
  if (path.size() >= sizeof addr.sun_path) {
    throw DriverError("08001", "Unix-domain socket path \"" + path + "\" is too long (maximum " +
                                   std::to_string(sizeof addr.sun_path - 1) + " bytes)");
  }
  addr.sun_family = AF_UNIX;
  std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
  Attempt a =
      connect_one(AF_UNIX, reinterpret_cast<const sockaddr*>(&addr), sizeof addr, deadline, path);
  if (!a.fd.valid())
    throw DriverError("08001", "could not connect to " + path + ": " + errno_text(a.error));
  return std::make_unique<TcpStream>(std::move(a.fd), path, true);
}

}  // namespace

std::unique_ptr<TcpStream> connect_tcp(const std::string& host, std::uint16_t port,
                                       Clock::time_point deadline) {
  if (host.empty()) throw DriverError("08001", "could not connect: no host name given");
  if (host.front() == '/') return connect_unix(host, port, deadline);

  const std::string endpoint = format_endpoint(host, port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  addrinfo* raw = nullptr;
  const int gai = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &raw);
  AddrInfoPtr list(raw);
  if (gai != 0) {
    const std::string reason = gai == EAI_SYSTEM ? errno_text(errno) : ::gai_strerror(gai);
    throw DriverError("08001",
                      "could not translate host name \"" + host + "\" to address: " + reason);
  }

  // One entry per failed address; the address is shown only when it differs from what the user
  // typed (a name, or several addresses behind it).
  std::vector<std::string> failures;
  for (const addrinfo* ai = list.get(); ai != nullptr; ai = ai->ai_next) {
    Attempt a = connect_one(ai->ai_family, ai->ai_addr, ai->ai_addrlen, deadline, endpoint);
    if (a.fd.valid()) {
      set_tcp_options(a.fd.get(), endpoint);
      return std::make_unique<TcpStream>(std::move(a.fd), endpoint, false);
    }
    const std::string addr = numeric_address(ai->ai_addr, ai->ai_addrlen);
    failures.push_back(endpoint + (addr == host ? "" : " (" + addr + ")") + ": " +
                       errno_text(a.error));
  }
  std::string message = "could not connect to ";
  for (std::size_t i = 0; i < failures.size(); ++i) message += (i ? "; " : "") + failures[i];
  if (failures.empty()) message += endpoint + ": no addresses found";
  throw DriverError("08001", message);
}

}  // namespace pgw::net
