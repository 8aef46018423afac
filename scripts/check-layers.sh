#!/bin/sh
# check-layers.sh: the folders of src/ are layers that only point down
# (docs/ARCHITECTURE.md, "Layers").  Fails, naming file and line, on any
# #include "FOLDER/..." in src/ that points to a higher layer, or sideways
# to another folder of the same layer, or to a folder the order below does
# not know; and on an include of an old path kept only for the unit tests.
# `make check-layers` runs it; `make test` runs that first.
#
# The order, lowest first.  Folders on one line are peers: they may include
# the layers below, never each other.  "main" is the files at the top of
# src/ (main.c; app.h and version.h, which any file may include, are
# included without a folder and so are not checked).
LAYERS='
util
store
db
docs
demo
http
auth
ui
mail
import
web admin api
routes
main
'
# Old paths of moved headers, kept as forwarders for tests/unit only.
RETIRED='docs/markdown.h docs/sanitize.h web/html.h'

cd "$(dirname "$0")/.." || exit 2
files=$(find src -type f \( -name '*.c' -o -name '*.h' -o -name '*.def' \) | LC_ALL=C sort)
# shellcheck disable=SC2086 # (paths in src/ have no spaces)
awk -v layers="$LAYERS" -v retired="$RETIRED" '
BEGIN {
	n = split(layers, line, "\n")
	level = 0
	for (i = 1; i <= n; i++) {
		if (line[i] ~ /^[ \t]*$/)
			continue
		level++
		k = split(line[i], f, /[ \t]+/)
		for (j = 1; j <= k; j++)
			if (f[j] != "")
				rank[f[j]] = level
	}
	k = split(retired, f, /[ \t]+/)
	for (j = 1; j <= k; j++)
		if (f[j] != "")
			old[f[j]] = 1
	bad = 0
	checked = 0
}
FNR == 1 {
	# src/FOLDER/file, or src/file (the "main" layer)
	p = FILENAME
	sub(/^src\//, "", p)
	from = (p ~ /\//) ? substr(p, 1, index(p, "/") - 1) : "main"
	if (!(from in rank)) {
		printf "%s: folder %s is in no layer: add it to LAYERS in scripts/check-layers.sh\n", FILENAME, from
		bad++
	}
}
/^[ \t]*#[ \t]*include[ \t]*"[^"\/]+\// {
	target = $0
	sub(/^[^"]*"/, "", target)
	sub(/".*$/, "", target)
	to = substr(target, 1, index(target, "/") - 1)
	checked++
	if (target in old) {
		printf "%s:%d: includes %s, an old path kept only for tests/unit: include its new path\n", FILENAME, FNR, target
		bad++
	} else if (!(to in rank)) {
		printf "%s:%d: includes %s: folder %s is in no layer\n", FILENAME, FNR, target, to
		bad++
	} else if ((from in rank) && rank[to] > rank[from]) {
		printf "%s:%d: %s includes %s: points up (%s is above %s)\n", FILENAME, FNR, from, target, to, from
		bad++
	} else if ((from in rank) && rank[to] == rank[from] && to != from) {
		printf "%s:%d: %s includes %s: points sideways (%s and %s are peers)\n", FILENAME, FNR, from, target, from, to
		bad++
	}
}
END {
	if (bad) {
		printf "check-layers: %d include(s) against the layers (order: scripts/check-layers.sh)\n", bad
		exit 1
	}
	printf "check-layers: %d includes checked, all point down or within their folder\n", checked
}' $files
