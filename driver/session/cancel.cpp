// CancelRequest over a separate connection.
#include "net/tcp_stream.hpp"
#include "net/tls_stream.hpp"
#include "session/session_impl.hpp"
#include "wire/frontend.hpp"

namespace pgw::session {

namespace {
constexpr std::chrono::seconds kCancelTimeout{10};
}

void Session::cancel(const CancelTarget& target) {
  try {
    const auto deadline = Clock::now() + kCancelTimeout;
    auto tcp = net::connect_tcp(target.host.host, target.host.port, deadline);
    std::unique_ptr<net::Stream> stream;
    const net::SslMode mode = tcp->is_unix_socket() ? net::SslMode::Disable : target.tls.mode;
    if (mode == net::SslMode::Disable || mode == net::SslMode::Allow) {
      stream = std::move(tcp);
    } else {
      wire::Buffer req;
      wire::encode(req, wire::SSLRequest{});
      tcp->write_all(req, deadline);
      std::byte answer{};
      tcp->read_some(std::span(&answer, 1), deadline);
      if (answer == std::byte{'S'}) {
        stream = net::start_tls(std::move(tcp), target.tls, target.host.host, deadline);
      } else if (answer == std::byte{'N'} && mode == net::SslMode::Prefer) {
        stream = std::move(tcp);
      } else {
        return;
      }
    }
    wire::Buffer msg;
    wire::encode(msg, wire::CancelRequest{target.process_id, target.secret_key});
    stream->write_all(msg, deadline);
    // The server closes the connection once it has acted on the request; waiting for that makes
    // a cancel issued just before the next statement reach the server first.
    std::byte sink[64];
    for (;;) stream->read_some(sink, deadline);
  } catch (...) {
    // Best effort by contract: EOF (the expected end), timeouts and refusals are all ignored.
  }
}

}  // namespace pgw::session
