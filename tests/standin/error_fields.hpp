#pragma once
// ErrorResponse/NoticeResponse bodies as the ordered list of fields the server sent.
//
// Addition to the wire codec for the stand-in: wire::parse_error_fields keeps only the fields it
// knows and not their order, and wire::server::error_fields writes PostgreSQL's order (with 'V').
// The stand-in must relay unknown fields untouched and write CrateDB's order (S M C F R L W).
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "wire/buffer.hpp"

namespace pgw::standin {

struct RawField {
  char code = 0;
  std::string value;
};

// Throws DriverError 08P01 on a malformed body.
std::vector<RawField> parse_raw_fields(std::span<const std::byte> body);
// Writes a message of `type` ('E' or 'N') with the fields in the given order.
void encode_raw_fields(wire::Buffer& out, char type, std::span<const RawField> fields);
// The value of the first field with `code`, "" if absent.
std::string_view field_value(std::span<const RawField> fields, char code);

}  // namespace pgw::standin
