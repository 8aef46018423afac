#!/bin/sh
# migrations.sh: the schema on a real PostgreSQL (issue 18; make
# test-pg-schema).  On a throwaway cluster (tests/pg/cluster.sh): loads
# sql/pg/compat.sql, translates every migration sql/NNN_*.sql with
# db/dialect.c (test_dialect --print) and applies it, in order, each in
# one transaction; then the views and triggers db/boundary.c generates
# (test_dialect --boundary); then runs tests/pg/smoke.sql (writes that
# fire the triggers) and tests/pg/functions.sql (compat.sql's functions)
# in sqlite3 and, translated, in psql, and compares the answers line by
# line.
#
#   DIALECT=build/obj/tests/test_dialect sh tests/pg/migrations.sh
#
# KEEP=1 leaves the cluster running (its URL is printed) for a look.
set -e
cd "$(dirname "$0")/../.."
dialect=${DIALECT:-build/obj/tests/test_dialect}
[ -x "$dialect" ] || { echo "migrations.sh: build $dialect first (make $dialect)" >&2; exit 2; }
command -v psql >/dev/null || { echo "migrations.sh: no psql" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "migrations.sh: no sqlite3" >&2; exit 2; }

dir=/tmp/witan-pg-schema.$$
work=$(mktemp -d /tmp/witan-pg-work.XXXXXX)
stop() {
	if [ -z "$KEEP" ]; then
		sh tests/pg/cluster.sh stop "$dir"
		rm -rf "$work"
	fi
}
trap stop EXIT
trap 'exit 1' INT TERM
url=$(sh tests/pg/cluster.sh start "$dir")
[ -n "$KEEP" ] && echo "cluster: $url"
# Local time is the process's TZ for SQLite and TimeZone (PGTZ) for PostgreSQL.
TZ=Europe/London
PGTZ=Europe/London
export TZ PGTZ
PGOPTIONS="-c client_min_messages=warning"
export PGOPTIONS
pg() {
	psql "$url" -X -q -v ON_ERROR_STOP=1 "$@"
}

pg -f sql/pg/compat.sql 2>"$work/compat.log" || { cat "$work/compat.log" >&2; exit 1; }
# public first: CREATE TABLE without a schema makes the table in the first
# schema of the path; witan_compat before pg_catalog (nothing there has
# the same signature as pg_catalog's, but SQLite's names must win).
pg -c "ALTER DATABASE witan SET search_path = public, witan_compat, pg_catalog"

n=0
for f in sql/[0-9][0-9][0-9]_*.sql; do
	out=$work/$(basename "$f")
	"$dialect" --print "$f" >"$out" || { echo "FAIL: $f does not translate" >&2; exit 1; }
	if ! pg -1 -f "$out" >"$work/log" 2>&1; then
		cat "$work/log" >&2
		echo "FAIL: $f (translated: $out)" >&2
		KEEP=1
		exit 1
	fi
	n=$((n + 1))
done
echo "migrations: $n of $(ls sql/[0-9][0-9][0-9]_*.sql | wc -l) applied"

# Every table and view has SQLite's columns, in SQLite's order (a view
# that says * too, after a migration added columns to what it reads);
# the FTS5 table has its rowid and tsv besides.
cat sql/[0-9][0-9][0-9]_*.sql | sqlite3 "$work/schema.db"
sqlite3 "$work/schema.db" "SELECT m.name || ' ' || (SELECT group_concat(name, ',') FROM
	(SELECT name FROM pragma_table_info(m.name) ORDER BY cid)) FROM sqlite_schema m
	WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\' AND m.name NOT LIKE 'search\_fts\_%' ESCAPE '\'
	ORDER BY m.name" >"$work/columns.sqlite"
