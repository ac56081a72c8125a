#pragma once
// The parent side: prepares the data, runs every (case, target, repetition) in a fresh child
// process, interleaved, checks each child's checksums and collects what it measured.

#include <cstdint>
#include <string>
#include <vector>

#include "case.hpp"

namespace pgw::bench {

struct Target {
  std::string label;
  bool libpq = false;
  std::string spec;  // ODBC connection string, or libpq conninfo
};

struct Options {
  std::vector<Target> targets;  // ODBC targets in column order; libpq appended when enabled
  std::string conninfo;         // libpq: setup, expected values, insert verification
  bool libpq_cases = true;
  std::string subject;   // the driver the ratios are about ("": no ratios)
  std::string baseline;  // what it is compared with
  std::int64_t rows = 1000000;
  std::int64_t insert_rows = 200000;
  std::int64_t loop_rows = 20000;
  std::int64_t point_queries = 20000;
  std::int64_t connects = 200;
  int reps = 3;
  std::vector<CaseId> cases;
  std::int64_t rss_rows = 0;        // > 0: also fetch_bound over a table this size (peak RSS)
  std::int64_t callgrind_rows = 0;  // > 0: fetch cases under callgrind over a table this size
  std::string prefix = "bench";
  std::string json_path;
  std::string markdown_path;
  int child_timeout_s = 1800;
  bool quiet = false;
  bool cleanup = false;  // drop the tables and functions it created when done
};

enum class Variant { kTimed, kRss, kCallgrind };

struct Run {
  std::string target;
  CaseId id = CaseId::kFetchBound;
  Variant variant = Variant::kTimed;
  int rep = 0;
  std::int64_t table_rows = 0;
  bool ok = false;
  std::string problem;  // why not ok: an error, or the columns whose checksums differ
  // The driver refused the case with HYC00 (optional feature not implemented): reported as such,
  // not as a wrong result. Wrong rows or values are never excused.
  bool unsupported = false;
  std::int64_t ops = 0;
  double seconds = 0;
  long max_rss_kib = 0;
  std::uint64_t instructions = 0;  // callgrind: Ir in the measured region
};

// Returns every run; throws std::runtime_error when the setup itself fails.
std::vector<Run> run_benchmark(const Options& o);

// The child side: runs one case and prints "RESULT ops=.. seconds=.. checksum=.." on stdout.
int child_main(int argc, char** argv);

}  // namespace pgw::bench
