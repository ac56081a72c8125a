#include "net/tls_stream.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>

#include <cerrno>
#include <climits>

#include "common/error.hpp"
#include "net/fd_wait.hpp"
#include "net/openssl_errors.hpp"
#include "net/socket_bio.hpp"
#include "net/tls_context.hpp"
#include "net/tls_peer_checks.hpp"

namespace pgw::net {
namespace {

constexpr const char* kServerClosed = "server closed the connection unexpectedly";

int clamp_len(std::size_t n) {
  return n > INT_MAX ? INT_MAX : static_cast<int>(n);
}

class TlsStream final : public Stream {
 public:
  explicit TlsStream(std::unique_ptr<TcpStream> tcp) : tcp_(std::move(tcp)) {
    bio_state_.fd = tcp_->fd();
  }
  TlsStream(const TlsStream&) = delete;  // the BIO points at bio_state_
  TlsStream& operator=(const TlsStream&) = delete;

  void handshake(const ClientTlsContext& context, const TlsOptions& opts, const std::string& host,
                 Clock::time_point deadline);

  std::size_t read_some(std::span<std::byte> buf, Clock::time_point deadline) override {
    SSL* ssl = open_ssl();
    if (buf.empty()) return 0;
    const int n = drive([&] { return SSL_read(ssl, buf.data(), clamp_len(buf.size())); }, deadline,
                        Phase::Read);
    return static_cast<std::size_t>(n);
  }

  void write_all(std::span<const std::byte> data, Clock::time_point deadline) override {
    SSL* ssl = open_ssl();
    while (!data.empty()) {
      const int n = drive([&] { return SSL_write(ssl, data.data(), clamp_len(data.size())); },
                          deadline, Phase::Write);
      data = data.subspan(static_cast<std::size_t>(n));
    }
  }

  bool readable_now() override {
    if (!ssl_) return true;  // read_some would throw at once
    if (SSL_pending(ssl_.get()) > 0) return true;
    // A readable socket may hold only part of a record or a post-handshake message (TLS 1.3
    // session tickets) that yields no application data, so ask OpenSSL without blocking.
    ERR_clear_error();
    char byte;
    const int r = SSL_peek(ssl_.get(), &byte, 1);
    if (r > 0) return true;
    const int err = SSL_get_error(ssl_.get(), r);
    ERR_clear_error();
    return err != SSL_ERROR_WANT_READ && err != SSL_ERROR_WANT_WRITE;
  }

  bool is_tls() const override { return true; }
  std::vector<std::byte> tls_server_end_point() const override { return end_point_; }

  // No close_notify: closing must never block on a dead server.
  void close() override {
    ssl_.reset();
    tcp_->close();
  }

 private:
  enum class Phase { Handshake, Read, Write };

  SSL* open_ssl() const {
    if (!ssl_) throw DriverError("08S01", "connection to server lost: the connection is closed");
    return ssl_.get();
  }

  // Repeats op until it makes progress, polling the socket whenever OpenSSL needs to read or
  // write first (renegotiation-free TLS can still need a write during a read and vice versa).
  template <class Op>
  int drive(Op op, Clock::time_point deadline, Phase phase) {
    for (;;) {
      ERR_clear_error();
      bio_state_.last_errno = 0;
      const int r = op();
      if (r > 0) return r;
      const int err = SSL_get_error(ssl_.get(), r);
      short events = 0;
      if (err == SSL_ERROR_WANT_READ) {
        events = POLLIN;
      } else if (err == SSL_ERROR_WANT_WRITE) {
        events = POLLOUT;
      } else {
        throw_failure(err, phase);
      }
      if (!wait_for_fd(bio_state_.fd, events, deadline)) {
        const char* what = phase == Phase::Handshake ? "during the SSL handshake with "
                           : phase == Phase::Read    ? "while reading from "
                                                     : "while writing to ";
        throw DriverError("HYT00",
                          std::string("timeout expired ") + what +
                              (phase == Phase::Handshake ? tcp_->endpoint() : "the server"));
      }
    }
  }

