#include "common/unicode.hpp"

#include <cstring>

namespace pgw::common {
namespace {

struct Decoded {
  char32_t code_point;  // kReplacementCharacter for an ill-formed subpart
  std::size_t length;   // bytes consumed, >= 1
  bool valid;
};

constexpr bool is_continuation(unsigned char b) {
  return (b & 0xC0) == 0x80;
}

// One step of UTF-8 decoding following Unicode Table 3-7 (well-formed byte sequences). On an
// ill-formed sequence it consumes the maximal subpart: the lead byte plus every continuation byte
// that was still acceptable before the first unacceptable one.
Decoded decode_utf8(const unsigned char* p, std::size_t available) {
  const unsigned char b0 = p[0];
  if (b0 < 0x80) return {b0, 1, true};

  std::size_t need = 0;
  char32_t cp = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;  // overlong
    if (b0 == 0xED) hi = 0x9F;  // surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;  // overlong
    if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
  } else {
    return {kReplacementCharacter, 1, false};  // stray continuation, C0, C1, F5..FF
  }

  for (std::size_t i = 1; i <= need; ++i) {
    if (i >= available) return {kReplacementCharacter, i, false};
    const unsigned char b = p[i];
    const unsigned char min = i == 1 ? lo : 0x80;
    const unsigned char max = i == 1 ? hi : 0xBF;
    if (b < min || b > max) return {kReplacementCharacter, i, false};
    cp = (cp << 6) | (b & 0x3F);
  }
  return {cp, need + 1, true};
}

constexpr bool is_high_surrogate(std::uint32_t u) {
  return u >= 0xD800 && u <= 0xDBFF;
}
constexpr bool is_low_surrogate(std::uint32_t u) {
  return u >= 0xDC00 && u <= 0xDFFF;
}

// Walks UTF-16 code units (char16_t or SQLWCHAR), calling emit(code_point) per code point.
template <class Unit, class Emit>
void for_each_utf16_code_point(const Unit* units, std::size_t count, Emit&& emit) {
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint32_t u = static_cast<std::uint16_t>(units[i]);
    if (is_high_surrogate(u) && i + 1 < count &&
        is_low_surrogate(static_cast<std::uint16_t>(units[i + 1]))) {
      const std::uint32_t low = static_cast<std::uint16_t>(units[i + 1]);
      emit(static_cast<char32_t>(0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00)));
      ++i;
    } else if (is_high_surrogate(u) || is_low_surrogate(u)) {
      emit(kReplacementCharacter);
    } else {
      emit(static_cast<char32_t>(u));
    }
  }
}

std::size_t utf8_size_of(char32_t cp) {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

template <class Unit>
std::string utf16_to_utf8_impl(const Unit* units, std::size_t count) {
  std::string out;
  out.reserve(count);
  for_each_utf16_code_point(units, count, [&](char32_t cp) { append_utf8(out, cp); });
  return out;
}

template <class Visit>
void for_each_utf8_step(std::string_view utf8, Visit&& visit) {
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  std::size_t i = 0;
  while (i < utf8.size()) {
    const Decoded d = decode_utf8(p + i, utf8.size() - i);
    visit(d);
    i += d.length;
  }
}

}  // namespace

std::u16string utf8_to_utf16(std::string_view utf8) {
  std::u16string out;
  out.reserve(utf8.size());
  for_each_utf8_step(utf8, [&](const Decoded& d) {
    if (d.code_point >= 0x10000) {
      const char32_t v = d.code_point - 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (v >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (v & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(d.code_point));
    }
  });
  return out;
}

std::string utf16_to_utf8(std::u16string_view utf16) {
  return utf16_to_utf8_impl(utf16.data(), utf16.size());
}

std::string utf16_to_utf8(const std::uint16_t* units, std::size_t count) {
  if (units == nullptr) return {};
  return utf16_to_utf8_impl(units, count);
}

std::size_t utf16_length(const std::uint16_t* nul_terminated) {
  if (nul_terminated == nullptr) return 0;
  std::size_t n = 0;
  while (nul_terminated[n] != 0) ++n;
  return n;
}

void copy_utf16(std::u16string_view from, std::uint16_t* to, std::size_t count) {
  static_assert(sizeof(char16_t) == sizeof(std::uint16_t));
  if (count > from.size()) count = from.size();
  if (count > 0) std::memcpy(to, from.data(), count * sizeof(std::uint16_t));
}

bool is_valid_utf8(std::string_view utf8) {
  bool valid = true;
  for_each_utf8_step(utf8, [&](const Decoded& d) { valid = valid && d.valid; });
  return valid;
}

bool is_valid_utf16(std::u16string_view utf16) {
  for (std::size_t i = 0; i < utf16.size(); ++i) {
    const std::uint32_t u = utf16[i];
    if (is_low_surrogate(u)) return false;
    if (is_high_surrogate(u)) {
      if (i + 1 >= utf16.size() || !is_low_surrogate(utf16[i + 1])) return false;
      ++i;
    }
  }
  return true;
}

std::size_t utf8_code_points(std::string_view utf8) {
  std::size_t n = 0;
  for_each_utf8_step(utf8, [&](const Decoded&) { ++n; });
  return n;
}

std::size_t utf16_code_points(std::u16string_view utf16) {
  std::size_t n = 0;
  for_each_utf16_code_point(utf16.data(), utf16.size(), [&](char32_t) { ++n; });
  return n;
}

std::size_t utf16_units_for_utf8(std::string_view utf8) {
  std::size_t n = 0;
  for_each_utf8_step(utf8, [&](const Decoded& d) { n += d.code_point >= 0x10000 ? 2 : 1; });
  return n;
}

std::size_t utf8_bytes_for_utf16(std::u16string_view utf16) {
  std::size_t n = 0;
  for_each_utf16_code_point(utf16.data(), utf16.size(),
                            [&](char32_t cp) { n += utf8_size_of(cp); });
  return n;
}

std::size_t utf8_truncation_point(std::string_view utf8, std::size_t max_bytes) {
  if (max_bytes >= utf8.size()) return utf8.size();
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  // A byte that is not a continuation byte always starts a decoding step, so the step containing
  // max_bytes starts at most 3 bytes earlier, at the last such byte.
  std::size_t start = max_bytes;
  while (start > 0 && max_bytes - start < 3 && is_continuation(p[start])) --start;
  if (is_continuation(p[start])) return max_bytes;  // four continuation bytes: a step ends here
  while (start < max_bytes) {
    const Decoded d = decode_utf8(p + start, utf8.size() - start);
    if (start + d.length > max_bytes) return start;
    start += d.length;
  }
  return max_bytes;
}

std::size_t utf16_truncation_point(std::u16string_view utf16, std::size_t max_units) {
  if (max_units >= utf16.size()) return utf16.size();
  if (max_units > 0 && is_high_surrogate(utf16[max_units - 1]) &&
      is_low_surrogate(utf16[max_units])) {
    return max_units - 1;
  }
  return max_units;
}

}  // namespace pgw::common
