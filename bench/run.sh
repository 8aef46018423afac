#!/bin/sh
# bench/run.sh: every public page kind served by witan against nginx serving
# the same bytes as static files, on a large synthetic corpus (issue 17),
# same machine, same run.
#
# For each kind (home, committee, calendar month, meeting, agenda item,
# person, issue, decision, search, OParl lists, iCalendar, Atom feed,
# sitemap, a document's first KB by a byte range) one URL is picked from
# the corpus, fetched once from witan into a directory nginx serves with
# the same Content-Type, and then wrk runs against nginx, witan (page
# cache on, the default) and witan --no-cache (every request renders).
# Prints one table (req/s, ratios to nginx, p50 and p99), the start-up
# time to the first answer, each witan's peak RSS, and each URL's
# single-request latency uncached (issue 17's target: <= 50 ms a page).
#
#   make bench                 (MEETINGS=20000 DURATION=5 CONNECTIONS=64 THREADS=2)
#   CORPUS=/tmp/witan-20k.db DURATION=3 sh bench/run.sh
#                              reuse a corpus (generated there if missing,
#                              then reused: MEETINGS is then ignored)
#   OUT=results.md             also write the table as Markdown
#
# Needs wrk, nginx, sqlite3 and curl (scripts/deps.sh test installs them).
# Benchmarks report, they don't gate: a slow page does not fail the script,
# a wrong answer (not 200/206, or nginx not sending witan's bytes) does.
set -eu
cd "$(dirname "$0")/.."
WITAN=${WITAN:-build/witan}
CORPUS=${CORPUS:-/tmp/witan-bench-20k.db}
MEETINGS=${MEETINGS:-20000}
DURATION=${DURATION:-5}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WPORT=${WPORT:-18181}
NPORT=${NPORT:-18182}
UPORT=${UPORT:-$((WPORT + 2))}
OUT=${OUT:-}
RANGE='Range: bytes=0-1023'

die() { echo "bench/run.sh: $*" >&2; exit 1; }
for tool in wrk nginx sqlite3 curl awk sort; do
	command -v "$tool" >/dev/null 2>&1 || die "$tool is needed and not installed (scripts/deps.sh test)"
done
[ -x "$WITAN" ] || die "$WITAN not found: run make first (or set WITAN=)"
for p in $WPORT $UPORT $NPORT; do
	curl -s -o /dev/null "http://127.0.0.1:$p/" </dev/null && die "something already listens on port $p (set WPORT=, UPORT=, NPORT=)"
done

