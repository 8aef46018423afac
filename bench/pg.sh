#!/bin/sh
# bench/pg.sh: the same generated record on SQLite and on PostgreSQL (issue
# 18), served by witan with the page cache off (--no-cache: every request
# renders, so the database is what is measured), and wrk against each for
# the page kinds the issue names: an agenda item's page, the OParl list
# of meetings, and search (a word in most rows, by relevance, and a rarer
# one newest first).  Prints a Markdown table:
# req/s, p50 and p99 of each, PostgreSQL's ratio to SQLite, and the time
# of one request alone (median of 5).
#
#   sh bench/pg.sh                  # MEETINGS=2000 DURATION=5 CONNECTIONS=16
#
# PostgreSQL is a throwaway cluster (tests/pg/cluster.sh: a Unix socket,
# fsync off); the numbers compare the two backends on one machine, with
# wrk, witan and the database sharing its cores.
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH='' cd -- "$here/.." && pwd)
WITAN=${WITAN:-$root/build/witan}
MEETINGS=${MEETINGS:-2000}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-16}
dir=$(mktemp -d /tmp/witan-pgbench-XXXXXX)
chmod 755 "$dir"
pids=""

die() { echo "pg.sh: $*" >&2; exit 1; }
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	sh "$root/tests/pg/cluster.sh" stop "$dir/pg" >/dev/null 2>&1 || true
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM
for tool in wrk curl sqlite3; do command -v $tool >/dev/null || die "$tool is missing (scripts/deps.sh test)"; done
[ -x "$WITAN" ] || die "no $WITAN (make)"

url=$(sh "$root/tests/pg/cluster.sh" start "$dir/pg")
export WITAN_STORE="$dir/pg-files"
t0=$(date +%s)
"$WITAN" init --db "$dir/t.db" >/dev/null 2>&1 && "$WITAN" gen --db "$dir/t.db" --meetings "$MEETINGS" >/dev/null 2>&1 ||
	die "gen on SQLite failed"
t1=$(date +%s)
"$WITAN" init --db "$url" >/dev/null 2>&1 && "$WITAN" gen --db "$url" --meetings "$MEETINGS" >/dev/null 2>&1 ||
	die "gen on PostgreSQL failed"
t2=$(date +%s)

serve() { # db port
	"$WITAN" serve --db "$1" --listen "127.0.0.1:$2" --quiet --no-cache 2>>"$dir/serve.log" &
	pids="$pids $!"
	for i in $(seq 100); do
		curl -fs "http://127.0.0.1:$2/healthz" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	die "witan serve --db $1 did not start: $(cat "$dir/serve.log")"
}
serve "$dir/t.db" 18301
serve "$url" 18302

item=$(sqlite3 "$dir/t.db" "SELECT '/meetings/' || meeting_id || '/items/' || id FROM agenda_item ORDER BY id LIMIT 1 OFFSET $((MEETINGS * 5))")
set -- "item $item" "oparl-meetings /oparl/v1.1/body/1/meeting" "search-common /search?q=council" \
	"search-rare-by-date /search?q=allotments&sort=date"

# The same answer from both, or the comparison means nothing.
for k in "$@"; do
	path=${k#* }
	curl -fs "http://127.0.0.1:18301$path" >"$dir/a" || die "$path: SQLite's server failed"
	curl -fs "http://127.0.0.1:18302$path" >"$dir/b" || die "$path: PostgreSQL's server failed"
	case $path in
	/search*) # (the same results; ranked and quoted each its own way)
		grep -o 'result-count[^<]*' "$dir/a" >"$dir/a2" || die "$path: no results"
		grep -o 'result-count[^<]*' "$dir/b" >"$dir/b2" || true ;;
	*)
		sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z//g; s/127\.0\.0\.1:1830[12]//g' "$dir/a" >"$dir/a2"
		sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z//g; s/127\.0\.0\.1:1830[12]//g' "$dir/b" >"$dir/b2" ;;
	esac
	cmp -s "$dir/a2" "$dir/b2" || die "$path: the two backends answer differently"
done

ms() { # wrk's latency (us, ms, s) in ms
	awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/ && v !~ /ms$/) n *= 1000; printf "%.2f", n }'
}
measure() { # url -> "rps p50 p99 single"
	wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$1" >"$dir/wrk" 2>&1 || die "wrk failed on $1"
	rps=$(awk '/Requests\/sec/ { print $2 }' "$dir/wrk")
	p50=$(ms "$(awk '$1 == "50%" { print $2 }' "$dir/wrk")")
	p99=$(ms "$(awk '$1 == "99%" { print $2 }' "$dir/wrk")")
	one=$(for i in 1 2 3 4 5; do curl -s -o /dev/null -w '%{time_total}\n' "$1"; done | sort -n | sed -n 3p |
		awk '{ printf "%.1f", $1 * 1000 }')
	echo "$rps $p50 $p99 $one"
}

echo "Corpus: $MEETINGS meetings (witan gen): $((t1 - t0)) s on SQLite, $((t2 - t1)) s on PostgreSQL."
echo
echo "| kind | bytes | SQLite req/s | PostgreSQL req/s (ratio) | p50 ms SQLite/PG | p99 ms SQLite/PG | one request ms SQLite/PG |"
echo "|---|---|---|---|---|---|---|"
for k in "$@"; do
	kind=${k%% *}
	path=${k#* }
	bytes=$(curl -s "http://127.0.0.1:18301$path" | wc -c)
	# shellcheck disable=SC2046
	set -- $(measure "http://127.0.0.1:18301$path") $(measure "http://127.0.0.1:18302$path")
	awk -v k="$kind" -v b="$bytes" -v a="$1" -v a50="$2" -v a99="$3" -v a1="$4" -v p="$5" -v p50="$6" -v p99="$7" -v p1="$8" \
		'BEGIN { printf "| %s | %d | %.0f | %.0f (%.2f) | %s / %s | %s / %s | %s / %s |\n", k, b, a, p, p / a, a50, p50, a99, p99, a1, p1 }'
done
