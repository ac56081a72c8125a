#!/usr/bin/env bash
# unixODBC's own command-line clients against the test server: isql (ANSI entry points) and iusql
# (wide entry points) must print exactly the expected text.
#
# Environment (ctest sets the first three from the pg_server fixture):
#   ODBCSYSINI, ODBCINI   where pg_server.sh wrote odbcinst.ini and odbc.ini
#   PGW_TEST_DSN          the trust DSN to test (default pgw; psql_trust runs the same checks on psqlODBC)
# The sibling DSNs <base>_md5, _scram, _cleartext, _tls and _cert are derived from its first word
# (pgw -> pgw_scram, psql_trust -> psql_scram).
set -uo pipefail

DSN=${PGW_TEST_DSN:-pgw}
BASE=${DSN%%_*}
: "${ODBCINI:?ODBCINI must point at the odbc.ini written by tests/scripts/pg_server.sh}"
# isql and iusql are run in batch mode (-b) with '|' between columns and a header line (-c):
# no padding and no box, so the output depends only on the values.
ISQL_FLAGS=(-b '-d|' -c)
TIMEOUT=60

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

pass() {
  echo "PASS: $1"
  passed=$((passed + 1))
}
fail() {
  echo "FAIL: $1"
  failed=$((failed + 1))
}

# check <name> <expected file> <actual file>
check() {
  if diff -u --label expected --label actual "$2" "$3" >"$work/diff"; then
    pass "$1"
  else
    fail "$1"
    cat "$work/diff"
  fi
}

cat >"$work/queries.sql" <<'EOF'
SELECT 1+1 AS two, 'héllo wörld ✓' AS t, NULL AS n
SELECT count(*) AS c, sum(g) AS s FROM generate_series(1, 100000) g
SELECT true AS b, false AS f, 1.50::numeric(5,2) AS num, 9223372036854775807 AS big, (-32768)::int2 AS small, DATE '2024-02-29' AS d, TIMESTAMP '2024-02-29 13:14:15' AS ts, -2.5::float8 AS dbl
SELECT g, repeat('ab', g) AS r FROM generate_series(1, 3) g ORDER BY g
CREATE TEMPORARY TABLE smoke (id int PRIMARY KEY, name text)
INSERT INTO smoke VALUES (1, 'one'), (2, 'twö'), (3, NULL)
SELECT id, name, upper(left(name, 2)) AS u, name IS NULL AS isnull FROM smoke ORDER BY id
EOF
# iusql widens each input byte to one SQLWCHAR (and narrows back on output), so non-ASCII text only
# round-trips through it; what the server really received is checked through isql alone.
cat >"$work/utf8.sql" <<'EOF'
SELECT length('héllo wörld ✓') AS len, octet_length('✓') AS octets, upper('twö') AS u
EOF
cat >"$work/utf8_expected.txt" <<'EOF'
len|octets|u
13|3|TWÖ
EOF
cat >"$work/expected.txt" <<'EOF'
two|t|n
2|héllo wörld ✓|
c|s
100000|5000050000
b|f|num|big|small|d|ts|dbl
1|0|1.50|9223372036854775807|-32768|2024-02-29|2024-02-29 13:14:15|-2.5
g|r
1|ab
2|abab
3|ababab
id|name|u|isnull
1|one|ON|0
2|twö|TW|0
3|||1
EOF

for tool in isql iusql; do
  if timeout "$TIMEOUT" "$tool" "${ISQL_FLAGS[@]}" "$DSN" <"$work/queries.sql" >"$work/$tool.out" \
    2>"$work/$tool.err"; then
    check "$tool queries on $DSN" "$work/expected.txt" "$work/$tool.out"
  else
    fail "$tool queries on $DSN (exit status $?)"
    cat "$work/$tool.out" "$work/$tool.err"
  fi
done

timeout "$TIMEOUT" isql "${ISQL_FLAGS[@]}" "$DSN" <"$work/utf8.sql" >"$work/utf8.out" 2>&1
check "isql sends UTF-8 text unchanged on $DSN" "$work/utf8_expected.txt" "$work/utf8.out"

# Every authentication method and TLS: who we are and whether the session is encrypted.
for spec in "md5 md5user 0" "scram scramuser 0" "cleartext cleartextuser 0" "tls tlsonly 1" \
  "cert certuser 1"; do
  read -r suffix user ssl <<<"$spec"
  printf '%s|ssl\n%s|%s\n' current_user "$user" "$ssl" >"$work/auth_expected.txt"
  echo "SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()" |
    timeout "$TIMEOUT" isql "${ISQL_FLAGS[@]}" "${BASE}_$suffix" >"$work/auth.out" 2>&1
  check "isql connects as $user via ${BASE}_$suffix" "$work/auth_expected.txt" "$work/auth.out"
done

# A wrong password is refused with the server's SQLSTATE 28P01, and isql reports the failed connect.
# psqlODBC (the reference runs) reports every failed connection as 08001.
bad_pw_state=28P01
[[ $BASE == psql ]] && bad_pw_state=08001
echo "SELECT 1" | timeout "$TIMEOUT" isql -b -v "${BASE}_scram" scramuser wrong-password \
  >"$work/badpw.out" 2>&1
status=$?
if [[ $status -ne 0 ]] && grep -q "^\\[$bad_pw_state\\]" "$work/badpw.out"; then
  pass "wrong password is rejected with $bad_pw_state"
else
  fail "wrong password is rejected with $bad_pw_state (exit status $status)"
  cat "$work/badpw.out"
fi

# A server error keeps its SQLSTATE; the message text is the driver's own, so only the state is fixed.
echo "SELECT * FROM no_such_table" | timeout "$TIMEOUT" isql -b -v "$DSN" >"$work/err.out" 2>&1
if grep -q '^\[42P01\].*no_such_table' "$work/err.out"; then
  pass "missing table reports 42P01"
else
  fail "missing table reports 42P01"
  cat "$work/err.out"
fi

echo "isql smoke ($DSN): $passed passed, $failed failed"
[[ $failed -eq 0 ]]
