// pgw_bench: ODBC drivers against each other and against libpq on one PostgreSQL, in one run.
// See bench/README.md for what each case measures and how the results are checked.

#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "report.hpp"
#include "runner.hpp"

namespace {

constexpr const char* kUsage =
    R"(usage: pgw_bench --libpq CONNINFO [--odbc LABEL=CONNSTR | --dsn NAME]... [options]

Runs each case for every target in a fresh child process, interleaved, and checks the row count
and per-column checksums of every run against values computed independently through libpq/SQL.

targets
  --odbc LABEL=CONNSTR   an ODBC target (connection string for SQLDriverConnect); repeatable
  --dsn NAME             shorthand for --odbc NAME=DSN=NAME
  --libpq CONNINFO       libpq connection for setup and verification, and the libpq target
  --no-libpq-cases       use libpq only for setup and verification
  --subject LABEL        report ratios of this driver to the baseline and to libpq, and whether
                         they meet the goals (without it: no ratio columns)
  --baseline LABEL       what it is compared with (default: the first other ODBC target)
sizes
  --rows N               rows in the fetched table (default 1000000)
  --insert-rows N        rows for the parameter-array and COPY inserts (default 200000)
  --loop-rows N          rows for the one-row-per-execute insert (default 20000)
  --point-queries N      point selects (default 20000)
  --connects N           connect/disconnect cycles (default 200)
  --reps N               repetitions of each case (default 3)
  --cases LIST           comma-separated subset of: fetch_bound,fetch_array,fetch_getdata,
                         insert_array,insert_copy,insert_loop,point_select,connect
  --rss-rows N           also run the bound fetch over N rows, for peak RSS (e.g. 10000000)
  --callgrind-rows N     also run the fetch cases under callgrind over N rows (e.g. 100000)
output
  --prefix NAME          name prefix of the tables and functions it creates (default bench)
  --markdown FILE        write the table there too
  --json FILE            write all runs and medians as JSON
  --child-timeout S      kill a run after S seconds (default 1800; 4x under callgrind)
  --quiet                no progress lines on stderr
  --cleanup              drop the tables and functions it created when done (default: keep the
                         data tables for the next run against the same server)
Exit status: 0 when every run returned exactly the expected data, 1 when any did not, 2 on usage
or setup errors.
)";

std::int64_t number(const std::string& flag, const std::string& v) {
  std::size_t used = 0;
  long long n = -1;
  try {
    n = std::stoll(v, &used);
  } catch (const std::exception&) {
  }
  if (used != v.size() || n < 0) throw std::runtime_error(flag + " needs a non-negative integer");
  return n;
}

pgw::bench::Options parse(int argc, char** argv) {
  using namespace pgw::bench;
  Options o;
  std::string cases =
      "fetch_bound,fetch_array,fetch_getdata,insert_array,insert_copy,insert_loop,"
      "point_select,connect";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error("missing value after " + a);
      return argv[++i];
    };
    if (a == "--odbc") {
      const std::string v = next();
      const std::size_t eq = v.find('=');
      if (eq == std::string::npos || eq == 0)
        throw std::runtime_error("--odbc needs LABEL=CONNSTR");
      o.targets.push_back({v.substr(0, eq), false, v.substr(eq + 1)});
    } else if (a == "--dsn") {
      const std::string v = next();
      o.targets.push_back({v, false, "DSN=" + v});
    } else if (a == "--libpq") {
      o.conninfo = next();
    } else if (a == "--no-libpq-cases") {
      o.libpq_cases = false;
    } else if (a == "--subject") {
      o.subject = next();
    } else if (a == "--baseline") {
      o.baseline = next();
    } else if (a == "--rows") {
      o.rows = number(a, next());
    } else if (a == "--insert-rows") {
      o.insert_rows = number(a, next());
    } else if (a == "--loop-rows") {
      o.loop_rows = number(a, next());
    } else if (a == "--point-queries") {
      o.point_queries = number(a, next());
    } else if (a == "--connects") {
      o.connects = number(a, next());
    } else if (a == "--reps") {
      o.reps = static_cast<int>(number(a, next()));
    } else if (a == "--cases") {
      cases = next();
    } else if (a == "--rss-rows") {
      o.rss_rows = number(a, next());
    } else if (a == "--callgrind-rows") {
      o.callgrind_rows = number(a, next());
    } else if (a == "--prefix") {
      o.prefix = next();
    } else if (a == "--markdown") {
      o.markdown_path = next();
    } else if (a == "--json") {
      o.json_path = next();
    } else if (a == "--child-timeout") {
      o.child_timeout_s = static_cast<int>(number(a, next()));
    } else if (a == "--cleanup") {
      o.cleanup = true;
    } else if (a == "--quiet") {
      o.quiet = true;
    } else if (a == "-h" || a == "--help") {
      std::cout << kUsage;
      std::exit(0);
    } else {
      throw std::runtime_error("unknown argument " + a);
    }
  }
  if (o.conninfo.empty()) throw std::runtime_error("--libpq CONNINFO is required");
  if (o.rows < 1 || o.reps < 1) throw std::runtime_error("--rows and --reps must be at least 1");
  std::stringstream ss(cases);
  for (std::string c; std::getline(ss, c, ',');) {
    CaseId id;
    if (!case_from_name(c, id)) throw std::runtime_error("unknown case " + c);
    o.cases.push_back(id);
  }
  for (char ch : o.prefix) {
    if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '_')) {
      throw std::runtime_error("--prefix may hold only letters, digits and _");
    }
  }
  std::vector<std::string> odbc_labels;
  for (const Target& t : o.targets) odbc_labels.push_back(t.label);
  if (o.libpq_cases) o.targets.push_back({"libpq", true, o.conninfo});
  for (std::size_t i = 0; i < o.targets.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (o.targets[i].label == o.targets[j].label) {
        throw std::runtime_error("duplicate target label " + o.targets[i].label);
      }
    }
  }
  // Ratios and the goals' verdicts are about one driver, named with --subject.
  if (!o.subject.empty() && o.baseline.empty()) {
    for (const std::string& l : odbc_labels) {
      if (l != o.subject) {
        o.baseline = l;
        break;
      }
    }
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::strcmp(argv[1], "child") == 0) {
    try {
      return pgw::bench::child_main(argc, argv);
    } catch (const std::exception& e) {
      std::cerr << "pgw_bench child: " << e.what() << "\n";
      return 3;
    }
  }
  try {
    const pgw::bench::Options o = parse(argc, argv);
    const std::vector<pgw::bench::Run> runs = pgw::bench::run_benchmark(o);
    const std::string md = pgw::bench::markdown_report(o, runs);
    std::cout << md;
    if (!o.markdown_path.empty()) std::ofstream(o.markdown_path) << md;
    if (!o.json_path.empty()) std::ofstream(o.json_path) << pgw::bench::json_report(o, runs);
    if (!pgw::bench::all_valid(runs)) {
      std::cerr << "pgw_bench: some results are INVALID (see above)\n";
      return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "pgw_bench: " << e.what() << "\n" << (argc <= 1 ? kUsage : "");
    return 2;
  }
}
