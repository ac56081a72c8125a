#include "odbc/strings.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "common/error.hpp"
#include "common/unicode.hpp"
#include "odbc/diagnostics.hpp"

namespace pgw::odbc {

static_assert(sizeof(SQLWCHAR) == sizeof(std::uint16_t),
              "SQLWCHAR must be 16-bit (unixODBC default)");

StringOutResult write_string(const StringOut& out, std::string_view utf8) {
  StringOutResult result;
  const SQLLEN capacity = std::max<SQLLEN>(out.capacity, 0);
  if (out.encoding == Encoding::Utf8) {
    result.full_length = static_cast<SQLLEN>(utf8.size());
    if (out.buffer == nullptr) return result;
    result.truncated = result.full_length >= capacity;
    if (capacity == 0) return result;
    const std::size_t n = result.truncated ? common::utf8_truncation_point(
                                                 utf8, static_cast<std::size_t>(capacity - 1))
                                           : utf8.size();
    auto* buffer = static_cast<char*>(out.buffer);
    std::memcpy(buffer, utf8.data(), n);
    buffer[n] = '\0';
    return result;
  }

  const std::u16string utf16 = common::utf8_to_utf16(utf8);
  const SQLLEN units = static_cast<SQLLEN>(utf16.size());
  const bool in_bytes = out.unit == LengthUnit::Bytes;
  const SQLLEN unit_size = static_cast<SQLLEN>(sizeof(SQLWCHAR));
  result.full_length = in_bytes ? units * unit_size : units;
  if (out.buffer == nullptr) return result;
  const SQLLEN capacity_units = in_bytes ? capacity / unit_size : capacity;
  result.truncated = units >= capacity_units;
  if (capacity_units == 0) return result;
  const std::size_t n = result.truncated ? common::utf16_truncation_point(
                                               utf16, static_cast<std::size_t>(capacity_units - 1))
                                         : utf16.size();
  auto* buffer = static_cast<std::uint16_t*>(out.buffer);
  common::copy_utf16(utf16, buffer, n);
  buffer[n] = 0;
  return result;
}

template <class LengthT>
bool write_string(const StringOut& out, std::string_view utf8, LengthT* length_ptr,
                  Diagnostics& diag) {
  const StringOutResult r = write_string(out, utf8);
  if (length_ptr != nullptr)
    *length_ptr = static_cast<LengthT>(
        std::min<SQLLEN>(r.full_length, static_cast<SQLLEN>(std::numeric_limits<LengthT>::max())));
  if (r.truncated) diag.add("01004", "string data, right truncated");
  return r.truncated;
}

template bool write_string<SQLSMALLINT>(const StringOut&, std::string_view, SQLSMALLINT*,
                                        Diagnostics&);
template bool write_string<SQLINTEGER>(const StringOut&, std::string_view, SQLINTEGER*,
                                       Diagnostics&);
template bool write_string<SQLLEN>(const StringOut&, std::string_view, SQLLEN*, Diagnostics&);

namespace {
void check_length(SQLLEN length) {
  if (length < 0 && length != SQL_NTS)
    throw DriverError("HY090", "invalid string length " + std::to_string(length));
}
}  // namespace

std::string utf8_from(const SQLCHAR* text, SQLLEN length) {
  check_length(length);
  if (text == nullptr) return {};
  const char* chars = reinterpret_cast<const char*>(text);
  return length == SQL_NTS ? std::string(chars)
                           : std::string(chars, static_cast<std::size_t>(length));
}

std::string utf8_from(const SQLWCHAR* text, SQLLEN length) {
  check_length(length);
  if (text == nullptr) return {};
  const auto* units = reinterpret_cast<const std::uint16_t*>(text);
  const std::size_t count =
      length == SQL_NTS ? common::utf16_length(units) : static_cast<std::size_t>(length);
  return common::utf16_to_utf8(units, count);
}

}  // namespace pgw::odbc
