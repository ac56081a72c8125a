#!/usr/bin/env bash
# THE benchmark command: builds pgw_bench and the driver, starts a throwaway PostgreSQL 15, creates
# the data and runs every case against our driver, psqlODBC (default and UseDeclareFetch=1) and
# libpq, interleaved, then prints the table. Stops the server at the end.
#
#   bash bench/run.sh [options] [-- extra pgw_bench arguments]
#     --update-readme      write the table and a description of this machine into README.md
#                          (between the "BEGIN/END GENERATED: benchmark" markers)
#     --targets LIST       any of pgw,psqlodbc,psqlodbc_declare,libpq (default: all four)
#     --rows N             rows fetched (default 1000000)
#     --reps N             repetitions (default 3)
#     --rss-rows N         also the bound fetch over N rows, for RSS flatness (e.g. 10000000)
#     --callgrind-rows N   instructions per row over N rows (default 100000; 0: skip)
#     --build-dir DIR      (default build-bench)
#     --bench-bin PATH     use this pgw_bench instead of building one
#     --driver PATH        use this libpgwireodbc.so instead of the one built
# Results: <build dir>/bench-results/{bench.md,bench.json,pgw_bench.log}.
# Exit status: pgw_bench's (non-zero when any result is INVALID) or 2 on setup failures.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

# The command as the README shows it: options that only say where binaries live are left out.
shown=(bash bench/run.sh)
skip_next=0
for a in "$@"; do
  if ((skip_next)); then skip_next=0; continue; fi
  case $a in --build-dir | --bench-bin | --driver) skip_next=1 ;; *) shown+=("$a") ;; esac
done
update_readme=0
targets=pgw,psqlodbc,psqlodbc_declare,libpq
rows=1000000
reps=3
rss_rows=0
callgrind_rows=100000
build_dir=build-bench
bench_bin=""
driver=""
extra=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --update-readme) update_readme=1 ;;
    --targets) targets=$2; shift ;;
    --rows) rows=$2; shift ;;
    --reps) reps=$2; shift ;;
    --rss-rows) rss_rows=$2; shift ;;
    --callgrind-rows) callgrind_rows=$2; shift ;;
    --build-dir) build_dir=$2; shift ;;
    --bench-bin) bench_bin=$(readlink -f "$2"); shift ;;
    --driver) driver=$(readlink -f "$2"); shift ;;
    --) shift; extra=("$@"); break ;;
    -h | --help) sed -n '2,20p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
want() { [[ ,$targets, == *,$1,* ]]; }

# Dependencies: the project's list (it has libpq-dev and valgrind for the benchmark).
# shellcheck source=scripts/deps.sh
source scripts/deps.sh
pgw_install_deps || { echo "run.sh: dependency installation failed" >&2; exit 2; }
if ((callgrind_rows > 0)) && ! command -v valgrind >/dev/null; then
  echo "run.sh: valgrind not found; skipping the callgrind columns" >&2
  callgrind_rows=0
fi

