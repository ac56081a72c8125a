#pragma once
// An OpenSSL BIO over our non-blocking socket. OpenSSL's own socket BIO writes with write(), which
// raises SIGPIPE in the host application when the server has gone; ours sends with MSG_NOSIGNAL
// and records why I/O stopped so the TLS stream can report it.
#include "net/openssl_handles.hpp"

namespace pgw::net {

struct SocketBioState {
  int fd = -1;
  int last_errno = 0;  // errno of the last failed send/recv other than EAGAIN
  bool eof = false;    // recv returned 0: the peer closed the TCP connection
};

// The BIO refers to state without owning it; state must outlive the BIO.
BioPtr make_socket_bio(SocketBioState& state);

}  // namespace pgw::net
