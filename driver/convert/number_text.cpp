#include "convert/number_text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace pgw::convert {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

constexpr int kMaxExponent = 100000;  // beyond any type's range; keeps the arithmetic bounded

}  // namespace

std::optional<Decimal> parse_decimal(std::string_view text) {
  std::string_view s = trim(text);
  Decimal d;
  if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
    d.negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (iequals(s, "nan")) {
    if (d.negative) return std::nullopt;
    d.kind = Decimal::Kind::NaN;
    return d;
  }
  if (iequals(s, "infinity") || iequals(s, "inf")) {
    d.kind = d.negative ? Decimal::Kind::NegativeInfinity : Decimal::Kind::PositiveInfinity;
    return d;
  }
  std::string digits;
  int exponent = 0;
  bool any_digit = false;
  std::size_t i = 0;
  for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
    any_digit = true;
    if (!digits.empty() || s[i] != '0') digits.push_back(s[i]);
  }
  if (i < s.size() && s[i] == '.') {
    for (++i; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i) {
      any_digit = true;
      if (!digits.empty() || s[i] != '0') digits.push_back(s[i]);
      --exponent;
    }
  }
  if (!any_digit) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    bool negative_exponent = false;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative_exponent = s[i++] == '-';
    if (i == s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    int e = 0;
    for (; i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])); ++i)
      e = std::min(e * 10 + (s[i] - '0'), kMaxExponent);
    exponent += negative_exponent ? -e : e;
  }
  if (i != s.size()) return std::nullopt;
  // Trailing zeros move into the exponent so that `digits` is minimal.
  while (!digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++exponent;
  }
  if (digits.empty()) exponent = 0;
  d.digits = std::move(digits);
  d.exponent = std::clamp(exponent, -kMaxExponent, kMaxExponent);
  return d;
}

std::optional<Decimal> parse_money(std::string_view text) {
  std::string cleaned;
  bool negative = false;
  for (char c : trim(text)) {
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.')
      cleaned.push_back(c);
    else if (c == '-' || c == '(')
      negative = true;
    // Anything else is a currency symbol, a group separator or the closing parenthesis.
  }
  auto d = parse_decimal(cleaned);
  if (d && !d->digits.empty()) d->negative = negative;
  return d;
}

bool integral_part(const Decimal& d, __int128& value, bool& fractional) {
  fractional = false;
  value = 0;
  if (d.kind != Decimal::Kind::Finite) return false;
  const int size = int(d.digits.size());
  const int integral_digits = size + d.exponent;
  if (integral_digits > 38) return false;
  __int128 v = 0;
  for (int k = 0; k < integral_digits; ++k) v = v * 10 + (k < size ? d.digits[k] - '0' : 0);
  fractional = integral_digits < size;  // digits are minimal: any dropped digit is non-zero
  value = d.negative ? -v : v;
  return true;
}

bool scaled_magnitude(const Decimal& d, int scale, unsigned __int128& magnitude, bool& fractional) {
  fractional = false;
  magnitude = 0;
  if (d.kind != Decimal::Kind::Finite) return false;
  const int size = int(d.digits.size());
  const int kept = size + d.exponent + scale;  // digits left of the (scaled) point
  if (kept > 39) return false;
  const unsigned __int128 limit = ~static_cast<unsigned __int128>(0);
  unsigned __int128 v = 0;
  for (int k = 0; k < kept; ++k) {
    unsigned digit = k < size ? unsigned(d.digits[k] - '0') : 0;
    if (v > (limit - digit) / 10) return false;
    v = v * 10 + digit;
  }
  fractional = kept < size;
  magnitude = v;
  return true;
}

namespace {
template <class F>
bool to_floating(const Decimal& d, F& value) {
  switch (d.kind) {
    case Decimal::Kind::NaN:
      value = std::numeric_limits<F>::quiet_NaN();
      return true;
    case Decimal::Kind::PositiveInfinity:
      value = std::numeric_limits<F>::infinity();
      return true;
    case Decimal::Kind::NegativeInfinity:
      value = -std::numeric_limits<F>::infinity();
      return true;
    case Decimal::Kind::Finite:
      break;
  }
  if (d.digits.empty()) {
    value = d.negative ? -F(0) : F(0);
    return true;
  }
  std::string text = d.digits + "e" + std::to_string(d.exponent);
  F v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec == std::errc::result_out_of_range) {
    // Underflow rounds to zero; overflow is an error.
    if (int(d.digits.size()) + d.exponent > 0) return false;
    v = 0;
  } else if (ec != std::errc()) {
    return false;
  }
  value = d.negative ? -v : v;
  return true;
}
}  // namespace

bool to_double(const Decimal& d, double& value) {
  return to_floating(d, value);
}
bool to_float(const Decimal& d, float& value) {
  return to_floating(d, value);
}

std::string format_scaled(unsigned __int128 magnitude, bool negative, int scale) {
  std::string digits;
  do {
    digits.push_back(char('0' + unsigned(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  std::reverse(digits.begin(), digits.end());
  if (scale < 0) {
    if (digits != "0") digits.append(std::size_t(-scale), '0');
  } else if (scale > 0) {
    if (digits.size() <= std::size_t(scale))
      digits.insert(0, std::size_t(scale) + 1 - digits.size(), '0');
    digits.insert(digits.size() - std::size_t(scale), 1, '.');
  }
  bool zero = digits.find_first_not_of("0.") == std::string::npos;
  return negative && !zero ? "-" + digits : digits;
}

namespace {
template <class F>
std::string format_floating(F value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, end);
}
}  // namespace

std::string format_double(double value) {
  return format_floating(value);
}
std::string format_float(float value) {
  return format_floating(value);
}

}  // namespace pgw::convert
