#!/usr/bin/env bash
# readme_section.sh check|update <README.md> <section name> <command...>
# The README holds generated sections between
#   <!-- BEGIN GENERATED: <name> ... -->  and  <!-- END GENERATED: <name> -->
# `update` replaces a section's body with the command's output; `check` fails (with a diff) when the
# README no longer matches it, so documentation generated from code cannot silently go stale.
set -euo pipefail
mode=$1 readme=$2 name=$3
shift 3
generated=$(mktemp)
trap 'rm -f "$generated" "$generated.new"' EXIT
"$@" >"$generated"
/usr/bin/python3 - "$mode" "$readme" "$name" "$generated" <<'PY'
import re, sys
mode, readme, name, gen = sys.argv[1:]
text = open(readme, encoding="utf-8").read()
body = open(gen, encoding="utf-8").read()
pat = re.compile(r"(<!-- BEGIN GENERATED: " + re.escape(name) + r"[^>]*-->\n)(.*?)(<!-- END GENERATED: " + re.escape(name) + r" -->)", re.S)
m = pat.search(text)
if not m:
    sys.exit(f"{readme}: no generated section '{name}'")
if mode == "update":
    open(readme, "w", encoding="utf-8").write(text[:m.start(2)] + body + text[m.end(2):])
elif m.group(2) != body:
    import difflib
    sys.stdout.writelines(difflib.unified_diff(m.group(2).splitlines(True), body.splitlines(True), "README", "generated"))
    sys.exit(f"{readme}: section '{name}' is stale; run: tests/scripts/readme_section.sh update ...")
PY