dir=$(mktemp -d)
cleanup() {
	[ -n "${wpid:-}" ] && kill "$wpid" 2>/dev/null || true
	[ -n "${upid:-}" ] && kill "$upid" 2>/dev/null || true
	[ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
	sleep 0.2
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# 1. The corpus: generated once at CORPUS, reused afterwards (20,000
# meetings take over a minute to generate).
if [ -f "$CORPUS" ]; then
	if [ -r "$CORPUS.gen-seconds" ]; then
		echo "corpus: $CORPUS (reused; generated in $(cat "$CORPUS.gen-seconds") s)"
	else
		echo "corpus: $CORPUS (reused)"
	fi
else
	echo "corpus: generating $MEETINGS meetings into $CORPUS"
	t0=$(now_ms)
	{ "$WITAN" init --db "$CORPUS" && "$WITAN" gen --db "$CORPUS" --meetings "$MEETINGS"; } \
		</dev/null >"$dir/gen.log" 2>&1 || {
		cat "$dir/gen.log" >&2
		rm -rf "$CORPUS" "$CORPUS-wal" "$CORPUS-shm" "$CORPUS.files"
		die "witan gen failed"
	}
	secs=$(awk -v ms=$(($(now_ms) - t0)) 'BEGIN { printf "%.1f", ms / 1000 }')
	echo "$secs" > "$CORPUS.gen-seconds"
	echo "corpus: generated in $secs s"
fi
q() { sqlite3 -readonly "$CORPUS" "$1" </dev/null; }
q "SELECT (SELECT count(*) FROM meeting), (SELECT count(*) FROM agenda_item), (SELECT count(*) FROM file);" |
	awk -F'|' '{ printf "corpus: %d meetings, %d agenda items, %d files\n", $1, $2, $3 }'

# 2. The servers.  Start-up is timed to the first 200 of /healthz: what a
# restart costs on this corpus (schema checks, caches, the search index).
base=http://127.0.0.1:$WPORT
ubase=http://127.0.0.1:$UPORT
wait_up() { # url pid log: poll until 200, give up after 60 s or if it died
	_t=$(now_ms)
	until curl -sf -o /dev/null "$1/healthz" </dev/null; do
		kill -0 "$2" 2>/dev/null || { cat "$3" >&2; die "witan exited at start-up"; }
		[ $(($(now_ms) - _t)) -lt 60000 ] || die "witan did not answer /healthz within 60 s"
	done
}
t0=$(now_ms)
"$WITAN" serve --db "$CORPUS" --listen "127.0.0.1:$WPORT" --quiet 2>"$dir/witan.log" &
wpid=$!
wait_up "$base" "$wpid" "$dir/witan.log"
startup=$(($(now_ms) - t0))
"$WITAN" serve --db "$CORPUS" --listen "127.0.0.1:$UPORT" --quiet --no-cache 2>"$dir/witan-nc.log" &
upid=$!
wait_up "$ubase" "$upid" "$dir/witan-nc.log"
echo "start-up to the first answer (/healthz, page cache on): $startup ms"

# 3. One URL per page kind, from the public views (what the site shows).
mid=$(q "SELECT max(id) FROM pub_meeting WHERE minutes_status = 'approved';")
[ -n "$mid" ] || die "no meeting with approved minutes in $CORPUS"
org=$(q "SELECT organization_id FROM pub_meeting WHERE id = $mid;")
month=$(q "SELECT substr(start_at, 1, 7) FROM pub_meeting WHERE id = $mid;")
item=$(q "SELECT min(id) FROM pub_agenda_item WHERE meeting_id = $mid;")
person=$(q "SELECT coalesce((SELECT min(person_id) FROM pub_membership WHERE organization_id = $org),
	(SELECT min(id) FROM pub_person));")
paper=$(q "SELECT min(id) FROM pub_paper;")
decision=$(q "SELECT min(id) FROM pub_decision;")
# A document of that meeting (or of its items), else the first one.
file=$(q "SELECT coalesce((SELECT min(file_id) FROM pub_file_link WHERE meeting_id = $mid
	OR agenda_item_id IN (SELECT id FROM pub_agenda_item WHERE meeting_id = $mid)),
	(SELECT min(id) FROM pub_file));")
[ -n "$item" ] && [ -n "$person" ] && [ -n "$file" ] || die "meeting $mid: no item, person or document found"
fname=$(q "SELECT filename FROM pub_file WHERE id = $file;")

{
	echo "home /"
	echo "committee /committees/$org"
	echo "calendar-month /meetings?month=$month"
	echo "meeting /meetings/$mid"
	echo "agenda-item /meetings/$mid/items/$item"
	echo "person /people/$person"
	[ -n "$paper" ] && echo "issue /issues/$paper"
	[ -n "$decision" ] && echo "decision /decisions/$decision"
	echo "search /search?q=planning"
	echo "oparl-meetings /oparl/v1.1/body/1/meeting"
	echo "oparl-items /oparl/v1.1/body/1/agendaitem"
	echo "ical /calendar.ics"
	echo "committee-feed /committees/$org/feed.atom"
	echo "sitemap /sitemap.xml"
	echo "download-range /documents/$file/$fname"
} > "$dir/kinds"
[ -n "$paper" ] || echo "issue: none in the corpus"
[ -n "$decision" ] || echo "decision: none in the corpus"

# 4. The same bytes for nginx, one file per kind, its extension chosen
# from witan's Content-Type so nginx's types map sends the same header.
# The download is stored whole: nginx answers the range from it.
# nginx workers may run as another user (nobody, when started as root).
chmod 755 "$dir"
mkdir -p "$dir/www"
: > "$dir/types"
# The meeting's page says its reports pack is "being prepared" until the
# pack is built in the background (503 until then): wait for it (a
# meeting without a pack answers something else at once), so both
# witans and nginx measure the page as readers will mostly see it.
for b in "$base" "$ubase"; do
	for _ in $(seq 150); do
		[ "$(curl -s -o /dev/null -w '%{http_code}' "$b/meetings/$mid/pack.pdf" </dev/null)" = 503 ] || break
		sleep 0.2
	done
done
while read -r kind path; do
	hdr=
	[ "$kind" = download-range ] && hdr=$RANGE
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "$hdr" "$base$path" </dev/null)
	want=200
	[ -n "$hdr" ] && want=206
	[ "$code" = "$want" ] || die "$kind: $base$path answered $code, not $want"
	code=$(curl -s -o /dev/null -w '%{http_code}' -H "$hdr" "$ubase$path" </dev/null)
	[ "$code" = "$want" ] || die "$kind: $ubase$path (--no-cache) answered $code, not $want"
	ctype=$(curl -s -o "$dir/body" -w '%{content_type}' "$base$path" </dev/null)
	# A page must not change from one request to the next, or nginx
	# would not send what witan sends: fetch until two answers agree.
	for _ in $(seq 25); do
		curl -s -o "$dir/again" "$base$path" </dev/null
		cmp -s "$dir/body" "$dir/again" && break
		mv "$dir/again" "$dir/body"
		sleep 0.2
	done
	cmp -s "$dir/body" "$dir/again" || die "$kind: $base$path changes from one request to the next"
	case $ctype in
	text/html*) ext=html ;;
	text/calendar*) ext=ics ;;
	application/atom+xml*) ext=atom ;;
	application/xml* | text/xml*) ext=xml ;;
	application/json* | application/*+json*) ext=json ;;
	application/pdf*) ext=pdf ;;
	*) die "$kind: unexpected Content-Type '$ctype'" ;;
	esac
	mv "$dir/body" "$dir/www/$kind.$ext"
	# One type per extension, or nginx could not send both.
	other=$(awk -v e="$ext" '$1 == e { sub(/^[^ ]* /, ""); print; exit }' "$dir/types")
	[ -z "$other" ] || [ "$other" = "$ctype" ] || die "$kind: .$ext is '$other' elsewhere, '$ctype' here"
	[ -n "$other" ] || echo "$ext $ctype" >> "$dir/types"
	echo "$kind $path $ext" >> "$dir/urls"
done < "$dir/kinds"

{
	cat <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 100000;
	types {
CONF
	awk '{ e = $1; sub(/^[^ ]* /, ""); printf "\t\t\"%s\" %s;\n", $0, e }' "$dir/types"
	cat <<CONF
	}
	server {
		listen 127.0.0.1:$NPORT;
		root $dir/www;
	}
}
CONF
} > "$dir/nginx.conf"
nginx -c "$dir/nginx.conf" -p "$dir" || die "nginx did not start (see $dir/nginx.conf)"
sleep 0.3

# nginx must send what witan sends: same bytes, same Content-Type, and the
# same status and bytes for the range.
nbase=http://127.0.0.1:$NPORT
while read -r kind path ext; do
	hdr=
	[ "$kind" = download-range ] && hdr=$RANGE
	w=$(curl -s -o "$dir/w.body" -w '%{http_code} %{content_type}' -H "$hdr" "$base$path" </dev/null)
	n=$(curl -s -o "$dir/n.body" -w '%{http_code} %{content_type}' -H "$hdr" "$nbase/$kind.$ext" </dev/null)
	[ "$w" = "$n" ] || die "$kind: witan answers '$w', nginx '$n'"
	cmp -s "$dir/w.body" "$dir/n.body" || die "$kind: nginx does not send witan's bytes"
	echo "$kind $(wc -c < "$dir/w.body")" >> "$dir/bytes"
done < "$dir/urls"

# 5. wrk against the three, kind by kind.  Latencies are converted to ms;
# non-2xx answers and socket errors are printed (they mean the figures
# are not those of the page).
# After a run against a slow page witan still renders the requests wrk
# left queued: wait for both to go idle, or that backlog would load the
# next run (both servers, nginx and wrk share the cores).
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
settle() {
	for _ in $(seq 150); do
		a=$(($(cpu "$wpid") + $(cpu "$upid")))
		sleep 0.2
		[ $(($(cpu "$wpid") + $(cpu "$upid") - a)) -le 1 ] && return 0
	done
	echo "  warning: witan still busy after 30 s" >&2
}
run() { # label kind url [header]
	settle
	if [ -n "${4:-}" ]; then
		wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "$4" "$3" </dev/null > "$dir/$2.$1.wrk"
	else
		wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$3" </dev/null > "$dir/$2.$1.wrk"
	fi
	awk -v k="$2" -v l="$1" '
		function ms(v) {
			if (v ~ /us$/) return v / 1000
			if (v ~ /ms$/) return v + 0
			if (v ~ /s$/) return v * 1000
			return v + 0 }
		/^Requests\/sec/ { rps = $2 }
		$1 == "50%" { p50 = ms($2) }
		$1 == "99%" { p99 = ms($2) }
		/Non-2xx or 3xx responses/ { printf "  %s %s: %s non-2xx or 3xx responses\n", k, l, $NF > "/dev/stderr" }
		/Socket errors/ { printf "  %s %s: socket errors:%s\n", k, l, substr($0, index($0, ":") + 1) > "/dev/stderr" }
		END {
			if (rps + 0 == 0) printf "  %s %s: no request completed\n", k, l > "/dev/stderr"
			printf "%s %.3f %.3f\n", rps, p50, p99 }' "$dir/$2.$1.wrk"
}
echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency; $(nproc) cores; $(wc -l < "$dir/urls") kinds x 3 servers"
while read -r kind path ext; do
	hdr=
	[ "$kind" = download-range ] && hdr=$RANGE
	n=$(run nginx "$kind" "$nbase/$kind.$ext" "$hdr")
	c=$(run cached "$kind" "$base$path" "$hdr")
	u=$(run uncached "$kind" "$ubase$path" "$hdr")
	echo "$kind $(awk -v k="$kind" '$1 == k { print $2 }' "$dir/bytes") $n $c $u" >> "$dir/results"
	echo "  $kind done: nginx $n / cached $c / uncached $u (req/s p50 p99)"
done < "$dir/urls"

# 6. One request at a time, uncached: what a visitor waits for a page
# that is not in the cache (median of 5, new connection each).
while read -r kind path ext; do
	hdr=
	[ "$kind" = download-range ] && hdr=$RANGE
	for _ in 1 2 3 4 5; do
		curl -s -o /dev/null -w '%{time_total}\n' -H "$hdr" "$ubase$path" </dev/null
	done | sort -n | awk -v k="$kind" -v p="$path" 'NR == 3 { printf "%s %s %.1f\n", k, p, $1 * 1000 }'
done < "$dir/urls" > "$dir/single"

rss() { awk '/^VmHWM/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
rss_cached=$(rss "$wpid")
rss_uncached=$(rss "$upid")

# 7. Every back-office page, signed in (bench/backoffice.mjs adds an
# admin account to the corpus for it): never cached, so either witan.
# After the peak RSS above: signing in hashes the password with Argon2id
# (64 MiB for a moment), measured on its own here.
WITAN="$WITAN" node bench/backoffice.mjs "$base" "$CORPUS" > "$dir/backoffice" 2>&1 ||
	echo "  back office: bench/backoffice.mjs failed (see below)" >&2
rss_signin=$(rss "$wpid")

table() { # the results as a Markdown table
	echo "| kind | bytes | nginx req/s | cached req/s (ratio) | uncached req/s (ratio) | p50 ms nginx/cached/uncached | p99 ms nginx/cached/uncached | p50 ratio cached/uncached | p99 ratio cached/uncached |"
	echo "|---|---|---|---|---|---|---|---|---|"
	awk '{
		# kind bytes | nginx rps p50 p99 | cached ... | uncached ...
		printf "| %s | %d | %.0f | %.0f (%.2f) | %.0f (%.2f) | %.2f / %.2f / %.2f | %.2f / %.2f / %.2f | %.2f / %.2f | %.2f / %.2f |\n",
			$1, $2, $3, $6, $6 / $3, $9, $9 / $3, $4, $7, $10, $5, $8, $11,
			$7 / $4, $10 / $4, $8 / $5, $11 / $5 }' "$dir/results"
}
kind_tables() { # a Markdown table per kind: the three servers, ratios to nginx
	while read -r kind path ext; do
		awk -v k="$kind" -v p="$path" '$1 == k {
			printf "#### %s `%s` (%d bytes)\n\n", k, p, $2
			print "| server | req/s | ratio | p50 ms | ratio | p99 ms | ratio |"
			print "|---|---|---|---|---|---|---|"
			printf "| nginx | %.0f | 1 | %.2f | 1 | %.2f | 1 |\n", $3, $4, $5
			printf "| witan cached | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f |\n", $6, $6 / $3, $7, $7 / $4, $8, $8 / $5
			printf "| witan uncached | %.0f | %.2f | %.2f | %.2f | %.2f | %.2f |\n\n", $9, $9 / $3, $10, $10 / $4, $11, $11 / $5
		}' "$dir/results"
	done < "$dir/urls"
}
extra() {
	echo
	echo "Start-up to the first answer: $startup ms. Peak RSS (VmHWM): cached $rss_cached MB, uncached $rss_uncached MB."
	echo
	echo "Single request, --no-cache (median of 5; target <= 50 ms):"
	echo
	awk '{ printf "- %s `%s`: %.1f ms%s\n", $1, $2, $3, ($3 > 50 ? " (over 50 ms)" : "") }' "$dir/single"
	echo
	echo "Back-office pages, signed in (bench/backoffice.mjs; median of 5; the cached witan's peak RSS after it, with a sign-in's Argon2id: $rss_signin MB):"
	echo
	sed 's/^/    /' "$dir/backoffice"
}
echo
table
extra
if [ -n "$OUT" ]; then
	{
		echo "wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; $(nproc) cores; corpus $CORPUS; $(date -u +%Y-%m-%d)"
		echo
		kind_tables
		extra
	} > "$OUT"
	echo "written to $OUT"
fi
