#include "expected.hpp"

#include <charconv>
#include <iostream>
#include <stdexcept>
#include <string_view>
#include <vector>

namespace pgw::bench {
namespace {

// The aggregate query returns only non-negative integers (sums are reduced modulo 2^64).
std::uint64_t to_u64(const std::string& s) {
  std::uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) {
    throw std::runtime_error("not an unsigned integer: '" + s + "'");
  }
  return v;
}

Checksum sql_aggregates(PgConnection& pg, const Names& n, const std::string& source) {
  const std::vector<std::string> v = pg.row(aggregates_sql(n, source));
  if (v.size() != 10) throw std::runtime_error("aggregate query returned no row");
  Checksum c;
  std::uint64_t* fields[] = {&c.rows,    &c.nulls,    &c.id,          &c.int8,    &c.float8,
                             &c.numeric, &c.text_len, &c.timestamptz, &c.boolean, &c.date};
  for (std::size_t i = 0; i < v.size(); ++i) *fields[i] = to_u64(v[i]);
  return c;
}

}  // namespace

// The expected checksums of a query, computed in text mode through libpq by the same accumulator
// the cases use, and cross-checked against the server's own SQL aggregates.
Checksum expected_checksum(PgConnection& pg, const Names& n, const std::string& source) {
  PGconn* c = pg.get();
  const std::string sql = std::string("SELECT ") + kColumns + " FROM " + source;
  if (!PQsendQuery(c, sql.c_str()) || !PQsetSingleRowMode(c)) {
    throw std::runtime_error(pg.error());
  }
  Checksum ref;
  std::string failure;
  while (PGresult* raw = PQgetResult(c)) {
    PgResult r(raw);
    const ExecStatusType s = PQresultStatus(raw);
    if (s == PGRES_SINGLE_TUPLE) {
      ++ref.rows;
      for (int col = 0; col < kColumnCount; ++col) {
        if (PQgetisnull(raw, 0, col)) {
          ++ref.nulls;
          continue;
        }
        const std::string_view v(PQgetvalue(raw, 0, col),
                                 static_cast<std::size_t>(PQgetlength(raw, 0, col)));
        if (!accumulate_text_value(ref, col + 1, v) && failure.empty()) {
          failure = std::string("unparsable ") + column_name(col + 1) + " '" + std::string(v) + "'";
        }
      }
    } else if (s != PGRES_TUPLES_OK && failure.empty()) {
      failure = PQresultErrorMessage(raw);
    }
  }
  if (!failure.empty()) throw std::runtime_error("reference query: " + failure);
  const Checksum agg = sql_aggregates(pg, n, source);
  const std::vector<std::string> bad = ref.mismatches(agg, false);
  if (!bad.empty()) {
    std::string cols;
    for (const std::string& b : bad) cols += " " + b;
    throw std::runtime_error("the reference pass disagrees with SQL aggregates on" + cols +
                             " (a bug in the benchmark, not in a driver)");
  }
  return ref;
}

void ensure_table(PgConnection& pg, const Names& n, std::int64_t rows, bool quiet) {
  const std::string t = n.table(rows);
  const std::vector<std::string> exists = pg.row("SELECT to_regclass('" + t + "') IS NOT NULL");
  if (!exists.empty() && exists[0] == "t") {
    if (pg.row("SELECT count(*) FROM " + t).at(0) == std::to_string(rows)) return;
    pg.exec("DROP TABLE " + t);
  }
  if (!quiet) std::cerr << "pgw_bench: creating " << t << " (" << rows << " rows)\n";
  pg.exec(create_table_sql(t, true));
  pg.exec("INSERT INTO " + t + " SELECT * FROM " + n.gen() + "(1, " + std::to_string(rows) + ")");
  // Frozen and analysed: no run pays for hint bits or visibility-map work left by the load.
  pg.exec("VACUUM (FREEZE, ANALYZE) " + t);
}

// Compares an insert target row by row with the generator; "" when every row is right.
std::string verify_insert(PgConnection& pg, const Names& n, const std::string& table,
                          std::int64_t count) {
  const std::string sql =
      "SELECT (SELECT count(*) FROM " + table +
      "), count(*) FILTER (WHERE b.id IS NULL), count(*) FILTER (WHERE g.id IS NULL), "
      "count(*) FILTER (WHERE b.c_int8 IS DISTINCT FROM g.c_int8), "
      "count(*) FILTER (WHERE b.c_float8 IS DISTINCT FROM g.c_float8), "
      "count(*) FILTER (WHERE b.c_numeric IS DISTINCT FROM g.c_numeric), "
      "count(*) FILTER (WHERE b.c_text IS DISTINCT FROM g.c_text), "
      "count(*) FILTER (WHERE b.c_ts IS DISTINCT FROM g.c_ts), "
      "count(*) FILTER (WHERE b.c_bool IS DISTINCT FROM g.c_bool), "
      "count(*) FILTER (WHERE b.c_date IS DISTINCT FROM g.c_date) FROM " +
      n.gen() + "(1, " + std::to_string(count) + ") AS g FULL JOIN " + table +
      " AS b ON b.id = g.id";
  const std::vector<std::string> v = pg.row(sql);
  static const char* const what[] = {"",          "missing", "unexpected", "c_int8", "c_float8",
                                     "c_numeric", "c_text",  "c_ts",       "c_bool", "c_date"};
  std::string problem;
  if (v.at(0) != std::to_string(count)) problem = "table has " + v[0] + " rows";
  for (std::size_t i = 1; i < v.size(); ++i) {
    if (v[i] != "0")
      problem += (problem.empty() ? "" : ", ") + std::string(what[i]) + ": " + v[i] + " rows";
  }
  return problem;
}

}  // namespace pgw::bench
