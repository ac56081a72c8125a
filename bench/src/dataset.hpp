#pragma once
// The benchmark's data: one SQL function generates row i, so tables of any size are built on the
// server and the expected values of an INSERT are the same function's rows. make_row() is the same
// formula in C++, for the rows the insert cases send.

#include <array>
#include <cstdint>
#include <string>

namespace pgw::bench {

// Objects are named <prefix>_*: <prefix>_gen(lo, hi) the generator, <prefix>_<rows> a data table,
// <prefix>_ins_<pid> an insert target. Distinct prefixes keep concurrent runs apart.
struct Names {
  std::string prefix;
  std::string gen() const { return prefix + "_gen"; }
  std::string mod64() const { return prefix + "_mod64"; }
  std::string table(std::int64_t rows) const { return prefix + "_" + std::to_string(rows); }
};

constexpr const char* kColumns = "id, c_int8, c_float8, c_numeric, c_text, c_ts, c_bool, c_date";
constexpr int kColumnCount = 8;

// CREATE OR REPLACE of the generator and the mod-2^64 helper.
std::string setup_functions_sql(const Names& n);
// The table's DDL (no data).
std::string create_table_sql(const std::string& table, bool primary_key);
// One row of checksum aggregates over `source` (a table or a subquery in parentheses with an
// alias): rows, nulls, id, int8, float8, numeric, text_len, timestamptz, bool, date as text.
std::string aggregates_sql(const Names& n, const std::string& source);
// The ids of the point-select case: query k (0-based) asks for point_id(k, rows).
inline std::int32_t point_id(std::int64_t k, std::int64_t rows) {
  return static_cast<std::int32_t>((k * 7919) % rows + 1);
}
std::string point_ids_source_sql(const Names& n, const std::string& table, std::int64_t queries,
                                 std::int64_t rows);

struct Row {
  std::int32_t id;
  std::int64_t int8;
  double float8;
  std::int64_t cents;         // numeric(12,2) * 100
  std::array<char, 41> text;  // NUL-terminated, 20..40 characters
  std::uint8_t text_len;
  std::int64_t ts_us;  // since 1970-01-01 UTC
  bool boolean;
  std::int64_t date_days;  // since 1970-01-01
};
Row make_row(std::int32_t i);

// Text forms as PostgreSQL accepts them.
std::string cents_text(std::int64_t cents);
std::string timestamp_text(std::int64_t us);  // "YYYY-MM-DD HH:MM:SS.ffffff+00"
std::string date_text(std::int64_t days);

}  // namespace pgw::bench
