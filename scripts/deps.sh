#!/usr/bin/env bash
# Sourced by test.sh and demo.sh: installs the Debian packages the build, the tests and the demo need.
# As root, missing packages are installed with apt-get (one 'apt-get update' first); otherwise the
# missing ones are listed and the caller carries on (the build then says what is really absent).

PGW_DEB_PACKAGES=(
  cmake ninja-build g++ pkg-config unixodbc unixodbc-dev odbcinst libssl-dev libgtest-dev googletest
  postgresql-15 odbc-postgresql python3 python3-pyodbc openssl clang-format
  libpq-dev valgrind
)

pgw_install_deps() {
  local missing=() pkg
  for pkg in "${PGW_DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $EUID -ne 0 ]]; then
    echo "missing packages (install as root): ${missing[*]}" >&2
    return 0
  fi
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${missing[@]}"
}
