#!/usr/bin/env bash
# A throwaway PostgreSQL 15 for the test suites and the demo.
#
#   pg_server.sh start <dir> [driver.so]   (re)start a fresh server whose state lives under <dir>
#   pg_server.sh stop  <dir>               stop it and delete its data; idempotent
#
# start writes, in <dir>:
#   server.env     plain KEY=VALUE lines (no quotes, no export): port, users, passwords, certificates
#   odbcinst.ini   [PGWire] -> driver.so (when given), [psqlODBC] -> the system psqlODBC, for reference runs
#   odbc.ini       DSNs pgw, pgw_md5, pgw_scram, pgw_cleartext, pgw_tls, pgw_cert (driver PGWire) and
#                  psql_* equivalents (psqlODBC), plus psql_trust_declare (psqlODBC with a cursor)
#   tls/           a test CA, server and client certificates, and an unrelated CA for negative tests
#   postgres.log   the server log
# Point unixODBC at it with ODBCSYSINI=<dir> ODBCINI=<dir>/odbc.ini.
#
# initdb and postgres refuse to run as root, so as root the server runs as the OS user pgwtest
# (created when missing). The server is never on 5432: the port is picked by test-binding.
set -euo pipefail

PG_BIN=${PGW_PG_BIN:-/usr/lib/postgresql/15/bin}
PSQLODBC_SO=${PGW_PSQLODBC_SO:-/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so}
SERVER_OS_USER=pgwtest
SELF=$(readlink -f "${BASH_SOURCE[0]}")
DB_NAME=pgwtest
# Fixed, throwaway credentials: they only ever guard a loopback server that lives for one test run.
MD5_PASSWORD=md5-secret-1
SCRAM_PASSWORD=scram-secret-2
TLSONLY_PASSWORD=tlsonly-secret-3
CLEARTEXT_PASSWORD=cleartext-secret-4

die() {
  echo "pg_server.sh: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start <dir> [driver.so] | stop <dir>" >&2
  exit 2
}

# Runs a command as the OS user that owns the cluster. cwd is / so that a user without access
# to the caller's cwd (e.g. /root) does not make initdb or pg_ctl fail.
as_server() {
  if [[ $EUID -eq 0 ]]; then
    (cd / && runuser -u "$SERVER_OS_USER" -- "$@")
  else
    (cd / && "$@")
  fi
}

ensure_server_os_user() {
  [[ $EUID -eq 0 ]] || return 0
  id -u "$SERVER_OS_USER" >/dev/null 2>&1 && return 0
  # A concurrent start may have created it meanwhile; only a still-missing user is an error.
  useradd --system --user-group --no-create-home --home-dir /nonexistent \
    --shell /usr/sbin/nologin "$SERVER_OS_USER" 2>/dev/null || id -u "$SERVER_OS_USER" >/dev/null ||
    die "cannot create OS user $SERVER_OS_USER"
}

python_bin() {
  # Debian's python3 first: a pyenv shim earlier in PATH may not be usable here.
  if [[ -x /usr/bin/python3 ]]; then echo /usr/bin/python3; else command -v python3; fi
}

# Prints "<port> <ipv6:0|1>": a port that is free on 127.0.0.1 (and on ::1 when the host has it),
# chosen at random below the Linux ephemeral range so outgoing connections do not take it.
pick_port() {
  "$(python_bin)" - <<'EOF'
import random, socket

def ipv6_available():
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False

def free(port, has6):
    families = [(socket.AF_INET, "127.0.0.1"), (socket.AF_INET, "127.0.0.2")] + ([(socket.AF_INET6, "::1")] if has6 else [])
    for family, addr in families:
        try:
            with socket.socket(family, socket.SOCK_STREAM) as s:
                s.bind((addr, port))
        except OSError:
            return False
    return True

has6 = ipv6_available()
rng = random.SystemRandom()
for _ in range(500):
    port = rng.randint(15000, 32000)
    if port != 5432 and free(port, has6):
        print(port, int(has6))
        break
else:
    raise SystemExit("no free port found")
EOF
}

