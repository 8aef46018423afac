#!/bin/sh
# alerts.sh: the e-mail alerts benchmark (bench/alerts.c) on a fresh demo
# database in a temporary directory.  `make bench-alerts` runs it.
set -eu
root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
witan=${WITAN:-$root/build/witan}
bin=$root/build/obj/bench/alerts
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
WITAN_DEMO_TODAY=2026-12-03 "$witan" init --db "$dir/b.db" --demo >/dev/null 2>&1
"$bin" "$dir/b.db"
