#pragma once
// bytea and uuid text forms.
#include <optional>
#include <string>
#include <string_view>

#include "odbc/odbc_headers.hpp"

namespace pgw::convert {

// The bytes of a bytea value in either output format: hex ("\x48656c6c6f") or escape
// ("Hel\\154o\000"). Throws DriverError 22018 on malformed text.
std::string decode_bytea(std::string_view text);
// Lower-case hex digits of `bytes` (the ODBC binary -> character conversion).
std::string hex_encode(std::string_view bytes);
// bytea input text for bytes: "\x" followed by hex digits.
std::string bytea_literal(std::string_view bytes);

// "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", optionally in braces; nullopt when malformed.
std::optional<SQLGUID> parse_guid(std::string_view text);
std::string format_guid(const SQLGUID& g);

}  // namespace pgw::convert