# --- TLS material -------------------------------------------------------------------------------
write_openssl_config() {
  cat >"$1" <<'EOF'
[req]
distinguished_name = dn
prompt = no
[dn]
CN = placeholder
[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[v3_server]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[v3_client]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
}

make_ca() { # <cnf> <name> <cn>
  openssl req -x509 -config "$1" -extensions v3_ca -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
    -noenc -keyout "$2.key" -out "$2.crt" -days 3650 -subj "/CN=$3" 2>/dev/null
}

make_leaf() { # <cnf> <extensions> <ca> <name> <cn>
  openssl req -new -config "$1" -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -noenc \
    -keyout "$4.key" -out "$4.csr" -subj "/CN=$5" 2>/dev/null
  openssl x509 -req -in "$4.csr" -CA "$3.crt" -CAkey "$3.key" -set_serial "0x$(openssl rand -hex 8)" \
    -days 825 -extfile "$1" -extensions "$2" -out "$4.crt" 2>/dev/null
  rm -f "$4.csr"
}

make_tls() { # <tls dir>
  local tls=$1
  rm -rf "$tls"
  mkdir -p "$tls"
  chmod 700 "$tls"
  write_openssl_config "$tls/openssl.cnf"
  (
    cd "$tls"
    umask 077
    make_ca openssl.cnf ca "pgwire-odbc test CA"
    make_leaf openssl.cnf v3_server ca server localhost
    make_leaf openssl.cnf v3_client ca client certuser
    make_ca openssl.cnf wrong-ca "pgwire-odbc unrelated CA"
    make_leaf openssl.cnf v3_client wrong-ca wrong-client certuser
  ) || die "certificate generation failed"
  chmod 644 "$tls"/*.crt
  chmod 755 "$tls"
}

# --- stop ---------------------------------------------------------------------------------------
# Returns the pid of the postmaster that owns <pgdata>, if it is still alive.
postmaster_pid() {
  local pidfile=$1/postmaster.pid pid
  [[ -r $pidfile ]] || return 1
  pid=$(head -n 1 "$pidfile" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == postgres ]] && echo "$pid"
}

stop_server() {
  local dir=$1 pgdata="" srvroot="" pid i
  if [[ -r $dir/server.state ]]; then
    pgdata=$(sed -n 's/^PGDATA=//p' "$dir/server.state")
    srvroot=$(sed -n 's/^SRVROOT=//p' "$dir/server.state")
  elif [[ -d $dir/pgdata ]]; then
    pgdata=$(readlink -f "$dir/pgdata")
  fi
  if [[ -n $pgdata && -d $pgdata ]]; then
    if pid=$(postmaster_pid "$pgdata"); then
      # pg_ctl's own -t bounds the wait; timeout guards against anything else that could stall.
      as_server timeout 40 "$PG_BIN/pg_ctl" stop -D "$pgdata" -m fast -t 30 >/dev/null 2>&1 || true
      if pid=$(postmaster_pid "$pgdata"); then
        kill -KILL "$pid" 2>/dev/null || true
        for ((i = 0; i < 100; i++)); do
          kill -0 "$pid" 2>/dev/null || break
          sleep 0.1
        done
      fi
    fi
    rm -rf "$pgdata"
  fi
  rm -rf "$dir/pgdata" "$dir/sock" "$dir/server.state"
  [[ -n $srvroot && $srvroot == /tmp/pgwtest-srv.* ]] && rm -rf "$srvroot"
  return 0
}

# --- start --------------------------------------------------------------------------------------
write_pg_hba() { # <file> <superuser>
  local su=$2 lines=() user method addr
  lines+=("local all $su trust")
  # host rules are written for both loopback families; "host" matches TLS and plain TCP alike.
  for spec in "trustuser trust" "md5user md5" "scramuser scram-sha-256" "cleartextuser password"; do
    read -r user method <<<"$spec"
    lines+=("local all $user $method")
    for addr in 127.0.0.0/8 ::1/128; do lines+=("host all $user $addr $method"); done
  done
  for addr in 127.0.0.0/8 ::1/128; do
    lines+=("hostssl all certuser $addr cert clientcert=verify-full")
    lines+=("hostssl all tlsonly $addr scram-sha-256")
    lines+=("hostnossl all tlsonly $addr reject")
  done
  printf '%s\n' "# Generated by tests/scripts/pg_server.sh; first match wins." "${lines[@]}" >"$1"
}

write_postgresql_conf() { # <pgdata> <socket dir> <listen addresses>
  cat >>"$1/postgresql.conf" <<EOF

# --- pgwire-odbc test settings (tests/scripts/pg_server.sh) ---
include_if_exists = 'pgw_port.conf'
listen_addresses = '$3'
unix_socket_directories = '$2'
unix_socket_permissions = 0777
max_connections = 50
shared_buffers = 64MB
ssl = on
ssl_cert_file = 'server.crt'
ssl_key_file = 'server.key'
ssl_ca_file = 'root.crt'
password_encryption = 'scram-sha-256'
timezone = 'UTC'
log_timezone = 'UTC'
lc_messages = 'C'
datestyle = 'ISO, MDY'
log_connections = on
log_line_prefix = '%m [%p] %q%u@%d '
# A throwaway cluster: durability buys nothing and costs test time.
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
}

setup_sql() { # <superuser>
  cat <<EOF
\set ON_ERROR_STOP 1
SET password_encryption = 'md5';
CREATE ROLE md5user LOGIN PASSWORD '$MD5_PASSWORD';
SET password_encryption = 'scram-sha-256';
CREATE ROLE trustuser LOGIN;
CREATE ROLE scramuser LOGIN PASSWORD '$SCRAM_PASSWORD';
CREATE ROLE cleartextuser LOGIN PASSWORD '$CLEARTEXT_PASSWORD';
CREATE ROLE certuser LOGIN;
CREATE ROLE tlsonly LOGIN PASSWORD '$TLSONLY_PASSWORD';
CREATE DATABASE $DB_NAME OWNER trustuser ENCODING 'UTF8' TEMPLATE template0;
GRANT ALL ON DATABASE $DB_NAME TO PUBLIC;
\connect $DB_NAME
ALTER SCHEMA public OWNER TO trustuser;
GRANT ALL ON SCHEMA public TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE trustuser, md5user, scramuser, cleartextuser, certuser, tlsonly
  IN SCHEMA public GRANT ALL ON TABLES TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE trustuser, md5user, scramuser, cleartextuser, certuser, tlsonly
  IN SCHEMA public GRANT ALL ON SEQUENCES TO PUBLIC;
EOF
}

write_server_env() { # <dir> <port> <sockdir> <superuser> <driver> <pgdata> <has6>
  local dir=$1 host6=""
  [[ $7 == 1 ]] && host6=::1
  cat >"$dir/server.env" <<EOF
PGW_PORT=$2
PGW_HOST=127.0.0.1
PGW_HOST6=$host6
PGW_TLS_HOST=localhost
PGW_NOSAN_HOST=127.0.0.2
PGW_SOCKET_DIR=$3
PGW_DB=$DB_NAME
PGW_SUPERUSER=$4
PGW_TRUST_USER=trustuser
PGW_MD5_USER=md5user
PGW_MD5_PASSWORD=$MD5_PASSWORD
PGW_SCRAM_USER=scramuser
PGW_SCRAM_PASSWORD=$SCRAM_PASSWORD
PGW_CLEARTEXT_USER=cleartextuser
PGW_CLEARTEXT_PASSWORD=$CLEARTEXT_PASSWORD
PGW_CERT_USER=certuser
PGW_TLSONLY_USER=tlsonly
PGW_TLSONLY_PASSWORD=$TLSONLY_PASSWORD
PGW_CA_CERT=$dir/tls/ca.crt
PGW_CLIENT_CERT=$dir/tls/client.crt
PGW_CLIENT_KEY=$dir/tls/client.key
PGW_WRONG_CA=$dir/tls/wrong-ca.crt
PGW_WRONG_CLIENT_CERT=$dir/tls/wrong-client.crt
PGW_WRONG_CLIENT_KEY=$dir/tls/wrong-client.key
PGW_DRIVER=$5
PGW_PSQLODBC=$PSQLODBC_SO
PGW_ODBCSYSINI=$dir
PGW_ODBCINI=$dir/odbc.ini
PGW_PGDATA=$6
PGW_LOG=$dir/postgres.log
PGW_PG_BIN=$PG_BIN
EOF
}

# DSN sections for one driver. <style> chooses the driver's keyword spelling.
write_dsns() { # <style pgw|psql> <prefix> <driver name or path> <port> <dir>
  local style=$1 prefix=$2 drv=$3 port=$4 tls=$5/tls
  local -a dsns
  # name | user | password | sslmode | host | client cert (yes/no)
  dsns=(
    "trust|trustuser||disable|127.0.0.1|no"
    "md5|md5user|$MD5_PASSWORD|disable|127.0.0.1|no"
    "scram|scramuser|$SCRAM_PASSWORD|disable|127.0.0.1|no"
    "cleartext|cleartextuser|$CLEARTEXT_PASSWORD|disable|127.0.0.1|no"
    "tls|tlsonly|$TLSONLY_PASSWORD|verify-full|localhost|no"
    "cert|certuser||verify-full|localhost|yes"
  )
  local spec name user pw ssl host cert section label=psqlODBC
  [[ $style == pgw ]] && label=PGWire
  for spec in "${dsns[@]}"; do
    IFS='|' read -r name user pw ssl host cert <<<"$spec"
    section=${prefix}_$name
    # The plain-trust DSN of our own driver is the one everything defaults to: call it just "pgw".
    [[ $style == pgw && $name == trust ]] && section=pgw
    echo "[$section]"
    echo "Description=$label as $user (sslmode=$ssl)"
    echo "Driver=$drv"
    if [[ $style == pgw ]]; then
      printf 'Server=%s\nPort=%s\nDatabase=%s\nUID=%s\nPWD=%s\nSSLMode=%s\n' \
        "$host" "$port" "$DB_NAME" "$user" "$pw" "$ssl"
      if [[ $ssl == verify-* ]]; then echo "SSLRootCert=$tls/ca.crt"; fi
      if [[ $cert == yes ]]; then printf 'SSLCert=%s\nSSLKey=%s\n' "$tls/client.crt" "$tls/client.key"; fi
    else
      printf 'Servername=%s\nPort=%s\nDatabase=%s\nUsername=%s\nPassword=%s\nSSLmode=%s\n' \
        "$host" "$port" "$DB_NAME" "$user" "$pw" "$ssl"
      local pq=""
      if [[ $ssl == verify-* ]]; then pq="sslrootcert=$tls/ca.crt"; fi
      if [[ $cert == yes ]]; then pq+=" sslcert=$tls/client.crt sslkey=$tls/client.key"; fi
      if [[ -n $pq ]]; then echo "pqopt=$pq"; fi
      # Report booleans as SQL_BIT like every other driver (psqlODBC's default is '1'/'0' text).
      echo "BoolsAsChar=0"
    fi
    echo
  done
  if [[ $style == psql ]]; then
    # psqlODBC streams with a cursor only when asked; benchmarks compare both of its modes.
    printf '[%s_trust_declare]\nDescription=psqlODBC as trustuser, cursor-based fetch\nDriver=%s\n' \
      "$prefix" "$drv"
    printf 'Servername=127.0.0.1\nPort=%s\nDatabase=%s\nUsername=trustuser\nPassword=\nSSLmode=disable\n' \
      "$port" "$DB_NAME"
    printf 'BoolsAsChar=0\nUseDeclareFetch=1\nFetch=10000\n\n'
  fi
}

write_odbc_files() { # <dir> <port> <driver>
  local dir=$1 port=$2 driver=$3
  {
    echo "# Generated by tests/scripts/pg_server.sh"
    if [[ -n $driver ]]; then
      printf '[PGWire]\nDescription=pgwire-odbc (test build)\nDriver=%s\nThreading=0\n\n' "$driver"
    fi
    printf '[psqlODBC]\nDescription=psqlODBC Unicode (reference driver)\nDriver=%s\n' "$PSQLODBC_SO"
  } >"$dir/odbcinst.ini"
  {
    echo "# Generated by tests/scripts/pg_server.sh"
    echo
    if [[ -n $driver ]]; then write_dsns pgw pgw PGWire "$port" "$dir"; fi
    # psqlODBC's DSNs name its library directly, so they also work where ODBCSYSINI is not this dir
    # (the demo uses the system registration); DSN-less strings can use the name {psqlODBC}.
    write_dsns psql psql "$PSQLODBC_SO" "$port" "$dir"
  } >"$dir/odbc.ini"
}

# Bounded poll until the server accepts connections. The TCP listeners are opened before the
# Unix socket, so a ready socket means TCP is ready too; asking as the superuser keeps the log clean.
wait_ready() { # <port> <sockdir> <superuser>
  local i
  for ((i = 0; i < 200; i++)); do
    if "$PG_BIN/pg_isready" -q -t 2 -h "$2" -p "$1" -U "$3" -d postgres; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

start_server() {
  local dir=$1 driver=$2
  [[ -x $PG_BIN/postgres ]] || die "PostgreSQL binaries not found in $PG_BIN (apt-get install postgresql-15)"
  command -v openssl >/dev/null || die "openssl not found"
  if [[ -n $driver ]]; then
    [[ $driver == /* ]] || driver=$(readlink -f "$driver")
  fi

  stop_server "$dir"
  ensure_server_os_user
  local su
  if [[ $EUID -eq 0 ]]; then su=$SERVER_OS_USER; else su=$(id -un); fi

  # The server's own files go in <dir> unless its user cannot reach <dir> (e.g. under /root) or a
  # socket path there would exceed the 107-byte sun_path limit; then they go to a private /tmp dir.
  local srvroot=$dir fallback=""
  if [[ $EUID -eq 0 ]]; then
    chmod 755 "$dir"
    as_server test -x "$dir" || fallback=1
  fi
  if ((${#dir} > 70)); then fallback=1; fi
  if [[ -n $fallback ]]; then
    srvroot=$(mktemp -d /tmp/pgwtest-srv.XXXXXX)
    chmod 755 "$srvroot"
  fi
  local pgdata=$srvroot/pgdata sockdir=$srvroot/sock
  printf 'PGDATA=%s\nSRVROOT=%s\n' "$pgdata" "${fallback:+$srvroot}" >"$dir/server.state"
  if [[ -n $fallback ]]; then ln -sfn "$pgdata" "$dir/pgdata"; fi

  mkdir -p "$pgdata" "$sockdir"
  chmod 700 "$pgdata"
  if [[ $EUID -eq 0 ]]; then chown "$SERVER_OS_USER:" "$pgdata" "$sockdir"; fi

  make_tls "$dir/tls"

  as_server timeout 120 "$PG_BIN/initdb" -D "$pgdata" -U "$su" -E UTF8 --locale=C.UTF-8 \
    --lc-messages=C --auth-local=trust --auth-host=reject --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    die "initdb failed"
  }
  cp "$dir/tls/server.crt" "$pgdata/server.crt"
  cp "$dir/tls/server.key" "$pgdata/server.key"
  cp "$dir/tls/ca.crt" "$pgdata/root.crt"
  chmod 600 "$pgdata/server.key"

  local port has6 listen attempt started="" log_mark
  : >"$dir/postgres.log"
  for ((attempt = 1; attempt <= 5; attempt++)); do
    log_mark=$(stat -c %s "$dir/postgres.log")
    read -r port has6 < <(pick_port) || die "could not pick a free port"
    # 127.0.0.2 is not in the server certificate: verify-full must refuse it, verify-ca accept it.
    listen=127.0.0.1,127.0.0.2
    [[ $has6 == 1 ]] && listen="127.0.0.1,127.0.0.2,::1"
    if ((attempt == 1)); then
      write_postgresql_conf "$pgdata" "$sockdir" "$listen"
      write_pg_hba "$pgdata/pg_hba.conf" "$su"
    fi
    echo "port = $port" >"$pgdata/pgw_port.conf"
    if [[ $EUID -eq 0 ]]; then chown -R "$SERVER_OS_USER:" "$pgdata"; fi
    # The log is opened here, by the caller, so the server user needs no write access to <dir>.
    # pg_ctl -w bounds the wait and notices a postmaster that died during startup.
    if as_server "$PG_BIN/pg_ctl" start -D "$pgdata" -w -t 30 -s >>"$dir/postgres.log" 2>&1; then
      started=1
      break
    fi
    # Only a lost race for the port is worth another try; anything else is a real failure.
    tail -c +$((log_mark + 1)) "$dir/postgres.log" |
      grep -qE 'could not (bind|create any TCP/IP sockets)|Address already in use' || break
  done
  if [[ -z $started ]] || ! wait_ready "$port" "$sockdir" "$su"; then
    tail -n 30 "$dir/postgres.log" >&2
    stop_server "$dir"
    die "server did not start; log: $dir/postgres.log"
  fi

  setup_sql "$su" | PGCONNECT_TIMEOUT=10 timeout 120 "$PG_BIN/psql" -X -q -h "$sockdir" -p "$port" \
    -U "$su" -d postgres >"$dir/setup.log" 2>&1 || {
    cat "$dir/setup.log" >&2
    stop_server "$dir"
    die "setting up users and database failed"
  }

  write_server_env "$dir" "$port" "$sockdir" "$su" "$driver" "$pgdata" "$has6"
  write_odbc_files "$dir" "$port" "$driver"

  local addrs=127.0.0.1 dsn=psql_trust
  [[ $has6 == 1 ]] && addrs="127.0.0.1 and ::1"
  [[ -n $driver ]] && dsn=pgw
  cat <<EOF
PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') running on $addrs port $port, socket dir $sockdir
  data:        $pgdata (log: $dir/postgres.log)
  settings:    $dir/server.env (users, passwords, certificates)
  ODBC:        export ODBCSYSINI=$dir ODBCINI=$dir/odbc.ini   then e.g.  isql -v $dsn
  psql:        $PG_BIN/psql -h 127.0.0.1 -p $port -U trustuser $DB_NAME
  stop:        $SELF stop $dir
EOF
}

main() {
  [[ $# -ge 2 ]] || usage
  local cmd=$1 dir=$2 driver=${3:-}
  [[ $dir =~ [[:space:]] ]] && die "<dir> must not contain whitespace (server.env is unquoted)"
  case $cmd in
    start) mkdir -p "$dir" ;;
    stop) [[ -d $dir ]] || return 0 ;;
    *) usage ;;
  esac
  dir=$(cd "$dir" && pwd -P)
  cd /
  if [[ $cmd == start ]]; then start_server "$dir" "$driver"; else stop_server "$dir"; fi
}

main "$@"
