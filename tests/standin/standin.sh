#!/usr/bin/env bash
# Runs a pgw_standin (CockroachDB or CrateDB stand-in) in front of the pg_server fixture's server.
#
#   standin.sh start <testenv dir> crdb|crate <pgw_standin binary>
#   standin.sh stop  <testenv dir> crdb|crate                       idempotent
#
# start needs <dir>/server.env (tests/scripts/pg_server.sh) and writes <dir>/standin_<vendor>.env:
#   PGW_STANDIN_VENDOR   cockroachdb | cratedb
#   PGW_STANDIN_HOST     127.0.0.1
#   PGW_STANDIN_PORT     the port it listens on (chosen by the stand-in itself)
#   PGW_STANDIN_USER     the user to log in as (crdb: the trust user; crate: crate, CrateDB's default)
#   PGW_STANDIN_DB       the database to ask for (crdb: the test database; crate: doc)
#   PGW_STANDIN_PID      its process id
# Log: <dir>/standin_<vendor>.log.
set -euo pipefail

die() {
  echo "standin.sh: $*" >&2
  exit 1
}

usage() {
  echo "usage: $0 start <dir> crdb|crate <pgw_standin> | stop <dir> crdb|crate" >&2
  exit 2
}

env_value() { # <file> <key>
  sed -n "s/^$2=//p" "$1" | head -n 1
}

# The pid in <pidfile> if that process is still a pgw_standin.
live_pid() {
  local pid
  [[ -r $1 ]] || return 1
  pid=$(cat "$1" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    [[ $(cat "/proc/$pid/comm" 2>/dev/null) == pgw_standin ]] && echo "$pid"
}

# Running and not yet a zombie (an exited daemon stays one until whoever adopted it reaps it).
running() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z ]]
}

stop_standin() { # <dir> <vendor>
  local dir=$1 vendor=$2 pid i
  if pid=$(live_pid "$dir/standin_$vendor.pid"); then
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      running "$pid" || break
      sleep 0.05
    done
    if running "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$dir/standin_$vendor.pid" "$dir/standin_$vendor.port" "$dir/standin_$vendor.env"
}

start_standin() { # <dir> <vendor> <binary>
  local dir=$1 vendor=$2 bin=$3 env=$1/server.env
  [[ -x $bin ]] || die "not executable: $bin"
  [[ -r $env ]] || die "$env missing (is the pg_server fixture running?)"
  local host port trust db
  host=$(env_value "$env" PGW_HOST)
  port=$(env_value "$env" PGW_PORT)
  trust=$(env_value "$env" PGW_TRUST_USER)
  db=$(env_value "$env" PGW_DB)
  local -a args=(--listen 127.0.0.1:0 --upstream "$host:$port" --port-file "$dir/standin_$vendor.port")
  local long user client_db
  case $vendor in
    crdb)
      long=cockroachdb user=$trust client_db=$db
      args+=(--vendor cockroachdb)
      ;;
    crate)
      # CrateDB's default user `crate` and schema `doc` map to the test server's trust user and db.
      long=cratedb user=crate client_db=doc
      args+=(--vendor cratedb --upstream-user "$trust" --upstream-database "$db")
      ;;
    *) usage ;;
  esac

  stop_standin "$dir" "$vendor"
  # Detached, with no inherited descriptors ctest would wait on.
  setsid "$bin" "${args[@]}" </dev/null >"$dir/standin_$vendor.log" 2>&1 &
  local pid=$! i
  echo "$pid" >"$dir/standin_$vendor.pid"
  for ((i = 0; i < 200; i++)); do
    [[ -s $dir/standin_$vendor.port ]] && break
    running "$pid" || break
    sleep 0.05
  done
  if [[ ! -s $dir/standin_$vendor.port ]]; then
    cat "$dir/standin_$vendor.log" >&2 || true
    stop_standin "$dir" "$vendor"
    die "the $vendor stand-in did not start"
  fi
  local listen_port
  listen_port=$(cat "$dir/standin_$vendor.port")
  cat >"$dir/standin_$vendor.env" <<EOT
PGW_STANDIN_VENDOR=$long
PGW_STANDIN_HOST=127.0.0.1
PGW_STANDIN_PORT=$listen_port
PGW_STANDIN_USER=$user
PGW_STANDIN_DB=$client_db
PGW_STANDIN_PID=$pid
EOT
  echo "$long stand-in on 127.0.0.1:$listen_port -> PostgreSQL $host:$port (pid $pid, log $dir/standin_$vendor.log)"
  echo "  psql \"host=127.0.0.1 port=$listen_port user=$user dbname=$client_db sslmode=disable\""
}

main() {
  [[ $# -ge 3 ]] || usage
  local cmd=$1 dir=$2 vendor=$3
  [[ $vendor == crdb || $vendor == crate ]] || usage
  case $cmd in
    start)
      [[ $# -ge 4 ]] || usage
      [[ -d $dir ]] || die "no such directory: $dir"
      start_standin "$(cd "$dir" && pwd -P)" "$vendor" "$(readlink -f "$4")"
      ;;
    stop)
      [[ -d $dir ]] || return 0
      dir=$(cd "$dir" && pwd -P)
      stop_standin "$dir" "$vendor"
      # A sanitized build reports its findings in the log when it exits: fail the fixture then.
      if grep -qE 'ERROR: (Address|Leak|Thread)Sanitizer|runtime error:' "$dir/standin_$vendor.log" 2>/dev/null; then
        cat "$dir/standin_$vendor.log" >&2
        die "the $vendor stand-in reported sanitizer errors"
      fi
      ;;
    *) usage ;;
  esac
}

main "$@"
