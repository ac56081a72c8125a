#pragma once
#include <string>

namespace pgw::net {

// libpq's sslmode semantics.
enum class SslMode { Disable, Allow, Prefer, Require, VerifyCa, VerifyFull };

struct TlsOptions {
  SslMode mode = SslMode::Prefer;
  std::string root_cert;  // file path; "system" = the OS trust store; empty =
                          // ~/.postgresql/root.crt if present
  std::string cert;       // client certificate (PEM)
  std::string key;        // client private key (PEM)
  std::string key_password;
  std::string crl;  // CRL file
  bool sni = true;  // send the host name as SNI (never for IP literals)
};

}  // namespace pgw::net
