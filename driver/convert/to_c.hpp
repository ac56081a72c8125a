#pragma once
// Column values (text format) into application buffers of a SQL_C_* type: one converter per
// (family, C type), looked up in a table. Conversions ODBC does not define throw 07006.
//
// Character and binary targets are served in pieces (SQLGetData): the value is rendered once (a
// slice of the column text where possible, else converted bytes) and write_piece() copies the part
// from an offset on. Fixed-size targets take the whole value at once.
#include <cstddef>
#include <string>
#include <string_view>

#include "convert/family.hpp"
#include "odbc/odbc_headers.hpp"

namespace pgw::convert {

inline constexpr SQLSMALLINT kDefaultNumericPrecision = 38;  // what 128 bits always hold

// An application buffer.
struct Target {
  SQLSMALLINT c_type = SQL_C_CHAR;  // canonical (canonical_c_type)
  void* data = nullptr;
  SQLLEN capacity = 0;  // BufferLength in bytes; read for character and binary targets only
  SQLSMALLINT precision = kDefaultNumericPrecision;  // SQL_C_NUMERIC
  SQLSMALLINT scale = 0;                             // SQL_C_NUMERIC
};

enum class Outcome : unsigned char {
  Ok,
  Truncated,   // 01004: character or binary data did not fit
  Fractional,  // 01S07: fractional digits or a time portion were dropped
};

struct Written {
  SQLLEN length = 0;  // for the length/indicator: bytes available from the piece's start
  Outcome outcome = Outcome::Ok;
};

// A value rendered for a character or binary target.
struct Rendering {
  bool owned = false;
  std::string storage;              // the bytes, when they had to be produced
  std::size_t begin = 0, size = 0;  // otherwise the slice [begin, begin + size) of the column text

  std::string_view bytes(std::string_view text) const {
    return owned ? std::string_view(storage) : text.substr(begin, size);
  }
};

// Whether ODBC defines the conversion (false: 07006).
bool convertible(Family family, SQLSMALLINT c_type);

// For SQL_C_CHAR / SQL_C_WCHAR / SQL_C_BINARY targets.
void render(Family family, SQLSMALLINT c_type, std::string_view text, Rendering& out);
// Copies bytes[offset..] into the target (plus its terminator when there is room); `consumed` is
// how far the next piece starts.
struct Piece {
  Written written;
  std::size_t consumed = 0;
};
Piece write_piece(std::string_view bytes, std::size_t offset, const Target& target);

// For fixed-size targets. Throws 22003 (out of range), 22018 (not a number / date), 22007.
Written write_fixed(Family family, std::string_view text, const Target& target);

// A whole value into any target (SQLFetch into bound columns).
Written convert_value(Family family, std::string_view text, const Target& target);

}  // namespace pgw::convert
