#!/usr/bin/env bash
# THE run command: builds the driver, installs it into the system, registers it with unixODBC as
# PGWire, starts a throwaway PostgreSQL 15 and runs real queries through isql. Run as root:
#   sudo bash scripts/demo.sh
# The server keeps running afterwards; the script prints how to connect and how to stop it.
# PGW_DEMO_DSN picks the DSN the queries go through (default pgw; psql_tls etc. use psqlODBC).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
if [[ $EUID -ne 0 ]]; then
  echo "demo.sh installs the driver into the system: run it as root (sudo bash scripts/demo.sh)" >&2
  exit 1
fi
# shellcheck source=scripts/deps.sh
source scripts/deps.sh
pgw_install_deps

build=build
jobs=${PGW_JOBS:-2}
dsn=${PGW_DEMO_DSN:-pgw}

echo "=== build ($build)"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$jobs"
# Under sudo, hand the build tree back so the invoking user's own builds and tests can reuse it.
if [[ -n ${SUDO_UID:-} && -n ${SUDO_GID:-} ]]; then chown -R "$SUDO_UID:$SUDO_GID" "$build"; fi

echo "=== install"
cmake --install "$build"
driver_dir=$(sed -n 's/^PGW_ODBC_DRIVER_DIR:PATH=//p' "$build/CMakeCache.txt")
driver=$driver_dir/libpgwireodbc.so
# odbcinst -i raises the usage count on every run; take one away first so reruns leave it at one,
# while the paths are still rewritten.
if odbcinst -q -d -n PGWire >/dev/null 2>&1; then odbcinst -u -d -n PGWire >/dev/null; fi
odbcinst -i -d -f "$build/odbcinst.ini"
echo "registered in $(odbcinst -j | sed -n 's/^DRIVERS\.*: //p'):"
odbcinst -q -d -n PGWire

echo "=== throwaway PostgreSQL 15"
envdir=$(mktemp -d /tmp/pgwire-demo.XXXXXX)
bash tests/scripts/pg_server.sh start "$envdir" "$driver" >/dev/null
# shellcheck disable=SC1091
source "$envdir/server.env"
# DSNs come from a private odbc.ini; drivers from the system registration made above.
export ODBCINI=$envdir/odbc.ini
unset ODBCSYSINI ODBCINSTINI

echo "=== isql $dsn (DSN from $ODBCINI)"
status=0
isql -b -v -m24 "$dsn" <<'EOF' || status=$?
SELECT current_user AS who, current_database() AS db, inet_server_port() AS port, (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS tls, now()::timestamp(0) AS server_time
SELECT g AS n, g * g AS square, repeat('*', g) AS bar FROM generate_series(1, 5) g
EOF

cat <<EOF

=== the server is still running
  PostgreSQL 15 on 127.0.0.1 port $PGW_PORT; data, log and settings in $envdir (users, passwords: server.env)
  connect:   export ODBCINI=$ODBCINI
             isql -v pgw                      # trustuser, no TLS
             isql -v pgw_tls                  # scram over TLS, sslmode=verify-full
             isql -v -k "Driver={PGWire};Server=127.0.0.1;Port=$PGW_PORT;Database=$PGW_DB;UID=$PGW_TRUST_USER;SSLMode=disable"
  stop:      bash $root/tests/scripts/pg_server.sh stop $envdir && rm -rf $envdir
EOF
if [[ $status -ne 0 ]]; then
  echo "the query through $dsn failed (isql exit status $status)" >&2
fi
exit "$status"
