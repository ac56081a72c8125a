#include "runner.hpp"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "dataset.hpp"
#include "pq_util.hpp"

namespace pgw::bench {
namespace {

std::string self_exe() {
  char buf[4096];
  const ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) throw std::runtime_error("cannot resolve /proc/self/exe");
  return std::string(buf, static_cast<std::size_t>(n));
}

struct ChildOutcome {
  bool ok = false;
  std::string problem;
  CaseResult result;
  long max_rss_kib = 0;
};

// fork+exec of this binary in child mode, optionally under callgrind; the peak RSS is the
// child's own ru_maxrss from wait4(), so each measurement is of one process and one driver.
ChildOutcome launch(const Options& o, const Target& t, const CaseParams& p,
                    const std::string& callgrind_out) {
  std::vector<std::string> args;
  if (!callgrind_out.empty()) {
    args = {"valgrind", "--tool=callgrind", "--collect-atstart=no", "--quiet",
            "--callgrind-out-file=" + callgrind_out};
  }
  args.insert(args.end(),
              {self_exe(), "child", "--case", case_name(p.id), "--table", p.table, "--table-rows",
               std::to_string(p.table_rows), "--count", std::to_string(p.count), "--insert-table",
               p.insert_table, t.libpq ? "--libpq" : "--odbc", t.spec});
  if (p.callgrind) args.emplace_back("--callgrind");
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2 failed");
  std::cout.flush();
  std::cerr.flush();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // stderr too: a failure's own message becomes the reason shown in the report.
    dup2(fds[1], STDOUT_FILENO);
    dup2(fds[1], STDERR_FILENO);
    // A hung driver must not stall the run: the alarm survives exec and kills the child.
    alarm(static_cast<unsigned>(o.child_timeout_s * (callgrind_out.empty() ? 1 : 4)));
    execvp(argv[0], argv.data());
    std::fprintf(stderr, "pgw_bench: exec %s: %s\n", argv[0], std::strerror(errno));
    _exit(127);
  }
  close(fds[1]);
  std::string out;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(fds[0], buf, sizeof buf);
    if (n > 0) {
      out.append(buf, static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  close(fds[0]);
  int status = 0;
  struct rusage ru {};
  while (wait4(pid, &status, 0, &ru) < 0 && errno == EINTR) {
  }
  ChildOutcome c;
  c.max_rss_kib = ru.ru_maxrss;
  if (WIFSIGNALED(status)) {
    c.problem = WTERMSIG(status) == SIGALRM
                    ? "timed out after " + std::to_string(o.child_timeout_s) + " s"
                    : "killed by signal " + std::to_string(WTERMSIG(status));
    return c;
  }
  const std::size_t at = out.rfind("RESULT ");
  if (WEXITSTATUS(status) != 0 || at == std::string::npos) {
    std::string msg = out;
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    if (msg.size() > 600) msg = "..." + msg.substr(msg.size() - 600);
    for (char& ch : msg) {
      if (ch == '\n' || ch == '|') ch = ' ';
    }
    c.problem = "failed (exit " + std::to_string(WEXITSTATUS(status)) + ")" +
                (msg.empty() ? "" : ": " + msg);
    return c;
  }
  std::istringstream line(out.substr(at + 7));
  std::string ops, secs, sums;
  line >> ops >> secs >> sums;
  auto value = [](const std::string& kv, const char* key) {
    const std::string k = std::string(key) + "=";
    return kv.rfind(k, 0) == 0 ? kv.substr(k.size()) : std::string();
  };
  auto checksum = Checksum::parse(value(sums, "checksum"));
  try {
    c.result.ops = std::stoll(value(ops, "ops"));
    c.result.seconds = std::stod(value(secs, "seconds"));
  } catch (const std::exception&) {
    checksum.reset();
  }
  if (!checksum) {
    c.problem = "unreadable result line";
    return c;
  }
  c.result.checksum = *checksum;
  c.ok = true;
  return c;
}

std::uint64_t callgrind_total(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::uint64_t total = 0;
  while (std::getline(in, line)) {
    for (const char* key : {"totals:", "summary:"}) {
      if (line.rfind(key, 0) == 0)
        total = std::strtoull(line.c_str() + std::strlen(key), nullptr, 10);
    }
  }
  return total;
}

std::uint64_t to_u64(const std::string& s) {
  std::int64_t v = 0;
  if (s.empty() || !parse_int(s, v)) {
    // mod-2^64 sums above INT64_MAX come back as plain unsigned text
    char* end = nullptr;
    const unsigned long long u = std::strtoull(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0') throw std::runtime_error("not an integer: '" + s + "'");
    return u;
  }
  return static_cast<std::uint64_t>(v);
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

std::string mismatch_text(const Checksum& got, const Checksum& want) {
  std::string out;
  for (const std::string& f : got.mismatches(want)) out += (out.empty() ? "" : ",") + f;
  return out.empty() ? "" : "checksum mismatch: " + out;
}

bool target_has_case(const Target& t, CaseId id) {
  if (t.libpq) {
    return id == CaseId::kFetchBound || id == CaseId::kInsertArray || id == CaseId::kInsertCopy ||
           id == CaseId::kInsertLoop || id == CaseId::kPointSelect || id == CaseId::kConnect;
  }
  return id != CaseId::kInsertCopy;
}

}  // namespace

std::vector<Run> run_benchmark(const Options& o) {
  PgConnection pg(o.conninfo);
  pg.exec("SET client_min_messages = warning");
  pg.exec("SET TIME ZONE 'UTC'");
  const Names n{o.prefix};
  pg.exec(setup_functions_sql(n));

  bool need_fetch = false, need_point = false, need_insert = false;
  for (CaseId c : o.cases) {
    need_fetch |= is_fetch(c);
    need_point |= c == CaseId::kPointSelect;
    need_insert |= is_insert(c);
  }
  const std::string main_table = n.table(o.rows);
  Checksum fetch_expected, point_expected, rss_expected, cg_expected;
  if (need_fetch || need_point) ensure_table(pg, n, o.rows, o.quiet);
  if (need_fetch) fetch_expected = expected_checksum(pg, n, main_table);
  if (need_point) {
    point_expected =
        expected_checksum(pg, n, point_ids_source_sql(n, main_table, o.point_queries, o.rows));
  }
  if (o.rss_rows > 0) {
    ensure_table(pg, n, o.rss_rows, o.quiet);
    rss_expected = expected_checksum(pg, n, n.table(o.rss_rows));
  }
  if (o.callgrind_rows > 0 && need_fetch) {
    ensure_table(pg, n, o.callgrind_rows, o.quiet);
    cg_expected = expected_checksum(pg, n, n.table(o.callgrind_rows));
  }
  const std::string insert_table = o.prefix + "_ins";
  if (need_insert) {
    pg.exec("DROP TABLE IF EXISTS " + insert_table);
    pg.exec(create_table_sql(insert_table, false));
  }

  std::vector<Run> runs;
  auto run_one = [&](const Target& t, CaseId id, Variant variant, int rep) {
    CaseParams p;
    p.id = id;
    p.table_rows = variant == Variant::kRss         ? o.rss_rows
                   : variant == Variant::kCallgrind ? o.callgrind_rows
                                                    : o.rows;
    p.table = n.table(p.table_rows);
    p.insert_table = insert_table;
    p.callgrind = variant == Variant::kCallgrind;
    switch (id) {
      case CaseId::kInsertArray:
      case CaseId::kInsertCopy:
        p.count = o.insert_rows;
        break;
      case CaseId::kInsertLoop:
        p.count = o.loop_rows;
        break;
      case CaseId::kPointSelect:
        p.count = o.point_queries;
        break;
      case CaseId::kConnect:
        p.count = o.connects;
        break;
      default:
        p.count = p.table_rows;
    }
    if (is_insert(id)) pg.exec("TRUNCATE " + insert_table);
    const std::string cg_file =
        p.callgrind ? "/tmp/pgw_bench_callgrind." + std::to_string(getpid()) + ".out" : "";
    ChildOutcome c = launch(o, t, p, cg_file);
    Run r;
    r.target = t.label;
    r.id = id;
    r.variant = variant;
    r.rep = rep;
    r.table_rows = p.table_rows;
    r.max_rss_kib = c.max_rss_kib;
    r.ok = c.ok;
    r.problem = c.problem;
    r.ops = c.result.ops;
    r.seconds = c.result.seconds;
    if (c.ok) {
      Checksum want;
      want.rows = static_cast<std::uint64_t>(p.count);
      if (is_fetch(id)) {
        want = variant == Variant::kRss         ? rss_expected
               : variant == Variant::kCallgrind ? cg_expected
                                                : fetch_expected;
      } else if (id == CaseId::kPointSelect) {
        want = point_expected;
      }
      r.problem = mismatch_text(c.result.checksum, want);
      if (r.problem.empty() && is_insert(id))
        r.problem = verify_insert(pg, n, insert_table, p.count);
      if (r.problem.empty() && r.ops != p.count) {
        r.problem =
            "did " + std::to_string(r.ops) + " of " + std::to_string(p.count) + " operations";
      }
      r.ok = r.problem.empty();
    }
    if (p.callgrind) {
      r.instructions = callgrind_total(cg_file);
      std::remove(cg_file.c_str());
    }
    if (!o.quiet) {
      std::cerr << "pgw_bench: rep " << rep << " " << case_name(id)
                << (variant == Variant::kRss         ? " (rss)"
                    : variant == Variant::kCallgrind ? " (callgrind)"
                                                     : "")
                << " " << t.label << ": ";
      if (r.ok) {
        std::cerr << r.ops << " ops in " << r.seconds << " s, peak RSS " << r.max_rss_kib / 1024
                  << " MiB" << (p.callgrind ? ", Ir " + std::to_string(r.instructions) : "")
                  << "\n";
      } else {
        std::cerr << "INVALID: " << r.problem << "\n";
      }
    }
    runs.push_back(r);
  };

  // Interleaved: every target runs each case once before any runs it again.
  for (int rep = 1; rep <= o.reps; ++rep) {
    for (CaseId id : o.cases) {
      for (const Target& t : o.targets) {
        if (target_has_case(t, id)) run_one(t, id, Variant::kTimed, rep);
      }
    }
  }
  if (o.rss_rows > 0) {
    for (const Target& t : o.targets) run_one(t, CaseId::kFetchBound, Variant::kRss, 1);
  }
  if (o.callgrind_rows > 0) {
    for (CaseId id : o.cases) {
      if (!is_fetch(id)) continue;
      for (const Target& t : o.targets) {
        if (target_has_case(t, id)) run_one(t, id, Variant::kCallgrind, 1);
      }
    }
  }
  if (need_insert) pg.exec("DROP TABLE IF EXISTS " + insert_table);
  if (o.cleanup) {
    for (std::int64_t rows : {o.rows, o.rss_rows, o.callgrind_rows}) {
      if (rows > 0) pg.exec("DROP TABLE IF EXISTS " + n.table(rows));
    }
    pg.exec("DROP FUNCTION IF EXISTS " + n.gen() + "(int4, int4)");
    pg.exec("DROP FUNCTION IF EXISTS " + n.mod64() + "(numeric)");
  }
  return runs;
}

int child_main(int argc, char** argv) {
  CaseParams p;
  std::string odbc, libpq;
  for (int i = 2; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--case") {
      if (!case_from_name(next(), p.id)) throw std::runtime_error("unknown case");
    } else if (a == "--table") {
      p.table = next();
    } else if (a == "--table-rows") {
      p.table_rows = std::stoll(next());
    } else if (a == "--count") {
      p.count = std::stoll(next());
    } else if (a == "--insert-table") {
      p.insert_table = next();
    } else if (a == "--odbc") {
      odbc = next();
    } else if (a == "--libpq") {
      libpq = next();
    } else if (a == "--callgrind") {
      p.callgrind = true;
    } else {
      throw std::runtime_error("unknown child argument " + a);
    }
  }
  // SQL_C_TYPE_TIMESTAMP values must not pass through a local time zone.
  setenv("TZ", "UTC", 1);
  tzset();
  const CaseResult r = libpq.empty() ? run_odbc_case(odbc, p) : run_libpq_case(libpq, p);
  std::printf("RESULT ops=%lld seconds=%.9f checksum=%s\n", static_cast<long long>(r.ops),
              r.seconds, r.checksum.serialize().c_str());
  return 0;
}

}  // namespace pgw::bench