build_targets=()
[[ -z $bench_bin ]] && build_targets+=(pgw_bench)
if want pgw && [[ -z $driver ]]; then build_targets+=(pgwireodbc); fi
if [[ ${#build_targets[@]} -gt 0 ]]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPGW_BUILD_TESTS=OFF \
    -DPGW_BUILD_BENCH=ON >/dev/null
  cmake --build "$build_dir" -j "${PGW_JOBS:-2}" --target "${build_targets[@]}"
  [[ -z $bench_bin ]] && bench_bin=$(readlink -f "$build_dir/bench/pgw_bench")
  if want pgw && [[ -z $driver ]]; then driver=$(readlink -f "$build_dir/driver/libpgwireodbc.so"); fi
fi
mkdir -p "$build_dir"
results=$(cd "$build_dir" && pwd)/bench-results
mkdir -p "$results"

srv=$(mktemp -d /tmp/pgw-bench.XXXXXX)
cleanup() {
  bash "$root/tests/scripts/pg_server.sh" stop "$srv" >/dev/null 2>&1 || true
  rm -rf "$srv"
}
trap cleanup EXIT
bash tests/scripts/pg_server.sh start "$srv" ${driver:+"$driver"} >/dev/null
# server.env is plain KEY=VALUE lines
set -a
# shellcheck disable=SC1091
source "$srv/server.env"
set +a
export ODBCSYSINI=$srv ODBCINSTINI=odbcinst.ini ODBCINI=$srv/odbc.ini

# All three ODBC DSNs talk plain TCP to 127.0.0.1 like libpq here (no TLS anywhere).
args=(--libpq "host=$PGW_HOST port=$PGW_PORT dbname=$PGW_DB user=$PGW_TRUST_USER sslmode=disable")
want pgw && args+=(--odbc "pgwire-odbc=DSN=pgw")
want psqlodbc && args+=(--odbc "psqlODBC=DSN=psql_trust")
want psqlodbc_declare && args+=(--odbc "psqlODBC UseDeclareFetch=DSN=psql_trust_declare")
want libpq || args+=(--no-libpq-cases)
if want pgw && want psqlodbc; then args+=(--subject pgwire-odbc --baseline psqlODBC); fi
args+=(--rows "$rows" --reps "$reps" --rss-rows "$rss_rows" --callgrind-rows "$callgrind_rows"
  --markdown "$results/bench.md" --json "$results/bench.json")

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
status=0
"$bench_bin" "${args[@]}" "${extra[@]}" 2> >(tee "$results/pgw_bench.log" >&2) || status=$?
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python_bin() {
  if [[ -x /usr/bin/python3 ]]; then echo /usr/bin/python3; else command -v python3; fi
}

machine_description() {
  local cpu mem pg psqlodbc libpq unixodbc
  cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
  mem=$(awk '/^MemTotal:/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)
  pg=$("$PGW_PG_BIN/postgres" --version | awk '{print $3}')
  psqlodbc=$(dpkg-query -W -f='${Version}' odbc-postgresql 2>/dev/null || echo unknown)
  libpq=$(dpkg-query -W -f='${Version}' libpq5 2>/dev/null || echo unknown)
  unixodbc=$(dpkg-query -W -f='${Version}' unixodbc 2>/dev/null || echo unknown)
  echo "$(nproc) CPUs ($cpu), $mem RAM, $(uname -sr); PostgreSQL $pg on the same machine over" \
    "127.0.0.1 (fsync off, shared_buffers 64MB); psqlODBC $psqlodbc (Debian odbc-postgresql);" \
    "libpq $libpq; unixODBC $unixodbc. Load average $load_before before the run, $load_after after."
}

if ((update_readme)) && [[ $status -le 1 && -s $results/bench.md ]]; then
  section=$(mktemp)
  {
    echo "<!-- BEGIN GENERATED: benchmark -->"
    echo "## Benchmark"
    echo
    echo '`bench/run.sh` builds the benchmark, starts a throwaway PostgreSQL, creates the data and runs'
    echo 'every case against each driver and libpq, interleaved, each run in a fresh process. The table'
    echo 'below comes from this command:'
    echo
    echo '```sh'
    echo "${shown[*]}"
    echo '```'
    echo
    echo 'Without `--targets`, our driver (DSN `pgw`) runs too, and the table gains its ratios to'
    echo 'psqlODBC and libpq and whether each goal is met.'
    echo
    "$(python_bin)" - "$results/bench.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["parameters"]
n = lambda v: f"{v:,}"
print(f"The data is a {n(p['rows'])}-row table of int4, int8, float8, numeric(12,2), 20-40 character")
print("text, timestamptz, bool and date. Every run checks the row count and a checksum of every column")
print("against values computed independently through libpq and SQL; a mismatch shows as INVALID and")
print(f"fails the command. Figures are medians of {p['repetitions']} runs, each in a fresh process; RSS is")
print(f"the peak of that process. Inserts: {n(p['insert_rows'])} rows with parameter arrays and COPY,")
print(f"{n(p['loop_rows'])} one by one; {n(p['point_queries'])} point selects; {n(p['connects'])} connects. libpq is the wire")
print("limit: binary results in single-row mode, pipelined inserts, COPY, `PQexecPrepared`.")
print("Details: `bench/README.md`.")
PY
    echo
    echo "Measured $(date -u +%Y-%m-%d) on: $(machine_description)"
    echo
    cat "$results/bench.md"
    echo "<!-- END GENERATED: benchmark -->"
  } >"$section"
  if grep -q '^<!-- BEGIN GENERATED: benchmark -->' README.md &&
    grep -q '^<!-- END GENERATED: benchmark -->' README.md; then
    awk -v f="$section" '
      /^<!-- BEGIN GENERATED: benchmark -->/ { while ((getline l < f) > 0) print l; skip = 1; next }
      /^<!-- END GENERATED: benchmark -->/ { skip = 0; next }
      !skip { print }' README.md >README.md.tmp && mv README.md.tmp README.md
  else
    { echo; cat "$section"; } >>README.md
  fi
  rm -f "$section"
  echo "run.sh: README.md updated" >&2
fi
echo "run.sh: results in $results (machine: $(machine_description))" >&2
exit "$status"
