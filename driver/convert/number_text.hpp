#pragma once
// Decimal numbers as text: what the server sends for numeric, integer, float and money columns and
// what applications put in character buffers, read exactly (no binary floating point in between),
// and written back for parameters.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "odbc/odbc_headers.hpp"

namespace pgw::convert {

struct Decimal {
  enum class Kind : std::uint8_t { Finite, NaN, PositiveInfinity, NegativeInfinity };
  Kind kind = Kind::Finite;
  bool negative = false;
  std::string digits;  // significant digits without leading zeros; empty means zero
  int exponent = 0;    // value = digits x 10^exponent

  bool is_zero() const { return kind == Kind::Finite && digits.empty(); }
};

// "  -12.5e3 ", "NaN", "Infinity", "-inf": surrounding whitespace allowed; nullopt when not a
// number.
std::optional<Decimal> parse_decimal(std::string_view text);
// A money value as PostgreSQL prints it ("$1,234.56", "-$0.50", "($3.00)"): the currency symbol and
// group separators are dropped; '.' is the decimal point.
std::optional<Decimal> parse_money(std::string_view text);

// The integral part as a 128-bit integer; false when it does not fit. `fractional` says whether
// non-zero digits were dropped.
bool integral_part(const Decimal& d, __int128& value, bool& fractional);
// value x 10^scale truncated toward zero as an unsigned 128-bit magnitude (SQL_NUMERIC_STRUCT).
bool scaled_magnitude(const Decimal& d, int scale, unsigned __int128& magnitude, bool& fractional);
// The nearest double; false on overflow. NaN and the infinities convert to themselves.
bool to_double(const Decimal& d, double& value);
// The nearest float (rounded once, from the decimal digits); false on overflow.
bool to_float(const Decimal& d, float& value);

// Plain decimal text of a 128-bit magnitude with `scale` digits after the point ("-12.50").
std::string format_scaled(unsigned __int128 magnitude, bool negative, int scale);
// Shortest text that reads back as the same double; "NaN", "Infinity", "-Infinity".
std::string format_double(double value);
std::string format_float(float value);

}  // namespace pgw::convert
