-- 008_boundary.sql: the public boundary (docs/ARCHITECTURE.md, "What is
-- public: one place").  The pub_* views, and the triggers that queue the
-- rows a write touches, are no longer written here: src/db/boundary.c
-- generates them on open from its classification of every column, and
-- replaces whatever an older migration left.  This migration adds what
-- they need:
--
-- * publication: one row per object that has ever been public: the
--   SHA-256 of its public row (NULL once withdrawn or deleted), when its
--   public content last changed (the `modified` of every public surface),
--   a change counter (iCalendar's SEQUENCE), and what an OParl "deleted"
--   stub shows.  An object that was never public has no row, so it is in
--   no list and answers 404.
-- * publication_queue / publication_touch: rows to re-examine, and
--   objects whose embedded content changed; emptied by db_commit.
-- * meeting.agenda_withdrawn_at / minutes_withdrawn_at: so that a withdrawn
--   agenda reads "withdrawn", not "published".

CREATE TABLE publication (
	entity TEXT NOT NULL,          -- the table: 'meeting', 'agenda_item', ...
	id INTEGER NOT NULL,
	hash TEXT,                     -- sha256 of the public row; NULL: withdrawn
	scope INTEGER,                 -- body or committee, for OParl's scoped lists
	created TEXT,                  -- the object's created, for stubs
	first_public TEXT NOT NULL,    -- UTC, when it was first public
	modified TEXT NOT NULL,        -- UTC, when something public about it changed
	seq INTEGER NOT NULL DEFAULT 0,  -- public changes so far
	PRIMARY KEY (entity, id)
) WITHOUT ROWID;
CREATE INDEX publication_withdrawn ON publication(entity, id) WHERE hash IS NULL;

CREATE TABLE publication_queue (
	entity TEXT NOT NULL,
	id INTEGER NOT NULL,
	PRIMARY KEY (entity, id)
) WITHOUT ROWID;

CREATE TABLE publication_touch (
	entity TEXT NOT NULL,
	id INTEGER NOT NULL,
	PRIMARY KEY (entity, id)
) WITHOUT ROWID;

ALTER TABLE meeting ADD COLUMN agenda_withdrawn_at TEXT;   -- UTC, NULL unless withdrawn
ALTER TABLE meeting ADD COLUMN minutes_withdrawn_at TEXT;  -- UTC, NULL unless withdrawn

-- The reasons for unpublishing went into state_reason, which the public
-- reads when a meeting is cancelled or postponed: they are internal, and
-- the audit log keeps them.  A scheduled or held meeting has no public reason.
UPDATE meeting SET state_reason = NULL WHERE state NOT IN ('cancelled', 'postponed');

-- Every object is examined once on open (the first db_commit).
INSERT OR IGNORE INTO publication_queue SELECT 'body', id FROM body;
INSERT OR IGNORE INTO publication_queue SELECT 'legislative_term', id FROM legislative_term;
INSERT OR IGNORE INTO publication_queue SELECT 'organization', id FROM organization;
INSERT OR IGNORE INTO publication_queue SELECT 'person', id FROM person;
INSERT OR IGNORE INTO publication_queue SELECT 'membership', id FROM membership;
INSERT OR IGNORE INTO publication_queue SELECT 'location', id FROM location;
INSERT OR IGNORE INTO publication_queue SELECT 'meeting', id FROM meeting;
INSERT OR IGNORE INTO publication_queue SELECT 'paper', id FROM paper;
INSERT OR IGNORE INTO publication_queue SELECT 'agenda_item', id FROM agenda_item;
INSERT OR IGNORE INTO publication_queue SELECT 'consultation', id FROM consultation;
INSERT OR IGNORE INTO publication_queue SELECT 'file_link', id FROM file_link;
INSERT OR IGNORE INTO publication_queue SELECT 'file', id FROM file;
INSERT OR IGNORE INTO publication_queue SELECT 'attendance', id FROM attendance;
INSERT OR IGNORE INTO publication_queue SELECT 'declaration', id FROM declaration;
INSERT OR IGNORE INTO publication_queue SELECT 'vote', id FROM vote;
INSERT OR IGNORE INTO publication_queue SELECT 'decision', id FROM decision;

-- The back office's view of meetings, with the two new columns (same
-- names as the public view's, so that the same row code reads both).
DROP VIEW adm_meeting;
CREATE VIEW adm_meeting AS
SELECT m.id, m.organization_id, m.location_id, COALESCE(m.name, o.name) AS name,
       m.start_at, m.end_at, m.state, m.state_reason, m.webcast_url,
       m.agenda_status, m.agenda_published_at, m.minutes_status,
       m.minutes_published_at, m.minutes_approved_at, m.minutes_approved_by,
       m.sequence, m.created, m.modified, m.published, m.name AS own_name,
       m.agenda_withdrawn_at, m.minutes_withdrawn_at
FROM meeting m JOIN organization o ON o.id = m.organization_id
WHERE m.deleted = 0 AND o.deleted = 0;
