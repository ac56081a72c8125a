#pragma once
// Plain socket stream (TCP or Unix-domain) and connecting to a server.
#include <cstdint>
#include <memory>
#include <string>

#include "net/stream.hpp"
#include "net/unique_fd.hpp"

namespace pgw::net {

class TcpStream : public Stream {
 public:
  // fd must be a connected, non-blocking socket. endpoint names the peer in messages.
  TcpStream(UniqueFd fd, std::string endpoint, bool unix_socket);

  std::size_t read_some(std::span<std::byte> buf, Clock::time_point deadline) override;
  void write_all(std::span<const std::byte> data, Clock::time_point deadline) override;
  bool readable_now() override;
  bool is_tls() const override { return false; }
  void close() override { fd_.reset(); }

  // -1 once closed.
  int fd() const noexcept { return fd_.get(); }
  // "host:port" ("[v6]:port") or the Unix socket path; for diagnostics.
  const std::string& endpoint() const noexcept { return endpoint_; }
  bool is_unix_socket() const noexcept { return unix_socket_; }

 private:
  int open_fd() const;

  UniqueFd fd_;
  std::string endpoint_;
  bool unix_socket_;
};

// Connects to host:port before deadline. host is a name, an IPv4/IPv6 literal, or (starting with
// '/') a directory holding the Unix socket .s.PGSQL.<port>. Every resolved address is tried in
// turn. TCP sockets get TCP_NODELAY and SO_KEEPALIVE. Throws DriverError 08001 (resolution or
// connection failure, naming host:port and the reason) or HYT00 (deadline passed).
// Name resolution itself (getaddrinfo) cannot be interrupted by the deadline.
std::unique_ptr<TcpStream> connect_tcp(const std::string& host, std::uint16_t port,
                                       Clock::time_point deadline);

}  // namespace pgw::net
