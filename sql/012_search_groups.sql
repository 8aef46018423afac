-- 012_search_groups.sql: search results grouped as a reader thinks of them
-- (docs/DECISIONS.md, "Search results grouped").
--
-- search_doc.grp is the result a row belongs to: (kind << 48) | id, kind
-- 1 a meeting, 2 an agenda item (its description, its minutes and decision,
-- and the documents attached to it and nowhere else), 3 a document (one
-- attached in several places, or to a meeting rather than an item), 4 a
-- committee, 5 a person.  The indexer (src/db/search.c) sets it on every
-- row it adds, and decides a document's again from the index itself
-- (regroup_file) whenever a meeting the document is indexed with is
-- re-indexed, so it always follows the document's rows.
--
-- The rows already indexed get theirs here by the same rule, in SQL: a
-- re-index of the whole record would rewrite the full-text index for
-- nothing (its text does not change), and takes tens of minutes on a
-- record of 20,000 meetings.

ALTER TABLE search_doc ADD COLUMN grp INTEGER;

UPDATE search_doc SET grp = CASE kind
	WHEN 'meeting' THEN (1 << 48) | ref_id
	WHEN 'item' THEN (2 << 48) | ref_id
	WHEN 'minutes' THEN (2 << 48) | ref_id
	WHEN 'committee' THEN (4 << 48) | ref_id
	WHEN 'person' THEN (5 << 48) | ref_id
	END
WHERE kind <> 'document';

-- A document's: its item's when all its rows are that item's, else its own.
UPDATE search_doc SET grp = (
	SELECT CASE WHEN count(DISTINCT COALESCE(d.item_id, -d.meeting_id)) = 1 AND max(d.item_id) IS NOT NULL
		THEN (2 << 48) | max(d.item_id) ELSE (3 << 48) | search_doc.ref_id END
	FROM search_doc d WHERE d.kind = 'document' AND d.ref_id = search_doc.ref_id)
WHERE kind = 'document';
