#include "convert/from_c.hpp"

#include <array>
#include <cstring>

#include "common/error.hpp"
#include "common/unicode.hpp"
#include "convert/bytes_text.hpp"
#include "convert/c_types.hpp"
#include "convert/datetime_text.hpp"
#include "convert/number_text.hpp"

namespace pgw::convert {
namespace {

bool binary_sql_type(SQLSMALLINT t) {
  return t == SQL_BINARY || t == SQL_VARBINARY || t == SQL_LONGVARBINARY;
}

template <class T>
T load(const void* data) {
  T v;
  std::memcpy(&v, data, sizeof v);
  return v;
}

std::string from_char(const ParameterSource& p) {
  const char* text = static_cast<const char*>(p.data);
  std::size_t n = p.length == SQL_NTS ? std::strlen(text) : std::size_t(p.length);
  std::string_view value(text, n);
  // ODBC: character data for a binary parameter is hexadecimal digits.
  return binary_sql_type(p.sql_type) ? "\\x" + std::string(value) : std::string(value);
}

std::string from_wchar(const ParameterSource& p) {
  const auto* units = static_cast<const std::uint16_t*>(p.data);
  std::size_t n = p.length == SQL_NTS ? common::utf16_length(units) : std::size_t(p.length) / 2;
  std::string utf8 = common::utf16_to_utf8(units, n);
  return binary_sql_type(p.sql_type) ? "\\x" + utf8 : utf8;
}

std::string from_binary(const ParameterSource& p) {
  std::string_view bytes(static_cast<const char*>(p.data),
                         p.length < 0 ? 0 : std::size_t(p.length));
  if (binary_sql_type(p.sql_type)) return bytea_literal(bytes);
  return std::string(bytes);  // raw bytes as character data
}

template <class T>
std::string from_integer(const ParameterSource& p) {
  return std::to_string(load<T>(p.data));
}

std::string from_bit(const ParameterSource& p) {
  auto v = load<unsigned char>(p.data);
  if (v > 1) throw DriverError("22003", "a SQL_C_BIT parameter must be 0 or 1");
  return v ? "1" : "0";
}

std::string from_float(const ParameterSource& p) {
  return format_float(load<float>(p.data));
}
std::string from_double(const ParameterSource& p) {
  return format_double(load<double>(p.data));
}

std::string from_numeric(const ParameterSource& p) {
  auto n = load<SQL_NUMERIC_STRUCT>(p.data);
  unsigned __int128 magnitude = 0;
  for (int i = SQL_MAX_NUMERIC_LEN - 1; i >= 0; --i) magnitude = (magnitude << 8) | n.val[i];
  // The structure's own scale: applications fill it in, and the APD default (0) would drop digits.
  return format_scaled(magnitude, n.sign == 0, n.scale);
}

std::string from_date(const ParameterSource& p) {
  return format_date(load<SQL_DATE_STRUCT>(p.data));
}
std::string from_time(const ParameterSource& p) {
  return format_time(load<SQL_TIME_STRUCT>(p.data));
}
std::string from_timestamp(const ParameterSource& p) {
  auto t = load<SQL_TIMESTAMP_STRUCT>(p.data);
  if (p.sql_type == SQL_TYPE_DATE || p.sql_type == SQL_DATE)
    return format_date(SQL_DATE_STRUCT{t.year, t.month, t.day});
  if (p.sql_type == SQL_TYPE_TIME || p.sql_type == SQL_TIME)
    return format_time(SQL_TIME_STRUCT{t.hour, t.minute, t.second});
  return format_timestamp(t);
}
std::string from_guid(const ParameterSource& p) {
  return format_guid(load<SQLGUID>(p.data));
}

struct Writer {
  SQLSMALLINT c_type;
  std::string (*write)(const ParameterSource&);
};

constexpr std::array kWriters = {
    Writer{SQL_C_CHAR, &from_char},
    Writer{SQL_C_WCHAR, &from_wchar},
    Writer{SQL_C_BINARY, &from_binary},
    Writer{SQL_C_BIT, &from_bit},
    Writer{SQL_C_STINYINT, &from_integer<SQLSCHAR>},
    Writer{SQL_C_UTINYINT, &from_integer<SQLCHAR>},
    Writer{SQL_C_SSHORT, &from_integer<SQLSMALLINT>},
    Writer{SQL_C_USHORT, &from_integer<SQLUSMALLINT>},
    Writer{SQL_C_SLONG, &from_integer<SQLINTEGER>},
    Writer{SQL_C_ULONG, &from_integer<SQLUINTEGER>},
    Writer{SQL_C_SBIGINT, &from_integer<SQLBIGINT>},
    Writer{SQL_C_UBIGINT, &from_integer<SQLUBIGINT>},
    Writer{SQL_C_FLOAT, &from_float},
    Writer{SQL_C_DOUBLE, &from_double},
    Writer{SQL_C_NUMERIC, &from_numeric},
    Writer{SQL_C_TYPE_DATE, &from_date},
    Writer{SQL_C_TYPE_TIME, &from_time},
    Writer{SQL_C_TYPE_TIMESTAMP, &from_timestamp},
    Writer{SQL_C_GUID, &from_guid},
};

const Writer* find(SQLSMALLINT c_type) {
  c_type = canonical_c_type(c_type);
  for (const Writer& w : kWriters)
    if (w.c_type == c_type) return &w;
  return nullptr;
}

}  // namespace

bool parameter_c_type_supported(SQLSMALLINT c_type) {
  return find(c_type) != nullptr;
}

std::string parameter_text(const ParameterSource& source) {
  const Writer* w = find(source.c_type);
  if (w == nullptr)
    throw DriverError("HY003", "unsupported parameter C type " + std::to_string(source.c_type));
  if (source.data == nullptr) throw DriverError("HY009", "a bound parameter has no data pointer");
  return w->write(source);
}

}  // namespace pgw::convert
