#!/bin/sh
# log.sh: what the publication log (docs/LOG.md) costs.  `witan gen` adds
# MEETINGS meetings (default 2,000; 20000 for the corpus of bench/README.md)
# to two copies of the demo, one with its log and one without (its origin
# taken away, so the commit hook has nothing to follow); the difference is
# the log's cost, said per entry, and the log's size is read from SQLite's
# dbstat.  `make bench-log` runs it.
set -eu
root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
witan=${WITAN:-$root/build/witan}
meetings=${MEETINGS:-2000}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
WITAN_DEMO_TODAY=2026-12-03 "$witan" init --db "$dir/on.db" --demo >/dev/null 2>&1
cp "$dir/on.db" "$dir/off.db"
cp -r "$dir/on.db.files" "$dir/off.db.files"
sqlite3 "$dir/off.db" "UPDATE body SET log_origin = NULL, log_key = NULL"
before=$(sqlite3 "$dir/on.db" "SELECT count(*) FROM log_entry")
now() { date +%s.%N; }
t0=$(now); "$witan" gen --db "$dir/off.db" --meetings "$meetings" --seed 1 >/dev/null 2>&1; t1=$(now)
"$witan" gen --db "$dir/on.db" --meetings "$meetings" --seed 1 >/dev/null 2>&1; t2=$(now)
entries=$(sqlite3 "$dir/on.db" "SELECT count(*) FROM log_entry")
nodes=$(sqlite3 "$dir/on.db" "SELECT count(*) FROM log_node")
bytes=$(sqlite3 "$dir/on.db" "SELECT sum(pgsize) FROM dbstat WHERE name IN ('log_entry', 'log_node', 'log_state', 'log_entry_object', 'sqlite_autoindex_log_node_1', 'sqlite_autoindex_log_state_1')")
text=$(sqlite3 "$dir/on.db" "SELECT sum(length(body)) FROM log_entry")
whole=$(sqlite3 "$dir/on.db" "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")
t3=$(now); "$witan" log verify --db "$dir/on.db" >/dev/null 2>&1; t4=$(now)
awk -v m="$meetings" -v t0="$t0" -v t1="$t1" -v t2="$t2" -v t3="$t3" -v t4="$t4" -v e="$entries" -v b0="$before" \
    -v n="$nodes" -v bytes="$bytes" -v text="$text" -v whole="$whole" 'BEGIN {
	off = t1 - t0; on = t2 - t1; ver = t4 - t3
	added = e - b0
	printf "witan gen --meetings %d: %.2f s without the log, %.2f s with it (ratio %.3f)\n", m, off, on, on / off
	printf "entries added: %d (%.1f a meeting); the log: %d entries, %d stored hashes\n", added, added / m, e, n
	printf "cost per entry: %.3f ms (the difference over the entries added)\n", (on - off) * 1000 / added
	printf "size: %.1f MB in the database (%.1f%% of it), of which %.1f MB is the entries'"'"' text; %.0f bytes an entry\n",
		bytes / 1e6, 100 * bytes / whole, text / 1e6, bytes / e
	printf "witan log verify --db: %.2f s\n", ver
}'
