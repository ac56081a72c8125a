#include "auth/saslprep.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace pgw::auth {
namespace {

struct Range {
  char32_t first, last;
};

// RFC 3454 C.1.2.
constexpr Range kNonAsciiSpace[] = {{0x00A0, 0x00A0}, {0x1680, 0x1680}, {0x2000, 0x200B},
                                    {0x202F, 0x202F}, {0x205F, 0x205F}, {0x3000, 0x3000}};
// RFC 3454 B.1.
constexpr Range kMappedToNothing[] = {{0x00AD, 0x00AD}, {0x034F, 0x034F}, {0x1806, 0x1806},
                                      {0x180B, 0x180D}, {0x200B, 0x200D}, {0x2060, 0x2060},
                                      {0xFE00, 0xFE0F}, {0xFEFF, 0xFEFF}};
// RFC 3454 C.2.1, C.2.2, C.3, C.5, C.6, C.7, C.8, C.9 (C.4 non-characters are tested apart).
constexpr Range kProhibited[] = {{0x0000, 0x001F},   {0x007F, 0x009F},   {0x0340, 0x0341},
                                 {0x06DD, 0x06DD},   {0x070F, 0x070F},   {0x180E, 0x180E},
                                 {0x200C, 0x200F},   {0x2028, 0x202E},   {0x2060, 0x2063},
                                 {0x206A, 0x206F},   {0x2FF0, 0x2FFB},   {0xD800, 0xDFFF},
                                 {0xE000, 0xF8FF},   {0xFDD0, 0xFDEF},   {0xFEFF, 0xFEFF},
                                 {0xFFF9, 0xFFFD},   {0x1D173, 0x1D17A}, {0xE0001, 0xE0001},
                                 {0xE0020, 0xE007F}, {0xF0000, 0xFFFFD}, {0x100000, 0x10FFFD}};

template <std::size_t N>
bool in(const Range (&table)[N], char32_t c) {
  return std::any_of(std::begin(table), std::end(table),
                     [c](const Range& r) { return c >= r.first && c <= r.last; });
}

bool prohibited(char32_t c) {
  const bool non_character = (c & 0xFFFE) == 0xFFFE;  // C.4: U+nFFFE and U+nFFFF in every plane
  return non_character || in(kProhibited, c);
}

// Decodes one UTF-8 sequence at s[i], advancing i; nullopt for anything not well-formed
// (overlong forms, surrogates, values above U+10FFFF, truncation).
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b0 = byte(i);
  std::size_t len;
  char32_t c;
  if (b0 < 0x80) {
    ++i;
    return b0;
  } else if ((b0 & 0xE0) == 0xC0) {
    len = 2, c = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, c = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, c = b0 & 0x07;
  } else {
    return std::nullopt;
  }
  if (i + len > s.size()) return std::nullopt;
  for (std::size_t k = 1; k < len; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
    c = c << 6 | (byte(i + k) & 0x3F);
  }
  constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < kMin[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return std::nullopt;
  i += len;
  return c;
}

}  // namespace

std::string saslprep_password(std::string_view password) {
  const std::string raw(password);
  if (std::all_of(password.begin(), password.end(), [](char ch) { return (ch & 0x80) == 0; })) {
    return raw;
  }
  std::string mapped;
  for (std::size_t i = 0; i < password.size();) {
    const std::size_t start = i;
    const auto c = next_code_point(password, i);
    if (!c) return raw;
    if (in(kNonAsciiSpace, *c)) {
      mapped += ' ';
    } else if (!in(kMappedToNothing, *c)) {
      if (prohibited(*c)) return raw;
      mapped.append(password.substr(start, i - start));
    }
  }
  return mapped.empty() ? raw : mapped;
}

}  // namespace pgw::auth
