#!/usr/bin/env bash
# THE test command: installs missing dependencies (as root), builds two trees and runs every test.
#   build/       RelWithDebInfo: unit, integration (real PostgreSQL), client (isql, iusql, pyodbc),
#                format check
#   build-asan/  AddressSanitizer + UBSan: unit and integration tests (isql and python are not
#                sanitized, so a sanitized driver cannot be loaded into them: client.* is excluded)
# Exits non-zero if anything failed; the last line is 'tests: N passed, N failed' over both trees.
# PGW_JOBS sets build/test parallelism (default 2: the machines have two cores).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1
# shellcheck source=scripts/deps.sh
source scripts/deps.sh
pgw_install_deps || { echo "dependency installation failed" >&2; exit 1; }

jobs=${PGW_JOBS:-2}
# LeakSanitizer works in this container (checked with a deliberate leak); keep it on.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

total_passed=0
total_failed=0
status=0
logdir=$(mktemp -d)
trap 'rm -rf "$logdir"' EXIT

# run_tree <build dir> <ctest exclude regex or ""> <cmake args...>
run_tree() {
  local dir=$1 exclude=$2
  shift 2
  echo "=== $dir: configure and build"
  if ! cmake -S . -B "$dir" -G Ninja "$@" || ! cmake --build "$dir" -j "$jobs"; then
    echo "=== $dir: BUILD FAILED"
    total_failed=$((total_failed + 1))
    status=1
    return
  fi
  echo "=== $dir: ctest"
  local args=(--test-dir "$dir" --output-on-failure -j "$jobs" --timeout 600)
  [[ -n $exclude ]] && args+=(-E "$exclude")
  ctest "${args[@]}" 2>&1 | tee "$logdir/ctest.log"
  local rc=${PIPESTATUS[0]}
  # ctest's closing line: "NN% tests passed, F tests failed out of T"
  local line failed_n total_n
  line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$logdir/ctest.log" | tail -n 1)
  if [[ -n $line ]]; then
    failed_n=$(sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/' <<<"$line")
    total_n=$(sed -E 's/.* failed out of ([0-9]+).*/\1/' <<<"$line")
    total_passed=$((total_passed + total_n - failed_n))
    total_failed=$((total_failed + failed_n))
  elif [[ $rc -ne 0 ]]; then
    total_failed=$((total_failed + 1))
  fi
  [[ $rc -eq 0 ]] || status=1
}

run_tree build "" -DCMAKE_BUILD_TYPE=RelWithDebInfo
run_tree build-asan '^(client|format)\.' -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPGW_SANITIZE=ON

echo "tests: $total_passed passed, $total_failed failed"
exit $status
