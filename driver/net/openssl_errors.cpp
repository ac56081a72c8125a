#include "net/openssl_errors.hpp"

#include <openssl/err.h>

namespace pgw::net {

std::string take_openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "no SSL error reported";
  if (const char* reason = ERR_reason_error_string(code)) return reason;
  return "SSL error code " + std::to_string(code);
}

}  // namespace pgw::net
