-- 009_papers.sql: papers' documents reach the agenda items that consult
-- them (docs/DECISIONS.md, "Harvesting foreign records"), and a harvest
-- remembers the references it could not resolve.
--
-- Search indexes a meeting with the documents of the papers its items
-- consult: a change to a consultation, to a paper, or to a paper's
-- documents (their links, titles, text) re-indexes those meetings.

CREATE TRIGGER sq_consultation_ins AFTER INSERT ON consultation
BEGIN INSERT OR IGNORE INTO search_queue
	SELECT 'meeting', COALESCE(NEW.meeting_id, (SELECT meeting_id FROM agenda_item WHERE id = NEW.agenda_item_id))
	WHERE COALESCE(NEW.meeting_id, NEW.agenda_item_id) IS NOT NULL; END;
CREATE TRIGGER sq_consultation_upd AFTER UPDATE ON consultation
BEGIN INSERT OR IGNORE INTO search_queue
	SELECT 'meeting', COALESCE(NEW.meeting_id, (SELECT meeting_id FROM agenda_item WHERE id = NEW.agenda_item_id))
	WHERE COALESCE(NEW.meeting_id, NEW.agenda_item_id) IS NOT NULL;
      INSERT OR IGNORE INTO search_queue
	SELECT 'meeting', COALESCE(OLD.meeting_id, (SELECT meeting_id FROM agenda_item WHERE id = OLD.agenda_item_id))
	WHERE COALESCE(OLD.meeting_id, OLD.agenda_item_id) IS NOT NULL; END;

-- The meetings whose items consult a paper.
CREATE TRIGGER sq_paper_upd AFTER UPDATE ON paper
BEGIN INSERT OR IGNORE INTO search_queue
	SELECT 'meeting', i.meeting_id FROM consultation c JOIN agenda_item i ON i.id = c.agenda_item_id
	WHERE c.paper_id = NEW.id; END;
CREATE TRIGGER sq_paper_link_ins AFTER INSERT ON file_link WHEN NEW.paper_id IS NOT NULL
BEGIN INSERT OR IGNORE INTO search_queue
	SELECT 'meeting', i.meeting_id FROM consultation c JOIN agenda_item i ON i.id = c.agenda_item_id
	WHERE c.paper_id = NEW.paper_id; END;
CREATE TRIGGER sq_paper_link_upd AFTER UPDATE ON file_link WHEN NEW.paper_id IS NOT NULL
BEGIN INSERT OR IGNORE INTO search_queue
	SELECT 'meeting', i.meeting_id FROM consultation c JOIN agenda_item i ON i.id = c.agenda_item_id
	WHERE c.paper_id = NEW.paper_id; END;
CREATE TRIGGER sq_paper_page_ins AFTER INSERT ON file_page
BEGIN INSERT OR IGNORE INTO search_queue
	SELECT 'meeting', i.meeting_id FROM file_link l JOIN consultation c ON c.paper_id = l.paper_id
	JOIN agenda_item i ON i.id = c.agenda_item_id WHERE l.file_id = NEW.file_id; END;
CREATE TRIGGER sq_paper_file_upd AFTER UPDATE ON file
BEGIN INSERT OR IGNORE INTO search_queue
	SELECT 'meeting', i.meeting_id FROM file_link l JOIN consultation c ON c.paper_id = l.paper_id
	JOIN agenda_item i ON i.id = c.agenda_item_id WHERE l.file_id = NEW.id; END;

INSERT OR IGNORE INTO search_queue
	SELECT 'meeting', i.meeting_id FROM consultation c JOIN agenda_item i ON i.id = c.agenda_item_id;

-- A reference (to_url) that an imported object (from_url) makes and that
-- could not be resolved: named in the run's summary, and tried again at
-- the end of this run and of every later one (the target may arrive in
-- another list, or later).
CREATE TABLE import_pending (
	from_url TEXT NOT NULL,
	to_url TEXT NOT NULL,
	PRIMARY KEY (from_url, to_url)
) WITHOUT ROWID;
