#pragma once
// Checks on the server certificate after the handshake: the verify-full host name match and the
// RFC 5929 tls-server-end-point channel-binding hash.
#include <openssl/x509.h>

#include <cstddef>
#include <string>
#include <vector>

namespace pgw::net {

// True for IPv4/IPv6 literals (anything with ':' counts, as in libpq, so zone ids qualify too).
bool is_ip_literal(const std::string& host);

// Throws DriverError 08001 unless cert is issued for host. Names: dNSName SANs, with the subject
// CN consulted only when there is no dNSName SAN. IP literals: iPAddress SANs; when the
// certificate has no iPAddress SAN, the literal may also match a dNSName SAN or the CN textually
// (libpq's rule for certificates that predate iPAddress support).
void check_host_name(X509* cert, const std::string& host);

// RFC 5929 tls-server-end-point: hash of the DER certificate with the hash of its signature
// algorithm, SHA-256 when that is MD5 or SHA-1 or cannot be determined (e.g. Ed25519).
std::vector<std::byte> tls_server_end_point_hash(X509* cert);

}  // namespace pgw::net
