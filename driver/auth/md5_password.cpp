#include "auth/md5_password.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "common/error.hpp"

namespace pgw::auth {
namespace {

std::string md5_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &len, EVP_md5(), nullptr) != 1 || len != 16) {
    throw DriverError("28000",
                      "MD5 password authentication is not available in this OpenSSL configuration");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 15];
  }
  return out;
}

}  // namespace

std::string md5_password(std::string_view user, std::string_view password,
                         std::span<const std::byte, 4> salt) {
  std::string inner(password);
  inner += user;
  std::string outer = md5_hex(inner);
  OPENSSL_cleanse(inner.data(), inner.size());
  outer.append(reinterpret_cast<const char*>(salt.data()), salt.size());
  return "md5" + md5_hex(outer);
}

}  // namespace pgw::auth
