#!/bin/sh
# bench/run.sh: the seed agenda item page served by witan against nginx
# serving the same bytes as a static file, same machine, same run.
# Prints requests/s and latency for both and the ratio witan/nginx, and the
# same for witan with its page cache off (every request renders).
#
#   make bench                      (DURATION=10 CONNECTIONS=64 THREADS=2)
#
# Needs wrk and nginx (scripts/deps.sh test installs them).
set -eu
cd "$(dirname "$0")/.."
WITAN=${WITAN:-build/witan}
DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
WPORT=${WPORT:-18181}
NPORT=${NPORT:-18182}

dir=$(mktemp -d)
cleanup() {
	[ -n "${wpid:-}" ] && kill "$wpid" 2>/dev/null || true
	[ -n "${npid:-}" ] && kill "$npid" 2>/dev/null || true
	[ -f "$dir/nginx.pid" ] && kill "$(cat "$dir/nginx.pid")" 2>/dev/null || true
	sleep 0.2
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM

"$WITAN" init --db "$dir/bench.db" --demo 2>/dev/null
"$WITAN" serve --db "$dir/bench.db" --listen 127.0.0.1:$WPORT --quiet 2>"$dir/witan.log" &
wpid=$!
"$WITAN" serve --db "$dir/bench.db" --listen 127.0.0.1:$((WPORT + 2)) --quiet --no-cache 2>"$dir/witan-nc.log" &
npid=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$WPORT/healthz" >/dev/null && break; sleep 0.1; done

# Find the seed item: the February 2019 calendar -> the Panel meeting -> the item.
base="http://127.0.0.1:$WPORT"
meeting=$(curl -sf "$base/meetings?month=2019-02" | grep -o '/meetings/[0-9]*"' | head -1 | tr -d '"')
item=$(curl -sf "$base$meeting" | grep -o "$meeting/items/[0-9]*\">Police &amp; Crime Plan" | head -1 | cut -d'"' -f1)
[ -n "$item" ] || { echo "bench: seed item not found" >&2; exit 1; }
mkdir -p "$dir/www"
curl -sf "$base$item" > "$dir/www/item.html"
bytes=$(wc -c < "$dir/www/item.html")

cat > "$dir/nginx.conf" <<CONF
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 100000;
	types { text/html html; }
	server {
		listen 127.0.0.1:$NPORT;
		root $dir/www;
		location / { default_type "text/html; charset=utf-8"; }
	}
}
CONF
nginx -c "$dir/nginx.conf" -p "$dir"
sleep 0.3

run() { # name url
	wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$2" > "$dir/$1.wrk"
	rps=$(awk '/^Requests\/sec/ {print $2}' "$dir/$1.wrk")
	p50=$(awk '$1 == "50%" {print $2}' "$dir/$1.wrk")
	p99=$(awk '$1 == "99%" {print $2}' "$dir/$1.wrk")
	printf '%-8s %12s req/s   p50 %8s   p99 %8s\n' "$1" "$rps" "$p50" "$p99"
	eval "rps_$1=$rps"
}

echo "seed item page: $item ($bytes bytes); wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s; $(nproc) cores"
run nginx "http://127.0.0.1:$NPORT/item.html"
run witan "$base$item"
run nocache "http://127.0.0.1:$((WPORT + 2))$item"
awk -v w="$rps_witan" -v c="$rps_nocache" -v n="$rps_nginx" 'BEGIN {
	printf "ratio witan/nginx: %.2f (page cache on, the default)\n", w / n
	printf "ratio witan --no-cache/nginx: %.2f (every request renders the page)\n", c / n }'