  [[noreturn]] void throw_failure(int err, Phase phase) {
    const bool closed = bio_state_.eof || err == SSL_ERROR_ZERO_RETURN;
    std::string reason;
    if (closed) {
      reason = kServerClosed;
    } else if (err == SSL_ERROR_SYSCALL) {
      reason = bio_state_.last_errno != 0 ? errno_text(bio_state_.last_errno)
                                          : "SSL SYSCALL error: EOF detected";
    } else if (err == SSL_ERROR_SSL) {
      reason = take_openssl_error();
      const long verify = SSL_get_verify_result(ssl_.get());
      if (phase == Phase::Handshake && verify != X509_V_OK) {
        reason += std::string(": ") + X509_verify_cert_error_string(verify);
      }
    } else {
      reason = "unrecognized SSL error code " + std::to_string(err);
    }
    ERR_clear_error();
    if (phase == Phase::Handshake) {
      throw DriverError("08001", "SSL handshake with " + tcp_->endpoint() + " failed: " + reason);
    }
    if (closed) throw DriverError("08S01", kServerClosed);
    throw DriverError("08S01", "connection to server lost: " + reason);
  }

  [[noreturn]] void fail_handshake(const std::string& message) {
    throw DriverError("08001", "SSL connection to " + tcp_->endpoint() + " failed: " + message);
  }

  std::unique_ptr<TcpStream> tcp_;
  SocketBioState bio_state_;  // declared before ssl_ so that the BIO never outlives it
  SslPtr ssl_;
  std::vector<std::byte> end_point_;
};

void TlsStream::handshake(const ClientTlsContext& context, const TlsOptions& opts,
                          const std::string& host, Clock::time_point deadline) {
  ssl_.reset(SSL_new(context.ctx.get()));
  if (!ssl_) fail_handshake("could not create SSL object: " + take_openssl_error());
  BioPtr bio = make_socket_bio(bio_state_);
  SSL_set_bio(ssl_.get(), bio.get(), bio.get());  // one reference, now owned by ssl_
  static_cast<void>(bio.release());

  // RFC 6066 forbids IP literals as SNI; a Unix-socket directory is no host name either.
  if (opts.sni && !host.empty() && host.front() != '/' && !is_ip_literal(host) &&
      SSL_set_tlsext_host_name(ssl_.get(), host.c_str()) != 1) {
    fail_handshake("could not set SSL Server Name Indication (SNI): " + take_openssl_error());
  }
  SSL_set_connect_state(ssl_.get());
  drive([&] { return SSL_do_handshake(ssl_.get()); }, deadline, Phase::Handshake);

  X509* peer = SSL_get0_peer_certificate(ssl_.get());
  if (peer == nullptr) fail_handshake("the server did not present a certificate");
  if (context.verify_chain && SSL_get_verify_result(ssl_.get()) != X509_V_OK) {
    fail_handshake(std::string("certificate verify failed: ") +
                   X509_verify_cert_error_string(SSL_get_verify_result(ssl_.get())));
  }
  if (opts.mode == SslMode::VerifyFull) check_host_name(peer, host);
  end_point_ = tls_server_end_point_hash(peer);
}

}  // namespace

std::unique_ptr<Stream> start_tls(std::unique_ptr<TcpStream> tcp, const TlsOptions& opts,
                                  const std::string& host, Clock::time_point deadline) {
  if (!tcp || tcp->fd() < 0) {
    throw DriverError("08001", "SSL connection failed: the connection is closed");
  }
  const ClientTlsContext context = make_client_tls_context(opts);
  auto stream = std::make_unique<TlsStream>(std::move(tcp));
  stream->handshake(context, opts, host, deadline);
  return stream;
}

}  // namespace pgw::net
