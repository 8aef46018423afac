#!/bin/sh
# migrations.sh: the schema on a real PostgreSQL (issue 18; make
# test-pg-schema).  On a throwaway cluster (tests/pg/cluster.sh): loads
# sql/pg/compat.sql, translates every migration sql/NNN_*.sql with
# db/dialect.c (test_dialect --print) and applies it, in order, each in
# one transaction; then the views and triggers db/boundary.c generates
# (test_dialect --boundary); then runs tests/pg/functions.sql in sqlite3
# and, translated, in psql, and compares the answers line by line.
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

# What db/boundary.c makes replaces the older migrations' pub_* views.
pg -c "DO \$\$ DECLARE v text; BEGIN
	FOR v IN SELECT c.relname FROM pg_class c WHERE c.relkind = 'v' AND c.relname LIKE 'pub\\_%' LOOP
		EXECUTE format('DROP VIEW IF EXISTS %I CASCADE', v);
	END LOOP; END \$\$"
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

# The same expressions in SQLite and, translated, in PostgreSQL.
"$dialect" --print tests/pg/functions.sql >"$work/functions.pg.sql"
sqlite3 :memory: <tests/pg/functions.sql >"$work/sqlite.out"
pg -At -f "$work/functions.pg.sql" | sed -e 's/^t$/1/' -e 's/^f$/0/' >"$work/pg.out"
grep -v '^--' tests/pg/functions.sql | grep -v '^$' >"$work/exprs"
total=$(wc -l <"$work/exprs")
[ "$(wc -l <"$work/sqlite.out")" -eq "$total" ] && [ "$(wc -l <"$work/pg.out")" -eq "$total" ] ||
	{ echo "FAIL: expected $total answers from each" >&2; exit 1; }
if ! paste -d '\n' "$work/exprs" "$work/sqlite.out" "$work/pg.out" | awk '
	NR % 3 == 1 { e = $0 } NR % 3 == 2 { s = $0 }
	NR % 3 == 0 { if (s != $0) { printf "DIFFERS: %s\n  sqlite3:    %s\n  postgresql: %s\n", e, s, $0; bad++ } }
	END { exit bad ? 1 : 0 }'; then
	echo "FAIL: compat.sql answers differently" >&2
	exit 1
fi
echo "functions: $total expressions answer as in SQLite"
echo "ok"
