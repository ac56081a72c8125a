#pragma once
// One benchmark case as a child process runs it: what to do, and what it measured.

#include <cstdint>
#include <string>

#include "checksum.hpp"

namespace pgw::bench {

enum class CaseId {
  kFetchBound,    // SELECT *, 8 columns bound, one row per fetch
  kFetchArray,    // same, 1000-row column-wise arrays
  kFetchGetData,  // same, SQLGetData as SQL_C_CHAR per column
  kInsertArray,   // INSERT with 1000-row parameter arrays (libpq: pipeline)
  kInsertCopy,    // libpq only: COPY FROM STDIN
  kInsertLoop,    // INSERT one row per execute, one transaction
  kPointSelect,   // prepared SELECT by primary key
  kConnect,       // connect + disconnect
};

const char* case_name(CaseId c);
bool case_from_name(const std::string& name, CaseId& out);
bool is_fetch(CaseId c);
bool is_insert(CaseId c);

struct CaseParams {
  CaseId id = CaseId::kFetchBound;
  std::string table;  // the data table the fetch and point cases read
  std::int64_t table_rows = 0;
  std::int64_t count = 0;    // rows to insert, point queries or connects
  std::string insert_table;  // target of the insert cases (the parent empties it before)
  bool callgrind = false;    // bracket the measured region with callgrind collection
};

struct CaseResult {
  std::int64_t ops = 0;  // rows fetched or inserted, queries, connects
  double seconds = 0;    // the measured region only
  Checksum checksum;     // fetch and point cases: of the values received; others: rows only
};

// Both throw std::runtime_error with the driver's or the server's message on any failure.
CaseResult run_odbc_case(const std::string& connection_string, const CaseParams& p);
CaseResult run_libpq_case(const std::string& conninfo, const CaseParams& p);

}  // namespace pgw::bench
