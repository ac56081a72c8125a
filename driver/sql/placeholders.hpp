#pragma once
// ODBC '?' parameter markers -> PostgreSQL '$n', and the statement structure the driver needs
// (how many statements, where each starts, its first keyword). Markers inside string literals
// ('...', E'...' with backslash escapes, standard_conforming_strings=off strings), quoted
// identifiers, dollar-quoted strings and comments (--, nested /* */) are left alone. ODBC escape
// clauses ({fn ...}, {d ...}, {call ...}) pass through untouched; markers inside them are
// parameters like any other.
#include <string>
#include <string_view>
#include <vector>

namespace pgw::sql {

struct Statement {
  std::string text;     // this statement alone, its markers numbered $1.. within it
  int first_parameter;  // index (0-based) of its first marker in the whole text
  int parameters;       // markers in it
  std::string keyword;  // its first word, upper-case ("SELECT", "WITH", "INSERT"; "" if none)
};

struct Rewritten {
  std::string text;    // the whole text, markers numbered $1..$n across all statements
  int parameters = 0;  // n
  std::vector<Statement> statements;  // non-empty statements between top-level semicolons
};

Rewritten rewrite_placeholders(std::string_view sql, bool standard_conforming_strings = true);

// Whether the statement only reads: its first keyword is SELECT, VALUES, TABLE, SHOW or EXPLAIN
// (without ANALYZE), and a WITH query holds no INSERT/UPDATE/DELETE/MERGE. Cancelling a
// half-read result of such a statement loses nothing the application asked for.
bool is_read_only(const Statement& statement);

}  // namespace pgw::sql
