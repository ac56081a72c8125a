#include "vendor/column_shape.hpp"

#include <algorithm>

#include "vendor/pg_oids.hpp"

namespace pgw::vendor {
namespace {

constexpr std::int32_t kVarHeaderSize =
    4;  // PostgreSQL's VARHDRSZ, included in char/numeric typmods
constexpr SQLULEN kUnboundedNumericPrecision = 1000;  // PostgreSQL's largest declarable precision
constexpr SQLSMALLINT kDefaultFractionDigits = 6;

bool is_char_type(SQLSMALLINT t) {
  switch (t) {
    case SQL_CHAR:
    case SQL_VARCHAR:
    case SQL_LONGVARCHAR:
    case SQL_WCHAR:
    case SQL_WVARCHAR:
    case SQL_WLONGVARCHAR:
      return true;
    default:
      return false;
  }
}
bool is_wide(SQLSMALLINT t) {
  return t == SQL_WCHAR || t == SQL_WVARCHAR || t == SQL_WLONGVARCHAR;
}
bool is_long(SQLSMALLINT t) {
  return t == SQL_LONGVARCHAR || t == SQL_WLONGVARCHAR || t == SQL_LONGVARBINARY;
}
bool is_binary(SQLSMALLINT t) {
  return t == SQL_BINARY || t == SQL_VARBINARY || t == SQL_LONGVARBINARY;
}

// Declared length of a character or bit-string column, 0 when the type modifier sets none.
SQLULEN declared_length(const TypeInfo& type, std::int32_t typmod) {
  if (type.oid == oid::kBit || type.oid == oid::kVarbit) return typmod > 0 ? SQLULEN(typmod) : 0;
  if (type.oid == oid::kVarchar || type.oid == oid::kBpchar)
    return typmod >= kVarHeaderSize ? SQLULEN(typmod - kVarHeaderSize) : 0;
  return 0;
}

SQLSMALLINT fraction_digits(std::int32_t typmod) {
  return typmod >= 0 && typmod <= 6 ? SQLSMALLINT(typmod) : kDefaultFractionDigits;
}

SQLSMALLINT long_counterpart(SQLSMALLINT t) {
  switch (t) {
    case SQL_CHAR:
    case SQL_VARCHAR:
      return SQL_LONGVARCHAR;
    case SQL_WCHAR:
    case SQL_WVARCHAR:
      return SQL_WLONGVARCHAR;
    default:
      return t;
  }
}

void shape_character(ColumnShape& s, const TypeInfo& type, std::int32_t typmod,
                     const SizeOptions& options) {
  SQLULEN size = declared_length(type, typmod);
  if (size == 0) size = type.column_size;
  if (size > options.max_varchar_size) {
    // Declared longer than MaxVarcharSize: described as a long type, with its declared length.
    s.concise_type = long_counterpart(s.concise_type);
    s.verbose_type = s.concise_type;
  }
  if (size == 0)
    size = is_long(s.concise_type) ? options.max_long_varchar_size : options.max_varchar_size;
  s.column_size = size;
  s.precision = SQLSMALLINT(std::min<SQLULEN>(size, 0x7fff));
  s.display_size = SQLLEN(size);
  s.octet_length = is_wide(s.concise_type) ? SQLLEN(size * 2) : SQLLEN(size);
}

void shape_numeric(ColumnShape& s, std::int32_t typmod) {
  SQLULEN precision = kUnboundedNumericPrecision;
  SQLSMALLINT scale = 0;
  if (typmod >= kVarHeaderSize) {
    std::int32_t t = typmod - kVarHeaderSize;
    precision = SQLULEN((t >> 16) & 0xffff);
    scale = SQLSMALLINT(((t & 0x7ff) ^ 1024) - 1024);  // 11-bit signed since PostgreSQL 15
  }
  s.column_size = precision;
  s.precision = SQLSMALLINT(precision);
  s.decimal_digits = scale;
  s.scale = scale;
  s.octet_length = SQLLEN(precision + 2);
  s.display_size = SQLLEN(precision + 2);
  s.num_prec_radix = 10;
}

void shape_datetime(ColumnShape& s, const TypeInfo& type, std::int32_t typmod) {
  SQLSMALLINT digits = s.concise_type == SQL_TYPE_DATE ? 0 : fraction_digits(typmod);
  SQLULEN base = s.concise_type == SQL_TYPE_DATE ? 10 : s.concise_type == SQL_TYPE_TIME ? 8 : 19;
  s.column_size = digits > 0 ? base + 1 + SQLULEN(digits) : base;
  s.decimal_digits = digits;
  s.precision = digits;
  s.octet_length = type.octet_length;
  // The zone offset the server appends ("+05:30") is part of what applications display.
  bool zoned = type.oid == oid::kTimestamptz || type.oid == oid::kTimetz;
  s.display_size = SQLLEN(s.column_size) + (zoned ? 6 : 0);
}

}  // namespace

SQLSMALLINT effective_sql_type(const TypeInfo& type, const SizeOptions& options) {
  switch (type.oid) {
    case oid::kText:
      return options.text_as_long_varchar ? SQL_WLONGVARCHAR : type.sql_type;
    case oid::kUnknown:
      return options.unknowns_as_long_varchar ? SQL_WLONGVARCHAR : type.sql_type;
    case oid::kBool:
      return options.bools_as_char ? SQL_CHAR : type.sql_type;
    case oid::kBytea:
      return options.bytea_as_long_varbinary ? SQL_LONGVARBINARY : SQL_VARBINARY;
    default:
      return type.sql_type;
  }
}

void split_concise_type(SQLSMALLINT concise, SQLSMALLINT& verbose, SQLSMALLINT& code) {
  switch (concise) {
    case SQL_TYPE_DATE:
      verbose = SQL_DATETIME;
      code = SQL_CODE_DATE;
      return;
    case SQL_TYPE_TIME:
      verbose = SQL_DATETIME;
      code = SQL_CODE_TIME;
      return;
    case SQL_TYPE_TIMESTAMP:
      verbose = SQL_DATETIME;
      code = SQL_CODE_TIMESTAMP;
      return;
    default:
      break;
  }
  if (concise >= SQL_INTERVAL_YEAR && concise <= SQL_INTERVAL_MINUTE_TO_SECOND) {
    verbose = SQL_INTERVAL;
    code = SQLSMALLINT(concise - 100);
    return;
  }
  verbose = concise;
  code = 0;
}

SQLSMALLINT narrow_char_type(SQLSMALLINT sql_type) {
  switch (sql_type) {
    case SQL_WCHAR:
      return SQL_CHAR;
    case SQL_WVARCHAR:
      return SQL_VARCHAR;
    case SQL_WLONGVARCHAR:
      return SQL_LONGVARCHAR;
    default:
      return sql_type;
  }
}

ColumnShape shape_of(const TypeInfo& type, std::int32_t typmod, const SizeOptions& options) {
  ColumnShape s;
  s.concise_type = effective_sql_type(type, options);
  split_concise_type(s.concise_type, s.verbose_type, s.datetime_code);

  if (type.oid == oid::kBool && s.concise_type == SQL_CHAR) {  // BoolsAsChar
    s.column_size = 1;
    s.precision = 1;
    s.octet_length = 1;
    s.display_size = 1;
    return s;
  }
  if (is_char_type(s.concise_type)) {
    shape_character(s, type, typmod, options);
    return s;
  }
  if (is_binary(s.concise_type)) {
    s.column_size = type.column_size != 0     ? type.column_size
                    : is_long(s.concise_type) ? options.max_long_varchar_size
                                              : options.max_varchar_size;
    s.precision = SQLSMALLINT(std::min<SQLULEN>(s.column_size, 0x7fff));
    s.octet_length = SQLLEN(s.column_size);
    s.display_size = SQLLEN(s.column_size * 2);  // two hex digits per byte
    return s;
  }
  switch (s.concise_type) {
    case SQL_NUMERIC:
    case SQL_DECIMAL:
      if (type.oid == oid::kNumeric) {
        shape_numeric(s, typmod);
        return s;
      }
      break;
    case SQL_TYPE_DATE:
    case SQL_TYPE_TIME:
    case SQL_TYPE_TIMESTAMP:
      shape_datetime(s, type, typmod);
      return s;
    default:
      break;
  }
  // Fixed-size types: everything comes from the table.
  s.column_size = type.column_size;
  s.decimal_digits = type.decimal_digits < 0 ? 0 : type.decimal_digits;
  s.precision = SQLSMALLINT(type.column_size);
  s.scale = s.decimal_digits;
  s.octet_length = type.octet_length;
  s.display_size = type.display_size;
  s.num_prec_radix = type.num_prec_radix;
  return s;
}

}  // namespace pgw::vendor
