#!/usr/bin/env bash
# Fails when a C++ source under driver/, setup/, tests/ or bench/ differs from what clang-format makes of it
# with the repository's .clang-format. Fix with: clang-format -i <file>...
#   check_format.sh <source dir> [clang-format binary]
set -euo pipefail

src=${1:?usage: check_format.sh <source dir> [clang-format]}
clang_format=${2:-clang-format}
cd "$src"

mapfile -t files < <(find driver setup tests bench -type f \
  \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' -o -name '*.cc' \) 2>/dev/null | sort)
if [[ ${#files[@]} -eq 0 ]]; then
  echo "no C++ sources to check"
  exit 0
fi

bad=()
for f in "${files[@]}"; do
  "$clang_format" --dry-run --Werror --style=file "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [[ ${#bad[@]} -gt 0 ]]; then
  echo "not clang-formatted (${#bad[@]} of ${#files[@]}): run  clang-format -i ${bad[*]}"
  "$clang_format" --dry-run --style=file "${bad[0]}" 2>&1 | head -n 20
  exit 1
fi
echo "${#files[@]} files clang-formatted"
