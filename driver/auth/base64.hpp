#pragma once
// Standard base64 (RFC 4648, with '=' padding) as SCRAM uses it.
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace pgw::auth {

std::string base64_encode(std::span<const std::byte> data);
std::string base64_encode(std::string_view data);

// Strict: only the canonical encoding is accepted (length a multiple of 4, padding only at the
// end, unused trailing bits zero, no whitespace). nullopt otherwise.
std::optional<std::vector<std::byte>> base64_decode(std::string_view text);

}  // namespace pgw::auth
