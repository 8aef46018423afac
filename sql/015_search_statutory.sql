-- 015_search_statutory.sql: decision records and forward plan entries are
-- searchable (docs/API.md, "Search").  Like everything in the index they
-- are read from their public views only (pub_decision, pub_plan_entry) by
-- src/db/search.c; these triggers queue what a write may change.  The
-- register of interests is never indexed.
--
-- A decision made at a meeting is public only once that meeting's minutes
-- are published and its item is not exempt, so writes to the item and the
-- meeting queue the decision too.

CREATE TRIGGER sq_decision_ins AFTER INSERT ON decision
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('decision', NEW.id); END;
CREATE TRIGGER sq_decision_upd AFTER UPDATE ON decision
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('decision', NEW.id);
      INSERT OR IGNORE INTO search_queue SELECT 'decision', OLD.id WHERE OLD.id <> NEW.id; END;
CREATE TRIGGER sq_decision_del AFTER DELETE ON decision
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('decision', OLD.id); END;

CREATE TRIGGER sq_plan_entry_ins AFTER INSERT ON plan_entry
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('plan_entry', NEW.id); END;
CREATE TRIGGER sq_plan_entry_upd AFTER UPDATE ON plan_entry
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('plan_entry', NEW.id);
      INSERT OR IGNORE INTO search_queue SELECT 'plan_entry', OLD.id WHERE OLD.id <> NEW.id; END;
CREATE TRIGGER sq_plan_entry_del AFTER DELETE ON plan_entry
BEGIN INSERT OR IGNORE INTO search_queue VALUES ('plan_entry', OLD.id); END;

CREATE TRIGGER sq_item_upd_decision AFTER UPDATE ON agenda_item
BEGIN INSERT OR IGNORE INTO search_queue SELECT 'decision', id FROM decision WHERE agenda_item_id = NEW.id; END;
CREATE TRIGGER sq_meeting_upd_decision AFTER UPDATE ON meeting
BEGIN INSERT OR IGNORE INTO search_queue SELECT 'decision', d.id FROM decision d
	JOIN agenda_item i ON i.id = d.agenda_item_id WHERE i.meeting_id = NEW.id; END;

-- Index what already exists.
INSERT OR IGNORE INTO search_queue SELECT 'decision', id FROM decision;
INSERT OR IGNORE INTO search_queue SELECT 'plan_entry', id FROM plan_entry;
