-- 007_import.sql: what `witan import oparl` remembers between runs (see
-- docs/API.md, "Harvesting").  import_map ties each object of a source
-- system (by its URL) to the row it became here, so that a re-run updates
-- rows instead of adding them; import_run keeps one run per source: where
-- it stopped (to resume after an interruption) and the modified_since of
-- the next run.

CREATE TABLE import_map (
	url TEXT PRIMARY KEY,          -- the object's id in the source system
	entity TEXT NOT NULL,          -- our table
	local_id INTEGER NOT NULL,
	modified TEXT                  -- the source's modified when last imported
);
CREATE INDEX import_map_local ON import_map(entity, local_id);

CREATE TABLE import_run (
	system_url TEXT PRIMARY KEY,
	started TEXT NOT NULL,
	finished TEXT,                 -- NULL: running, or interrupted
	since TEXT,                    -- this run's modified_since (NULL: everything)
	next_since TEXT,               -- the largest modified seen: the next run's since
	step INTEGER NOT NULL DEFAULT 0,  -- the list being read
	next_url TEXT,                 -- its next page (NULL: from its start)
	objects INTEGER NOT NULL DEFAULT 0,
	bad INTEGER NOT NULL DEFAULT 0
);

-- A document's modified time is when the document changed (its bytes,
-- title, name, type, whether it is deleted), not when its text was read:
-- reading it must not make a harvester fetch it again, nor make a copy of
-- the record differ from its source.
DROP TRIGGER file_mod;
CREATE TRIGGER file_mod AFTER UPDATE ON file WHEN NEW.modified = OLD.modified
	AND (NEW.title IS NOT OLD.title OR NEW.filename IS NOT OLD.filename OR NEW.mime_type IS NOT OLD.mime_type
	     OR NEW.size IS NOT OLD.size OR NEW.sha256 IS NOT OLD.sha256 OR NEW.deleted IS NOT OLD.deleted)
BEGIN UPDATE file SET modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = NEW.id; END;

-- When a meeting's agenda or minutes are published or withdrawn (or the
-- meeting itself), what the public sees of its agenda items and their
-- documents changes: their modified times move with it, so that OParl
-- clients syncing with modified_since learn of it.
CREATE TRIGGER meeting_visibility AFTER UPDATE ON meeting
WHEN NEW.agenda_status IS NOT OLD.agenda_status OR NEW.published IS NOT OLD.published
	OR NEW.deleted IS NOT OLD.deleted
	OR (NEW.minutes_status IN ('published', 'approved')) IS NOT (OLD.minutes_status IN ('published', 'approved'))
BEGIN
	UPDATE agenda_item SET modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE meeting_id = NEW.id;
	UPDATE file_link SET modified = strftime('%Y-%m-%dT%H:%M:%SZ','now')
	WHERE meeting_id = NEW.id OR agenda_item_id IN (SELECT id FROM agenda_item WHERE meeting_id = NEW.id);
END;
