#pragma once
// Builds the client SSL_CTX for one connection from TlsOptions, following libpq's rules for which
// files are used and when the server certificate is verified.
#include "net/openssl_handles.hpp"
#include "net/tls_options.hpp"

namespace pgw::net {

struct ClientTlsContext {
  SslCtxPtr ctx;
  // True when the server's chain is checked against a root certificate during the handshake:
  // always for verify-ca/verify-full, and for the weaker modes whenever a root certificate is
  // available (libpq's rule: "require" with a root.crt behaves like verify-ca).
  bool verify_chain = false;
};

// Throws DriverError 08001 naming the offending file (missing root certificate in a verify mode,
// unreadable certificate or key, key with group/world access, wrong key password, ...).
ClientTlsContext make_client_tls_context(const TlsOptions& opts);

}  // namespace pgw::net
