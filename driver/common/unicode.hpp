#pragma once
// UTF-8 <-> UTF-16 for the W entry points (SQLWCHAR is 16-bit under unixODBC) and
// character-boundary truncation for 01004.
//
// Conversion never fails: text comes from applications and servers we do not control, and refusing
// a whole value over one bad byte helps nobody. Ill-formed input becomes U+FFFD:
//  - UTF-8: each maximal ill-formed subpart becomes one U+FFFD (Unicode 15 §3.9 "U+FFFD
//  Substitution
//    of Maximal Subparts", what the WHATWG decoder does). Overlong forms, encoded surrogates
//    (ED A0..BF) and values above U+10FFFF are ill-formed.
//  - UTF-16: an unpaired surrogate (a high one not followed by a low one, or a lone low one)
//  becomes
//    one U+FFFD.
// Callers that must reject bad input instead use is_valid_utf8() / is_valid_utf16().
//
// "Character" in ODBC W lengths means SQLWCHAR code units, so the UTF-16 counts are in code units;
// the code-point counts are for the cases that really mean characters.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pgw::common {

inline constexpr char32_t kReplacementCharacter = 0xFFFD;

std::u16string utf8_to_utf16(std::string_view utf8);
std::string utf16_to_utf8(std::u16string_view utf16);
// For SQLWCHAR buffers (unsigned short under unixODBC), without type-punning them to char16_t.
std::string utf16_to_utf8(const std::uint16_t* units, std::size_t count);
// Length in code units of a NUL-terminated SQLWCHAR string (SQL_NTS).
std::size_t utf16_length(const std::uint16_t* nul_terminated);
// Copies UTF-16 into a SQLWCHAR-typed buffer (memcpy; no aliasing tricks). Copies `count` units.
void copy_utf16(std::u16string_view from, std::uint16_t* to, std::size_t count);

bool is_valid_utf8(std::string_view utf8);
bool is_valid_utf16(std::u16string_view utf16);

// Number of code points the input converts to (each U+FFFD replacement counts as one).
std::size_t utf8_code_points(std::string_view utf8);
std::size_t utf16_code_points(std::u16string_view utf16);
// Size of the converted text, without converting: utf8_to_utf16(s).size() /
// utf16_to_utf8(s).size().
std::size_t utf16_units_for_utf8(std::string_view utf8);
std::size_t utf8_bytes_for_utf16(std::u16string_view utf16);

// The largest prefix length <= max_bytes / max_units that ends on a character boundary: never
// inside a UTF-8 sequence or between the halves of a surrogate pair. Returns the input size if it
// fits.
std::size_t utf8_truncation_point(std::string_view utf8, std::size_t max_bytes);
std::size_t utf16_truncation_point(std::u16string_view utf16, std::size_t max_units);

}  // namespace pgw::common
