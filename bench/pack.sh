#!/bin/sh
# bench/pack.sh: the reports pack (issue 14): build time of the pack of the
# largest demo meeting and of a `witan gen` meeting given 40 documents,
# cold (nothing built) and cached (the pack exists: inputs read and
# hashed, file found), with peak RSS while building (/usr/bin/time -v).
# Runs `witan pack`, which builds on the calling thread exactly what the
# server's pack thread builds.  Usage: sh bench/pack.sh  (WITAN=path)
set -eu
W=${WITAN:-build/witan}
D=$(mktemp -d)
trap 'rm -rf "$D"' EXIT

run() { # label db meeting
	rm -rf "$2.files/packs"
	/usr/bin/time -v "$W" pack --db "$2" "$3" >"$D/out" 2>"$D/time"
	printf '%-28s cold:   %s; peak RSS %s KiB\n' "$1" "$(sed 's/^[0-9a-f]*\.pdf: //' "$D/out")" \
		"$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$D/time")"
	/usr/bin/time -v "$W" pack --db "$2" "$3" >"$D/out" 2>"$D/time"
	printf '%-28s cached: %s; peak RSS %s KiB\n' "$1" "$(sed 's/^[0-9a-f]*\.pdf: //' "$D/out")" \
		"$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$D/time")"
}

"$W" init --db "$D/demo.db" --demo >/dev/null 2>&1
# The largest demo meeting: the most pages of public item documents.
M=$(sqlite3 "$D/demo.db" "SELECT i.meeting_id FROM file_link l JOIN agenda_item i ON i.id = l.agenda_item_id
	JOIN file f ON f.id = l.file_id JOIN meeting m ON m.id = i.meeting_id
	WHERE m.agenda_status = 'published' AND i.exempt = 0 AND l.deleted = 0 AND f.deleted = 0
	GROUP BY i.meeting_id ORDER BY sum(f.page_count) DESC, count(*) DESC LIMIT 1")
run "demo meeting $M" "$D/demo.db" "$M"

# A generated record, and one of its meetings given 40 documents (the
# demo's and the generated PDFs in the store, in turn) on its first item.
"$W" init --db "$D/gen.db" --demo >/dev/null 2>&1
"$W" gen --db "$D/gen.db" --meetings 200 >/dev/null 2>&1
G=$(sqlite3 "$D/gen.db" "SELECT m.id FROM meeting m JOIN agenda_item i ON i.meeting_id = m.id
	WHERE m.agenda_status = 'published' AND m.published = 1 AND m.deleted = 0 AND i.exempt = 0 AND i.deleted = 0
	ORDER BY m.id DESC LIMIT 1")
sqlite3 "$D/gen.db" "
	WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 40),
	pdfs AS (SELECT sha256, size, page_count, row_number() OVER (ORDER BY id) - 1 AS r
		FROM (SELECT min(id) AS id, sha256, size, page_count FROM file WHERE mime_type = 'application/pdf'
		      AND page_count > 0 GROUP BY sha256)),
	np AS (SELECT count(*) AS c FROM pdfs)
	INSERT INTO file (title, filename, mime_type, size, sha256, page_count, text_status)
	SELECT 'Bench paper ' || k, 'bench-paper-' || k || '.pdf', 'application/pdf', p.size, p.sha256, p.page_count, 'none'
	FROM n, np JOIN pdfs p ON p.r = (k - 1) % np.c ORDER BY k;
	INSERT INTO file_link (file_id, agenda_item_id, role, position)
	SELECT f.id, (SELECT min(i.id) FROM agenda_item i WHERE i.meeting_id = $G AND i.exempt = 0 AND i.deleted = 0),
	       'report', 100 + f.id FROM file f WHERE f.filename LIKE 'bench-paper-%';"
run "gen meeting $G, +40 documents" "$D/gen.db" "$G"
