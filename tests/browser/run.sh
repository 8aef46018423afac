#!/bin/sh
# Browser test tier: axe-core accessibility, 375 px overflow and vnu HTML
# validation of every page type of a demo site, in Debian's Chromium.
#
#   WITAN=/abs/path/build/witan sh tests/browser/run.sh
#
# Needs node 20+ with npm, /usr/bin/chromium (apt-get install -y chromium) and
# java 11+ (for vnu). Installs tests/browser/node_modules from the lockfile
# when it is missing. Never downloads a browser.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
root=$(CDPATH='' cd -- "$here/../.." && pwd)

# WITAN: the binary under test; a relative path is taken from the caller's
# directory. Default: build/witan in this repository.
: "${WITAN:=$root/build/witan}"
case $WITAN in
	/*) ;;
	*) WITAN=$(pwd)/$WITAN ;;
esac
export WITAN
cd "$root"

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
	echo "run.sh: Chromium not found at $chromium (apt-get install -y chromium, or set CHROMIUM)" >&2
	exit 1
fi
if ! command -v "${JAVA:-java}" >/dev/null 2>&1; then
	echo "run.sh: java not found (apt-get install -y default-jre-headless, or set JAVA)" >&2
	exit 1
fi

# Install (or reinstall, when the lockfile changed) the pinned packages.
# Install scripts stay off (see .npmrc): vnu-jar's would fetch a Java runtime.
if [ ! -f tests/browser/node_modules/.package-lock.json ] ||
	! cmp -s tests/browser/package-lock.json tests/browser/node_modules/.witan-lock; then
	(cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error &&
		cp package-lock.json node_modules/.witan-lock)
fi

# Playwright must never fetch a browser of its own.
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD

exec node --test tests/browser/
