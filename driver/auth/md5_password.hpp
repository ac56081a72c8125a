#pragma once
// PostgreSQL's MD5 password response (AuthenticationMD5Password).
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

namespace pgw::auth {

// "md5" + hex(md5(hex(md5(password + user)) + salt)). Throws DriverError 28000 if the OpenSSL
// configuration does not provide MD5 (FIPS mode).
std::string md5_password(std::string_view user, std::string_view password,
                         std::span<const std::byte, 4> salt);

}  // namespace pgw::auth
