#include "runner.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <stdexcept>

#include "child.hpp"
#include "dataset.hpp"
#include "expected.hpp"
#include "pq_util.hpp"

namespace pgw::bench {
namespace {

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
    r.unsupported = !c.ok && c.problem.find("HYC00") != std::string::npos;
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
        std::cerr << (r.unsupported ? "NOT SUPPORTED: " : "INVALID: ") << r.problem << "\n";
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

}  // namespace pgw::bench
