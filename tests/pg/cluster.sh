#!/bin/sh
# cluster.sh: a throwaway PostgreSQL cluster for the tests, from Debian's
# postgresql package: initdb in a folder of its own, listening only on a
# Unix socket in that folder (no port to clash with), trust
# authentication, fsync off.  As root it runs as the postgres user (the
# server refuses to run as root); otherwise as the caller.
#
#   cluster.sh start DIR [DBNAME]   create and start; prints the database's URL
#   cluster.sh stop DIR             stop and remove DIR
#   cluster.sh restart DIR          stop (fast: connections cut) and start again
#   cluster.sh pause DIR            stop the server (fast), keeping the cluster
#   cluster.sh resume DIR           start a paused cluster again
#   cluster.sh replica DIR SRC      a streaming standby of the running cluster in SRC
#                                   (pg_basebackup), started in DIR; prints its URL
#   cluster.sh url DIR [DBNAME]     print the URL of a running cluster
#
# DBNAME (default witan) is created empty.  The URL is libpq's:
# postgresql://witan@/DBNAME?host=DIR
set -e
cmd=$1
dir=$2
name=${3:-witan}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: cluster.sh start|stop|pause|resume|restart|replica|url DIR [DBNAME|SRC]" >&2; exit 2; }

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/pg_ctl" ] || { echo "cluster.sh: no PostgreSQL server (Debian package postgresql)" >&2; exit 1; }

as() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

url() {
	echo "postgresql://witan@/$name?host=$(cd "$dir" && pwd)"
}

# The cluster's settings, kept in its postgresql.conf (so that pause and
# resume, and a replica, start it the same way).
settings() {
	echo "listen_addresses = ''"
	echo "unix_socket_directories = '$(cd "$dir" && pwd)'"
	echo "fsync = off"
	echo "synchronous_commit = off"
	echo "full_page_writes = off"
	echo "max_connections = 200"
}

case $cmd in
start)
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
	as "$bin/initdb" -D "$dir/data" -U witan -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	settings >>"$dir/data/postgresql.conf"
	as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null ||
		{ cat "$dir/server.log" >&2; exit 1; }
	as "$bin/createdb" -h "$(cd "$dir" && pwd)" -U witan "$name"
	url
	;;
url)
	url
	;;
replica)
	src=$(cd "$name" && pwd)
	name=witan
	mkdir -p "$dir"
	[ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
	as "$bin/pg_basebackup" -h "$src" -U witan -D "$dir/data" -R -X stream >"$dir/basebackup.log" 2>&1 ||
		{ cat "$dir/basebackup.log" >&2; exit 1; }
	settings >>"$dir/data/postgresql.conf" # (after the primary's, copied: these win)
	as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null ||
		{ cat "$dir/server.log" >&2; exit 1; }
	url
	;;
pause)
	as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	;;
resume)
	as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null ||
		{ cat "$dir/server.log" >&2; exit 1; }
	;;
restart)
	as "$bin/pg_ctl" -D "$dir/data" -m fast -w restart >/dev/null ||
		{ cat "$dir/server.log" >&2; exit 1; }
	;;
stop)
	[ -d "$dir/data" ] && as "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
*)
	echo "usage: cluster.sh start|stop|pause|resume|restart|replica|url DIR [DBNAME|SRC]" >&2
	exit 2
	;;
esac
