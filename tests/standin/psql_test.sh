#!/usr/bin/env bash
# psql, PostgreSQL's own client, against both stand-ins: an independent implementation of the
# wire protocol must see the vendor (versions, tags, errors) exactly as vendors.md describes.
#   psql_test.sh <testenv dir>
set -uo pipefail

dir=${1:?usage: psql_test.sh <testenv dir>}
value() { sed -n "s/^$2=//p" "$dir/$1" | head -n 1; }
pg_bin=$(value server.env PGW_PG_BIN)
psql=${pg_bin:+$pg_bin/}psql
failures=0

# check <name> <expected output> <command...>
check() {
  local name=$1 expected=$2 actual
  shift 2
  actual=$(PGCONNECT_TIMEOUT=10 timeout 60 "$@" 2>&1)
  if [[ $actual == "$expected" ]]; then
    echo "ok   $name"
  else
    echo "FAIL $name"
    diff <(echo "$expected") <(echo "$actual") | sed 's/^/     /'
    failures=$((failures + 1))
  fi
}

crdb="host=127.0.0.1 port=$(value standin_crdb.env PGW_STANDIN_PORT) user=$(value standin_crdb.env PGW_STANDIN_USER) dbname=$(value standin_crdb.env PGW_STANDIN_DB)"
crate="host=127.0.0.1 port=$(value standin_crate.env PGW_STANDIN_PORT) user=$(value standin_crate.env PGW_STANDIN_USER) dbname=$(value standin_crate.env PGW_STANDIN_DB)"

# sslmode=prefer: psql asks for TLS first and goes on in plain text after the 'N'.
check crdb.versions_types_isolation $'13.0.0\n1|2|{}\nserializable' \
  "$psql" -X -At "$crdb sslmode=prefer" -c '\echo :SERVER_VERSION_NAME' \
  -c "select 1::int4, 2::int8, '{}'::json" -c 'show transaction_isolation'

check crdb.ssl_required_is_refused \
  'psql: error: connection to server at "127.0.0.1", port '"$(value standin_crdb.env PGW_STANDIN_PORT)"' failed: server does not support SSL, but SSL was required' \
  "$psql" -X -At "$crdb sslmode=require" -c 'select 1'

check crdb.retry_protocol_savepoints $'BEGIN\nSAVEPOINT\n1\nRELEASE\nCOMMIT' \
  "$psql" -X -At "$crdb sslmode=disable" -c 'begin' -c 'savepoint cockroach_restart' \
  -c 'select 1' -c 'release savepoint cockroach_restart' -c 'commit'

expecting="{'SELECT', 'DEALLOCATE', 'FETCH', 'END', 'WITH', 'CREATE', 'ALTER', 'KILL', 'CLOSE', 'BEGIN', 'START', 'COMMIT', 'ANALYZE', 'DISCARD', 'EXPLAIN', 'SHOW', 'OPTIMIZE', 'REFRESH', 'RESTORE', 'DROP', 'INSERT', 'VALUES', 'DELETE', 'UPDATE', 'SET', 'RESET', 'COPY', 'GRANT', 'DENY', 'REVOKE', 'DECLARE'}"
check crate.transactions_ignored_rollback_refused \
  $'14.0\nBEGIN\n2\nERROR:  line 1:1: mismatched input \'rollback\' expecting '"$expecting"$'\nCOMMIT 0' \
  "$psql" -X -At -v VERBOSITY=terse -v SHOW_CONTEXT=never "$crate sslmode=prefer" \
  -c '\echo :SERVER_VERSION_NAME' -c 'begin' -c 'select 2' -c 'rollback' -c 'commit'

# Both statements of the first query string are tagged with its first word (CREATE).
check crate.tags_and_empty_query $'CREATE 1\nCREATE 3\nINSERT 0 3\nUPDATE 6\n6' \
  "$psql" -X -At "$crate sslmode=disable" -c 'create temp table t (a text); insert into t values (1), (2), (3)' \
  -c 'insert into t values (1), (2), (3)' -c 'update t set a = a' -c ';' -c 'select count(*) from t'

if ((failures > 0)); then
  echo "$failures psql check(s) failed"
  exit 1
fi
echo "all psql checks passed"
