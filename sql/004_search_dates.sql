-- 004_search_dates.sql: the search index rebuilt for speed at scale
-- (see docs/DECISIONS.md, "Search").
--
-- * search_fts gains a third column, tags, that is never searched by the
--   reader's words: it carries one token for the kind of row ("xkitem",
--   "xkminutes", ...) and one for its committee ("xo12"), so the kind and
--   committee filters are FTS5 terms intersected inside the index.
-- * The rowid of a row is its date: (day << 24) | n, day counting from
--   1800-01-01 (rows without a date, committees and people, take the
--   largest day).  FTS5 walks its lists in rowid order, so sorting by date
--   and the date-range filter are rowid bounds, and "the most recent
--   matches" is a cheap walk backwards.
-- * file.text_note says why a document's text is missing or incomplete.

DROP TABLE search_fts;
DROP TABLE search_doc;

CREATE VIRTUAL TABLE search_fts USING fts5(
	title, body, tags,
	tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TABLE search_doc (
	rowid INTEGER PRIMARY KEY,     -- = search_fts.rowid = (day << 24) | n
	kind TEXT NOT NULL,            -- meeting, item, minutes, document, committee, person
	ref_id INTEGER NOT NULL,       -- meeting, item, file, organization or person id
	meeting_id INTEGER,
	item_id INTEGER,               -- items, minutes, and documents attached to an item
	organization_id INTEGER,
	at TEXT,                       -- the meeting's start
	page INTEGER                   -- documents: the page (from 1); NULL: title only
);
CREATE INDEX search_doc_meeting ON search_doc(meeting_id);
CREATE INDEX search_doc_ref ON search_doc(kind, ref_id);

ALTER TABLE file ADD COLUMN text_note TEXT;
CREATE INDEX file_text_pending ON file(id) WHERE text_status = 'pending';

INSERT OR IGNORE INTO search_queue SELECT 'meeting', id FROM meeting;
INSERT OR IGNORE INTO search_queue SELECT 'organization', id FROM organization;
INSERT OR IGNORE INTO search_queue SELECT 'person', id FROM person;

-- A document's title or text changing re-indexes the meetings it is in.
CREATE TRIGGER sq_file_upd AFTER UPDATE ON file
BEGIN INSERT OR IGNORE INTO search_queue
	SELECT 'meeting', COALESCE(l.meeting_id, i.meeting_id) FROM file_link l
	LEFT JOIN agenda_item i ON i.id = l.agenda_item_id WHERE l.file_id = NEW.id; END;
