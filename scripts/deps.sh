#!/bin/sh
# deps.sh: install the Debian packages Witan needs, only those missing.
# Idempotent; needs root or sudo.  Usage: deps.sh run | test
set -e
mode=${1:-run}

build="build-essential pkg-config libh2o-evloop-dev libssl-dev libsqlite3-dev
libcmark-gfm-dev libcmark-gfm-extensions-dev libsodium-dev libjansson-dev
libcairo2-dev libpango1.0-dev fonts-dejavu-core poppler-utils libcurl4-openssl-dev libqpdf-dev
zlib1g-dev libbrotli-dev libpq-dev libgumbo-dev libexpat1-dev"
test_pkgs="libcmocka-dev clang nodejs npm chromium default-jre-headless curl nginx-light wrk sqlite3 libxml2-utils python3-icalendar python3-feedparser python3-aiosmtpd qpdf openssl postgresql"

pkgs=$build
[ "$mode" = test ] && pkgs="$pkgs $test_pkgs"

missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
# Node.js and Java may come from elsewhere than Debian (nodesource, a JDK):
# take whatever works on PATH rather than installing a second copy.
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
	missing=$(echo "$missing" | tr ' ' '\n' | grep -vx -e nodejs -e npm | tr '\n' ' ')
fi
if command -v java >/dev/null 2>&1; then
	missing=$(echo "$missing" | tr ' ' '\n' | grep -vx default-jre-headless | tr '\n' ' ')
fi
missing=$(echo $missing)

if [ -n "$missing" ]; then
	SUDO=
	[ "$(id -u)" -ne 0 ] && SUDO=sudo
	echo "deps.sh: installing:$missing" >&2
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The browser-test tools (npm ci from tests/browser/package-lock.json) are
# installed by tests/browser/run.sh, which knows when the lockfile changed.
