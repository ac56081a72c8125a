#pragma once
// What the right answer is, computed without the drivers under test: the data tables, the
// expected checksums of a query (libpq text pass cross-checked with SQL aggregates), and the
// row-by-row check of an insert target.

#include <cstdint>
#include <string>

#include "checksum.hpp"
#include "dataset.hpp"
#include "pq_util.hpp"

namespace pgw::bench {

// Creates <prefix>_<rows> from the generator unless a table of that size is already there.
void ensure_table(PgConnection& pg, const Names& n, std::int64_t rows, bool quiet);
// Checksums of `SELECT <columns> FROM source`; throws when the two independent computations
// disagree (a benchmark bug, not a driver's).
Checksum expected_checksum(PgConnection& pg, const Names& n, const std::string& source);
// "" when `table` holds exactly the generator's rows 1..count; otherwise what differs.
std::string verify_insert(PgConnection& pg, const Names& n, const std::string& table,
                          std::int64_t count);

}  // namespace pgw::bench
