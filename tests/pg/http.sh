#!/bin/sh
# http.sh: the HTTP tier (tests/http/) on PostgreSQL (issue 18): a throwaway
# cluster (cluster.sh), whose URL tests/lib/server.mjs is given as
# WITAN_TEST_PG, so that every server a test starts runs on a database of
# its own in it (a copy of a demo template database).  The files named,
# or every file of tests/http/.
#
#   WITAN=/abs/build/witan sh tests/pg/http.sh [NODE-OPTIONS] [tests/http/X.test.mjs ...]
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH='' cd -- "$here/../.." && pwd)
WITAN=${WITAN:-$root/build/witan}
dir=$(mktemp -d /tmp/witan-pghttp-XXXXXX)
chmod 755 "$dir"
cleanup() {
	sh "$here/cluster.sh" stop "$dir/pg" >/dev/null 2>&1 || true
	rm -rf "$dir" "$WITAN".pgdemo-*
}
trap cleanup EXIT INT TERM
WITAN_TEST_PG=$(sh "$here/cluster.sh" start "$dir/pg")
export WITAN WITAN_TEST_PG
cd "$root"
# (no test file named: the whole tier, after the options given)
case " $* " in *.mjs\ *|*tests/http/\ *) ;; *) set -- "$@" tests/http/ ;; esac
node --test "$@"
