#pragma once
// Per-column checksums that every benchmark case accumulates from the values it received, so a
// driver that returns wrong data cannot look fast. Sums wrap modulo 2^64 (the SQL side reduces its
// exact numeric sums the same way), which keeps them order-independent and exact.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgw::bench {

struct Checksum {
  std::uint64_t rows = 0;
  std::uint64_t nulls = 0;        // NULL indicators seen (the data has none)
  std::uint64_t id = 0;           // int4: sum of values
  std::uint64_t int8 = 0;         // int8: sum of values
  std::uint64_t float8 = 0;       // float8: sum of the IEEE-754 bit patterns
  std::uint64_t numeric = 0;      // numeric(12,2): sum of value * 100
  std::uint64_t text_len = 0;     // text: total bytes
  std::uint64_t text_hash = 0;    // text: sum of text_hash() per value (not computable in SQL)
  std::uint64_t timestamptz = 0;  // microseconds since 1970-01-01 00:00 UTC
  std::uint64_t boolean = 0;      // number of true values
  std::uint64_t date = 0;         // days since 1970-01-01

  void add_id(std::int64_t v) { id += static_cast<std::uint64_t>(v); }
  void add_int8(std::int64_t v) { int8 += static_cast<std::uint64_t>(v); }
  void add_float8(double v);
  void add_numeric_cents(std::int64_t cents) { numeric += static_cast<std::uint64_t>(cents); }
  void add_text(const char* p, std::size_t n);
  void add_timestamp_us(std::int64_t us) { timestamptz += static_cast<std::uint64_t>(us); }
  void add_bool(bool v) { boolean += v ? 1 : 0; }
  void add_date_days(std::int64_t days) { date += static_cast<std::uint64_t>(days); }

  // "rows=..,nulls=..,..." with every field; parse() accepts exactly that.
  std::string serialize() const;
  static std::optional<Checksum> parse(std::string_view s);

  // Names of the fields that differ from `expected`. text_hash is skipped when `with_text_hash` is
  // false (SQL-side aggregates cannot compute it).
  std::vector<std::string> mismatches(const Checksum& expected, bool with_text_hash = true) const;
};

// A cheap 64-bit hash of a byte string (8 bytes per step) so hashing does not dominate fetch cost.
std::uint64_t text_hash(const char* p, std::size_t n);

// Calendar helpers (proleptic Gregorian, UTC).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);
void civil_from_days(std::int64_t days, int& y, unsigned& m, unsigned& d);

// Text parsers for values as PostgreSQL or an ODBC driver prints them. Each returns false on
// anything it does not fully understand.
bool parse_int(std::string_view s, std::int64_t& out);
bool parse_double(std::string_view s, double& out);
bool parse_cents(std::string_view s, std::int64_t& out);  // "-123.4" -> -12340
bool parse_bool(std::string_view s, bool& out);           // 1/0, t/f, true/false
bool parse_date_days(std::string_view s, std::int64_t& out);
// "YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM]]" (an offset, when present, is applied)
bool parse_timestamp_us(std::string_view s, std::int64_t& out);

// Adds one value of the benchmark table in text form; column is 1-based (id .. c_date).
// Returns false when the text does not parse as that column's type.
bool accumulate_text_value(Checksum& c, int column, std::string_view v);
const char* column_name(int column);

}  // namespace pgw::bench
