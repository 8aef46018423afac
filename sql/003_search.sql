-- 003_search.sql: full-text search over the public record (FTS5, English
-- stemming).  What is indexed is read from the pub_* views only, and every
-- query checks the views again, so nothing exempt or unpublished is ever
-- found even in the moment between a change and its re-indexing.
--
-- Changes reach the index through search_queue: triggers on the record's
-- tables enqueue the meeting (or committee, person) a change touches, in
-- the same transaction, and db_commit() re-indexes what is queued before
-- it commits.  The queue is durable: `witan reindex` drains whatever a
-- crash left.

CREATE VIRTUAL TABLE search_fts USING fts5(
	title, body,
	tokenize = 'porter unicode61 remove_diacritics 2'
);

-- What each indexed row is: kind is 'meeting', 'item', 'minutes',
-- 'document' (one row a page), 'committee' or 'person'.
CREATE TABLE search_doc (
	rowid INTEGER PRIMARY KEY,     -- = search_fts.rowid
	kind TEXT NOT NULL,
	ref_id INTEGER NOT NULL,       -- meeting, item, file, organization or person id
	meeting_id INTEGER,
	organization_id INTEGER,
	at TEXT,                       -- the meeting's start, for sorting by date
	page INTEGER                   -- documents: the page (from 1)
);
CREATE INDEX search_doc_meeting ON search_doc(meeting_id);
CREATE INDEX search_doc_ref ON search_doc(kind, ref_id);

CREATE TABLE search_queue (
	entity TEXT NOT NULL,          -- 'meeting', 'organization', 'person'
	id INTEGER NOT NULL,
	PRIMARY KEY (entity, id)
) WITHOUT ROWID;

CREATE TRIGGER sq_meeting_ins AFTER INSERT ON meeting
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('meeting', NEW.id); END;
CREATE TRIGGER sq_meeting_upd AFTER UPDATE ON meeting
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('meeting', NEW.id); END;
CREATE TRIGGER sq_item_ins AFTER INSERT ON agenda_item
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('meeting', NEW.meeting_id); END;
CREATE TRIGGER sq_item_upd AFTER UPDATE ON agenda_item
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('meeting', NEW.meeting_id); END;
CREATE TRIGGER sq_link_ins AFTER INSERT ON file_link
BEGIN INSERT OR IGNORE INTO search_queue
	SELECT 'meeting', COALESCE(NEW.meeting_id, (SELECT meeting_id FROM agenda_item WHERE id = NEW.agenda_item_id))
	WHERE COALESCE(NEW.meeting_id, NEW.agenda_item_id) IS NOT NULL; END;
CREATE TRIGGER sq_link_upd AFTER UPDATE ON file_link
BEGIN INSERT OR IGNORE INTO search_queue
	SELECT 'meeting', COALESCE(NEW.meeting_id, (SELECT meeting_id FROM agenda_item WHERE id = NEW.agenda_item_id))
	WHERE COALESCE(NEW.meeting_id, NEW.agenda_item_id) IS NOT NULL; END;
CREATE TRIGGER sq_page_ins AFTER INSERT ON file_page
BEGIN INSERT OR IGNORE INTO search_queue
	SELECT 'meeting', COALESCE(l.meeting_id, i.meeting_id) FROM file_link l
	LEFT JOIN agenda_item i ON i.id = l.agenda_item_id WHERE l.file_id = NEW.file_id; END;
CREATE TRIGGER sq_org_ins AFTER INSERT ON organization
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('organization', NEW.id); END;
CREATE TRIGGER sq_org_upd AFTER UPDATE ON organization
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('organization', NEW.id);
      INSERT OR IGNORE INTO search_queue SELECT 'meeting', id FROM meeting WHERE organization_id = NEW.id; END;
CREATE TRIGGER sq_person_ins AFTER INSERT ON person
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('person', NEW.id); END;
CREATE TRIGGER sq_person_upd AFTER UPDATE ON person
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('person', NEW.id); END;

-- Index what already exists.
INSERT OR IGNORE INTO search_queue SELECT 'meeting', id FROM meeting;
INSERT OR IGNORE INTO search_queue SELECT 'organization', id FROM organization;
INSERT OR IGNORE INTO search_queue SELECT 'person', id FROM person;
