#!/usr/bin/env bash
# The benchmark as a correctness test (ctest bench.smoke): every case on a small table, once,
# against one ODBC DSN and libpq. No timing is asserted; it fails when any run returns rows or
# values other than the expected ones, or errors.
#
#   smoke.sh <pgw_bench binary>
# Environment (ctest sets them from the pg_server fixture): ODBCSYSINI, ODBCINI, PGW_TESTENV_DIR,
# and PGW_TEST_DSN (default pgw; psql_trust runs the same on psqlODBC).
set -euo pipefail

bench=${1:?usage: smoke.sh <pgw_bench binary>}
dsn=${PGW_TEST_DSN:-pgw}
env_file=${PGW_TESTENV_DIR:?PGW_TESTENV_DIR must name the directory pg_server.sh started}/server.env
[[ -r $env_file ]] || { echo "smoke.sh: $env_file not found (is the server running?)" >&2; exit 1; }
port=$(sed -n 's/^PGW_PORT=//p' "$env_file")
host=$(sed -n 's/^PGW_HOST=//p' "$env_file")
db=$(sed -n 's/^PGW_DB=//p' "$env_file")
user=$(sed -n 's/^PGW_TRUST_USER=//p' "$env_file")

# A prefix per DSN keeps this test's tables apart from a concurrent run on another DSN.
exec "$bench" --dsn "$dsn" \
  --libpq "host=$host port=$port dbname=$db user=$user sslmode=disable connect_timeout=10" \
  --rows 2000 --insert-rows 2500 --loop-rows 300 --point-queries 300 --connects 3 --reps 1 \
  --prefix "smoke_${dsn//[^A-Za-z0-9_]/_}" --child-timeout 120 --cleanup