pg -At -c "SELECT c.relname || ' ' || string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_class c
	JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v')
	  AND c.relname <> 'view_source' -- (compat.sql's record of the views' text, PostgreSQL's alone)
	GROUP BY c.relname ORDER BY c.relname COLLATE \"C\"" |
	sed 's/^search_fts rowid,\(.*\),tsv$/search_fts \1/' >"$work/columns.pg"
if ! diff "$work/columns.sqlite" "$work/columns.pg" >"$work/columns.diff"; then
	cat "$work/columns.diff" >&2
	echo "FAIL: tables' or views' columns differ from SQLite's (< sqlite3, > postgresql)" >&2
	exit 1
fi
echo "columns: $(wc -l <"$work/columns.pg") tables and views as in SQLite"

# What db/boundary.c makes replaces the older migrations' pub_* views
# (test_dialect --boundary drops them first, as boundary_install does).
"$dialect" --boundary >"$work/boundary.sql" || { echo "FAIL: the boundary's SQL does not translate" >&2; exit 1; }
if ! pg -1 -f "$work/boundary.sql" >"$work/log" 2>&1; then
	cat "$work/log" >&2
	echo "FAIL: the boundary's views and triggers (translated: $work/boundary.sql)" >&2
	KEEP=1
	exit 1
fi
echo "boundary: $(pg -At -c "SELECT count(*) FROM pg_views WHERE viewname LIKE 'pub\\_%'") views," \
	"$(pg -At -c "SELECT count(*) FROM pg_trigger WHERE tgname LIKE 'pubq\\_%'") triggers"
echo "triggers in all: $(pg -At -c "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal")," \
	"tables: $(pg -At -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"

# Writes that fire the triggers, on the schema as SQLite and PostgreSQL
# have it, and what they did.
# PostgreSQL's booleans as SQLite's 1 and 0 (no answer here is the text t
# or f); JSON is compared without its spaces (PostgreSQL writes
# { "a" : 1 }, SQLite {"a":1}; no string in these answers has a space).
bool01() {
	awk -F '|' -v OFS='|' '{ for (i = 1; i <= NF; i++) { if ($i == "t") $i = 1; else if ($i == "f") $i = 0 } print }'
}
compare() { # name exprs sqlite.out pg.out
	total=$(wc -l <"$2")
	[ "$(wc -l <"$3")" -eq "$total" ] && [ "$(wc -l <"$4")" -eq "$total" ] ||
		{ echo "FAIL: $1: expected $total answers from each" >&2; paste -d '|' "$3" "$4" >&2; exit 1; }
	if ! paste -d '\n' "$2" "$3" "$4" | awk '
		NR % 3 == 1 { e = $0 } NR % 3 == 2 { s = $0 }
		NR % 3 == 0 { p = $0; if (s ~ /^[[{]/) { gsub(/ /, "", p); gsub(/ /, "", s) }
			if (s != p) { printf "DIFFERS: %s\n  sqlite3:    %s\n  postgresql: %s\n", e, s, $0; bad++ } }
		END { exit bad ? 1 : 0 }'; then
		echo "FAIL: $1: PostgreSQL answers differently" >&2
		exit 1
	fi
	echo "$1: $total answers as in SQLite"
}
"$dialect" --print tests/pg/smoke.sql >"$work/smoke.pg.sql"
cat sql/[0-9][0-9][0-9]_*.sql tests/pg/smoke.sql | sqlite3 :memory: >"$work/sqlite.out"
pg -At -F '|' -f "$work/smoke.pg.sql" | bool01 >"$work/pg.out"
# (each SELECT answers one row here)
grep '^SELECT' tests/pg/smoke.sql >"$work/exprs"
# (a SELECT of several rows: the expressions file repeats it)
awk '/^SELECT entity, id FROM search_queue/ { print; print; next } { print }' "$work/exprs" >"$work/exprs2"
compare triggers "$work/exprs2" "$work/sqlite.out" "$work/pg.out"
pg -c "UPDATE audit_log SET action = 'x'" >"$work/log" 2>&1 && { echo "FAIL: audit_log took an update" >&2; exit 1; }
grep -q 'audit_log is append-only' "$work/log" || { cat "$work/log" >&2; exit 1; }
echo "triggers: audit_log refuses an update"
# (body 1 was written with its id: the identity follows once synced)
[ "$(pg -At -c "CALL witan_compat.sync_identities()" -c "INSERT INTO body(name) VALUES ('Second') RETURNING id")" = 2 ] ||
	{ echo "FAIL: sync_identities" >&2; exit 1; }
echo "identities: synced past ids written explicitly"
[ "$(pg -At -c "SELECT witan_sha256('abc')")" = "$(printf abc | sha256sum | cut -d ' ' -f 1)" ] ||
	{ echo "FAIL: witan_sha256" >&2; exit 1; }

# The same expressions in SQLite and, translated, in PostgreSQL.
"$dialect" --print tests/pg/functions.sql >"$work/functions.pg.sql"
sqlite3 :memory: <tests/pg/functions.sql >"$work/sqlite.out"
pg -At -F '|' -f "$work/functions.pg.sql" | bool01 >"$work/pg.out"
grep -v '^--' tests/pg/functions.sql | grep -v '^$' >"$work/exprs"
compare functions "$work/exprs" "$work/sqlite.out" "$work/pg.out"
echo "ok"
