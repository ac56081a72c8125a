#pragma once
// TLS over an already-connected socket (OpenSSL 3).
#include <memory>
#include <string>

#include "net/stream.hpp"
#include "net/tcp_stream.hpp"
#include "net/tls_options.hpp"

namespace pgw::net {

// Runs the client handshake on tcp, on which the caller has already sent SSLRequest and read 'S'
// (and nothing more). host is what the user asked for: it is sent as SNI (names only, when
// opts.sni) and, for verify-full, matched against the certificate. Throws DriverError 08001 when
// the context cannot be set up or the handshake/verification fails (OpenSSL's reason and the
// certificate verify result in the message), HYT00 when the deadline passes.
//
// sslmode rules (libpq's): require/prefer/allow encrypt without verifying, unless a root
// certificate is available (opts.root_cert, "system", or ~/.postgresql/root.crt), in which case
// the chain is verified as for verify-ca. verify-ca needs a root certificate and checks the
// chain; verify-full also checks the host name. TLS 1.2 is the minimum.
std::unique_ptr<Stream> start_tls(std::unique_ptr<TcpStream> tcp, const TlsOptions& opts,
                                  const std::string& host, Clock::time_point deadline);

}  // namespace pgw::net
