#pragma once
// How a column's text is read: every wire type belongs to one family, and converters are chosen
// per (family, SQL_C_* type). Vendors map their OIDs to families in their type tables.
#include <cstdint>

namespace pgw::convert {

enum class Family : std::uint8_t {
  Text,       // character data, and every type shown as text for now (interval, json, inet, arrays)
  Boolean,    // 't' / 'f'
  Integer,    // int2, int4, int8, oid
  Float,      // float4, float8: also NaN, Infinity, -Infinity
  Numeric,    // numeric: also NaN, Infinity
  Money,      // money: currency symbol and group separators around a decimal number
  Binary,     // bytea: '\x' hex output (or the old escape output)
  Date,       // YYYY-MM-DD [BC]
  Time,       // HH:MM:SS[.ffffff]
  TimeTz,     // HH:MM:SS[.ffffff]+hh[:mm[:ss]]
  Timestamp,  // YYYY-MM-DD HH:MM:SS[.ffffff] [BC]
  TimestampTz,  // same plus the session-time-zone offset
  Uuid,         // 8-4-4-4-12 hex digits
};
inline constexpr int kFamilyCount = static_cast<int>(Family::Uuid) + 1;

}  // namespace pgw::convert
