#pragma once
// A one-connection loopback server for session tests: the test thread runs the Session, a second
// thread plays a script of backend messages built with the server-side codec.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>

#include "wire/backend_encode.hpp"
#include "wire/framer.hpp"
#include "wire/frontend_decode.hpp"

namespace pgw::testing {

class ScriptServer {
 public:
  using Script = std::function<void(ScriptServer&)>;

  explicit ScriptServer(Script script) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::listen(listen_fd_, 4) != 0 ||
        ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      throw std::runtime_error("cannot listen on loopback");
    port_ = ntohs(a.sin_port);
    thread_ = std::thread([this, script = std::move(script)] {
      try {
        pollfd p{listen_fd_, POLLIN, 0};
        if (::poll(&p, 1, 10000) != 1) return;
        fd_ = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        script(*this);
      } catch (const std::exception& e) {
        error_ = e.what();
      }
      if (fd_ >= 0) ::close(fd_);
      fd_ = -1;
    });
  }
  ~ScriptServer() {
    if (thread_.joinable()) thread_.join();
    ::close(listen_fd_);
  }
  std::uint16_t port() const { return port_; }
  // Waits for the script to end; returns what went wrong in it, "" if nothing.
  std::string finish() {
    if (thread_.joinable()) thread_.join();
    return error_;
  }

  // --- for scripts ---
  template <typename F>
  auto read_until(F try_parse) {
    for (;;) {
      if (auto f = try_parse()) return *f;
      std::byte buf[4096];
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, 10000) != 1) throw std::runtime_error("script server: client sent nothing");
      const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) throw std::runtime_error("script server: client closed");
      in_.insert(in_.end(), buf, buf + n);
    }
  }
  void send(const wire::Buffer& b) { send_bytes(b.data(), b.size()); }
  void send_bytewise(const wire::Buffer& b) {
    for (std::byte x : b) send_bytes(&x, 1);
  }
  // Reads the startup packet and answers AuthenticationOk, a few ParameterStatus, BackendKeyData
  // and ReadyForQuery.
  void accept_startup() {
    accept_startup_only();
    wire::Buffer b;
    wire::server::authentication_ok(b);
    wire::server::parameter_status(b, "server_version", "15.0");
    wire::server::parameter_status(b, "client_encoding", "UTF8");
    wire::server::backend_key_data(b, 42, 4242);
    wire::server::ready_for_query(b, 'I');
    send(b);
  }
  // Reads an SSLRequest and refuses it with 'N'.
  void refuse_ssl() {
    auto f = read_until([this] { return wire::server::next_startup_frame(in_, 1 << 20); });
    if (f.code != wire::kSslRequestCode) throw std::runtime_error("expected SSLRequest");
    in_.erase(in_.begin(), in_.begin() + static_cast<std::ptrdiff_t>(f.total_size));
    wire::Buffer b;
    wire::server::ssl_response(b, false);
    send(b);
  }
  // Reads the startup packet without answering it.
  void accept_startup_only() {
    auto f = read_until([this] { return wire::server::next_startup_frame(in_, 1 << 20); });
    if (f.code != wire::kProtocol30) throw std::runtime_error("expected StartupMessage");
    startup_params_.clear();
    for (auto [k, v] : wire::server::parse_startup_params(f.body))
      startup_params_.emplace_back(k, v);
    in_.erase(in_.begin(), in_.begin() + static_cast<std::ptrdiff_t>(f.total_size));
  }
  // Reads one typed frontend message; returns its type and body.
  std::pair<char, std::string> read_message() {
    auto f = read_until([this] { return wire::next_frame(in_, 1 << 20); });
    std::pair<char, std::string> out{
        f.type, std::string(reinterpret_cast<const char*>(f.body.data()), f.body.size())};
    in_.erase(in_.begin(), in_.begin() + static_cast<std::ptrdiff_t>(f.total_size));
    return out;
  }
  void close_connection() {
    ::close(fd_);
    fd_ = -1;
  }
  const std::vector<std::pair<std::string, std::string>>& startup_params() const {
    return startup_params_;
  }

 private:
  void send_bytes(const std::byte* p, std::size_t n) {
    while (n > 0) {
      const ssize_t w = ::send(fd_, p, n, MSG_NOSIGNAL);
      if (w <= 0) throw std::runtime_error("script server: send failed");
      p += w;
      n -= static_cast<std::size_t>(w);
    }
  }

  int listen_fd_ = -1;
  int fd_ = -1;
  std::uint16_t port_ = 0;
  std::thread thread_;
  std::string error_;
  wire::Buffer in_;
  std::vector<std::pair<std::string, std::string>> startup_params_;
};

}  // namespace pgw::testing
