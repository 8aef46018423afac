-- 001_init.sql: the whole record of DESIGN.md, aligned with OParl 1.1 plus
-- UK law.  Timestamps `created`/`modified` are UTC ISO 8601 ('...Z'); meeting
-- times are local wall-clock time of the body's time zone ('YYYY-MM-DD HH:MM').
-- Rows are never deleted by the application: `deleted` = 1 keeps them for
-- OParl's deleted objects and for the audit trail.
-- Markdown fields are stored twice: the source (_md) and the HTML rendered
-- by cmark-gfm in safe mode (_html) at write time.
-- Public surfaces read only the pub_* views at the end of this file.

CREATE TABLE body (
	id INTEGER PRIMARY KEY,
	name TEXT NOT NULL,
	short_name TEXT,
	website TEXT,
	email TEXT,
	phone TEXT,
	address TEXT,
	colour_primary TEXT NOT NULL DEFAULT '#1d4f73',
	colour_accent TEXT NOT NULL DEFAULT '#ffdd00',
	logo_svg TEXT,                 -- trusted SVG from configuration, or NULL
	region TEXT NOT NULL DEFAULT 'england' CHECK (region IN ('england','wales','scotland','northern_ireland','other')),
	notice_clear_days INTEGER NOT NULL DEFAULT 5,
	timezone TEXT NOT NULL DEFAULT 'Europe/London',
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE legislative_term (
	id INTEGER PRIMARY KEY,
	body_id INTEGER NOT NULL REFERENCES body(id),
	name TEXT NOT NULL,
	start_date TEXT,
	end_date TEXT,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE organization (
	id INTEGER PRIMARY KEY,
	body_id INTEGER NOT NULL REFERENCES body(id),
	parent_id INTEGER REFERENCES organization(id),
	name TEXT NOT NULL,
	short_name TEXT,
	kind TEXT NOT NULL DEFAULT 'committee' CHECK (kind IN
		('council','cabinet','committee','sub_committee','panel','board','working_group','outside_body')),
	purpose_md TEXT,
	purpose_html TEXT,
	start_date TEXT,
	end_date TEXT,
	website TEXT,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE person (
	id INTEGER PRIMARY KEY,
	body_id INTEGER NOT NULL REFERENCES body(id),
	name TEXT NOT NULL,            -- display name, e.g. 'Councillor Jane Smith'
	honorific TEXT,                -- 'Councillor', 'Mr', 'Dr'
	given_name TEXT,
	family_name TEXT,
	party TEXT,
	area TEXT,                     -- ward, division or constituency
	nominated_by TEXT,             -- e.g. 'Shropshire Council' on a joint panel
	email TEXT,
	phone TEXT,
	bio_md TEXT,
	bio_html TEXT,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX person_family ON person(family_name, given_name);

CREATE TABLE membership (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES person(id),
	organization_id INTEGER NOT NULL REFERENCES organization(id),
	role TEXT NOT NULL DEFAULT 'member' CHECK (role IN
		('chair','vice_chair','member','co_opted','substitute','independent','officer')),
	voting INTEGER NOT NULL DEFAULT 1,
	start_date TEXT,
	end_date TEXT,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX membership_org ON membership(organization_id);
CREATE INDEX membership_person ON membership(person_id);

CREATE TABLE location (
	id INTEGER PRIMARY KEY,
	body_id INTEGER NOT NULL REFERENCES body(id),
	name TEXT NOT NULL,            -- 'Council Chamber, County Hall'
	room TEXT,
	street_address TEXT,
	locality TEXT,
	postcode TEXT,
	description TEXT,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE meeting (
	id INTEGER PRIMARY KEY,
	organization_id INTEGER NOT NULL REFERENCES organization(id),
	location_id INTEGER REFERENCES location(id),
	name TEXT,                     -- NULL: the organization's name
	start_at TEXT NOT NULL,        -- local 'YYYY-MM-DD HH:MM'
	end_at TEXT,
	state TEXT NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled','held','cancelled','postponed')),
	state_reason TEXT,             -- why cancelled or postponed
	webcast_url TEXT,
	published INTEGER NOT NULL DEFAULT 1,  -- listed in the public calendar
	agenda_status TEXT NOT NULL DEFAULT 'draft' CHECK (agenda_status IN ('draft','published')),
	agenda_published_at TEXT,      -- UTC
	minutes_status TEXT NOT NULL DEFAULT 'none' CHECK (minutes_status IN ('none','draft','published','approved')),
	minutes_published_at TEXT,     -- UTC
	minutes_approved_at TEXT,      -- UTC
	minutes_approved_by INTEGER REFERENCES meeting(id),  -- the meeting that approved them
	sequence INTEGER NOT NULL DEFAULT 0,  -- iCalendar SEQUENCE, raised on change
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX meeting_start ON meeting(start_at);
CREATE INDEX meeting_org ON meeting(organization_id, start_at);

CREATE TABLE paper (
	id INTEGER PRIMARY KEY,
	body_id INTEGER NOT NULL REFERENCES body(id),
	reference TEXT,
	title TEXT NOT NULL,
	kind TEXT NOT NULL DEFAULT 'report' CHECK (kind IN ('report','motion','petition','question','notice','other')),
	key_decision INTEGER NOT NULL DEFAULT 0,
	decision_maker_id INTEGER REFERENCES organization(id),
	forward_plan_date TEXT,        -- expected decision date on the forward plan
	public INTEGER NOT NULL DEFAULT 1,
	description_md TEXT,
	description_html TEXT,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE agenda_item (
	id INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meeting(id),
	parent_id INTEGER REFERENCES agenda_item(id),
	position INTEGER NOT NULL,     -- order on the agenda
	number TEXT,                   -- '4', '4a'
	title TEXT NOT NULL,           -- always public, also for exempt items
	kind TEXT NOT NULL DEFAULT 'item' CHECK (kind IN ('item','apologies','declarations','minutes','procedural','exclusion')),
	exempt INTEGER NOT NULL DEFAULT 0,
	exempt_paragraph INTEGER CHECK (exempt_paragraph IS NULL OR exempt_paragraph BETWEEN 1 AND 7),
	exempt_reason TEXT,            -- public reason (public interest test)
	paper_id INTEGER REFERENCES paper(id),
	description_md TEXT,
	description_html TEXT,
	minutes_md TEXT,
	minutes_html TEXT,
	decision_md TEXT,
	decision_html TEXT,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0,
	CHECK (exempt = 0 OR exempt_paragraph IS NOT NULL)
);
CREATE INDEX agenda_item_meeting ON agenda_item(meeting_id, position);

CREATE TABLE consultation (
	id INTEGER PRIMARY KEY,
	paper_id INTEGER NOT NULL REFERENCES paper(id),
	meeting_id INTEGER REFERENCES meeting(id),
	agenda_item_id INTEGER REFERENCES agenda_item(id),
	organization_id INTEGER REFERENCES organization(id),
	authoritative INTEGER NOT NULL DEFAULT 0,
	role TEXT,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0
);

-- A File is a document object; its bytes live in the store, named by sha256.
CREATE TABLE file (
	id INTEGER PRIMARY KEY,
	title TEXT NOT NULL,
	filename TEXT NOT NULL,        -- safe name used in the download URL
	mime_type TEXT NOT NULL,
	size INTEGER NOT NULL,
	sha256 TEXT NOT NULL,          -- hex, names the bytes in the store
	page_count INTEGER,
	text_status TEXT NOT NULL DEFAULT 'pending' CHECK (text_status IN ('pending','done','failed','none')),
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX file_sha ON file(sha256);

-- Extracted text, one row a page (page 1 first).
CREATE TABLE file_page (
	file_id INTEGER NOT NULL REFERENCES file(id),
	page INTEGER NOT NULL,
	text TEXT NOT NULL,
	PRIMARY KEY (file_id, page)
);

-- Where a file is attached, and as what.
CREATE TABLE file_link (
	id INTEGER PRIMARY KEY,
	file_id INTEGER NOT NULL REFERENCES file(id),
	meeting_id INTEGER REFERENCES meeting(id),
	agenda_item_id INTEGER REFERENCES agenda_item(id),
	paper_id INTEGER REFERENCES paper(id),
	role TEXT NOT NULL DEFAULT 'report' CHECK (role IN
		('front_sheet','agenda_pack','report','appendix','supplement','minutes','background','decision_notice')),
	position INTEGER NOT NULL DEFAULT 0,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0,
	CHECK ((meeting_id IS NOT NULL) + (agenda_item_id IS NOT NULL) + (paper_id IS NOT NULL) = 1)
);
CREATE INDEX file_link_file ON file_link(file_id);
CREATE INDEX file_link_meeting ON file_link(meeting_id);
CREATE INDEX file_link_item ON file_link(agenda_item_id);

CREATE TABLE attendance (
	id INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meeting(id),
	person_id INTEGER NOT NULL REFERENCES person(id),
	status TEXT NOT NULL CHECK (status IN ('present','apologies','absent','substitute','in_attendance')),
	substitute_for INTEGER REFERENCES person(id),
	note TEXT,                     -- e.g. 'Chief Constable', 'virtually'
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	UNIQUE (meeting_id, person_id)
);
CREATE INDEX attendance_person ON attendance(person_id);

CREATE TABLE declaration (
	id INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meeting(id),
	agenda_item_id INTEGER REFERENCES agenda_item(id),
	person_id INTEGER NOT NULL REFERENCES person(id),
	kind TEXT NOT NULL CHECK (kind IN ('disclosable_pecuniary','other_registrable','non_registrable','other')),
	description TEXT NOT NULL,
	left_room INTEGER NOT NULL DEFAULT 0,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE vote (
	id INTEGER PRIMARY KEY,
	agenda_item_id INTEGER NOT NULL REFERENCES agenda_item(id),
	motion TEXT NOT NULL,
	result TEXT NOT NULL CHECK (result IN ('carried','lost','tied','withdrawn')),
	votes_for INTEGER,
	votes_against INTEGER,
	abstentions INTEGER,
	recorded INTEGER NOT NULL DEFAULT 0,   -- names recorded (vote_record)
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE vote_record (
	vote_id INTEGER NOT NULL REFERENCES vote(id),
	person_id INTEGER NOT NULL REFERENCES person(id),
	position TEXT NOT NULL CHECK (position IN ('for','against','abstain','did_not_vote')),
	PRIMARY KEY (vote_id, person_id)
);

CREATE TABLE decision (
	id INTEGER PRIMARY KEY,
	agenda_item_id INTEGER REFERENCES agenda_item(id),
	paper_id INTEGER REFERENCES paper(id),
	decision_maker_id INTEGER REFERENCES organization(id),
	title TEXT NOT NULL,
	decision_md TEXT, decision_html TEXT,
	reasons_md TEXT, reasons_html TEXT,
	alternatives_md TEXT, alternatives_html TEXT,
	conflicts TEXT,
	decided_on TEXT,
	published INTEGER NOT NULL DEFAULT 0,
	call_in_deadline TEXT,
	effective_from TEXT,
	status TEXT NOT NULL DEFAULT 'made' CHECK (status IN ('made','called_in','implemented','withdrawn')),
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

-- Changes to approved (locked) minutes, each with its reason.
CREATE TABLE minutes_amendment (
	id INTEGER PRIMARY KEY,
	meeting_id INTEGER NOT NULL REFERENCES meeting(id),
	agenda_item_id INTEGER REFERENCES agenda_item(id),
	user_id INTEGER REFERENCES user(id),
	reason TEXT NOT NULL,
	before_md TEXT,
	after_md TEXT,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE user (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE COLLATE NOCASE,
	name TEXT,
	role TEXT NOT NULL CHECK (role IN ('admin','clerk')),
	password_hash TEXT NOT NULL,   -- argon2id (libsodium crypto_pwhash_str)
	disabled INTEGER NOT NULL DEFAULT 0,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE session (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,   -- sha256 of the cookie value
	user_id INTEGER NOT NULL REFERENCES user(id),
	csrf_token TEXT NOT NULL,
	client TEXT,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	last_seen TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
);

CREATE TABLE login_throttle (
	key TEXT PRIMARY KEY,          -- 'user:EMAIL' or 'addr:IP'
	failures INTEGER NOT NULL,
	window_start TEXT NOT NULL
);

CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
	user_id INTEGER REFERENCES user(id),
	action TEXT NOT NULL,          -- 'create', 'update', 'publish', ...
	entity TEXT NOT NULL,          -- table name
	entity_id INTEGER,
	before_json TEXT,
	after_json TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- `modified` follows every update unless the statement sets it itself.
CREATE TRIGGER body_mod AFTER UPDATE ON body WHEN NEW.modified = OLD.modified
BEGIN UPDATE body SET modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = NEW.id; END;
CREATE TRIGGER organization_mod AFTER UPDATE ON organization WHEN NEW.modified = OLD.modified
BEGIN UPDATE organization SET modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = NEW.id; END;
CREATE TRIGGER person_mod AFTER UPDATE ON person WHEN NEW.modified = OLD.modified
BEGIN UPDATE person SET modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = NEW.id; END;
CREATE TRIGGER membership_mod AFTER UPDATE ON membership WHEN NEW.modified = OLD.modified
BEGIN UPDATE membership SET modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = NEW.id; END;
CREATE TRIGGER location_mod AFTER UPDATE ON location WHEN NEW.modified = OLD.modified
BEGIN UPDATE location SET modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = NEW.id; END;
CREATE TRIGGER meeting_mod AFTER UPDATE ON meeting WHEN NEW.modified = OLD.modified
BEGIN UPDATE meeting SET modified = strftime('%Y-%m-%dT%H:%M:%SZ','now'), sequence = OLD.sequence + 1 WHERE id = NEW.id; END;
CREATE TRIGGER agenda_item_mod AFTER UPDATE ON agenda_item WHEN NEW.modified = OLD.modified
BEGIN UPDATE agenda_item SET modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = NEW.id; END;
CREATE TRIGGER paper_mod AFTER UPDATE ON paper WHEN NEW.modified = OLD.modified
BEGIN UPDATE paper SET modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = NEW.id; END;
CREATE TRIGGER file_mod AFTER UPDATE ON file WHEN NEW.modified = OLD.modified
BEGIN UPDATE file SET modified = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE id = NEW.id; END;

-- ---------------------------------------------------------------------------
-- The public record.  Every public surface (HTML, search, API, feeds, iCal,
-- sitemaps, exports, generated PDFs) reads these views and nothing else, so
-- that what is confidential or unpublished is filtered in exactly one place:
--  * a meeting is public when published and not deleted;
--  * its agenda items only once the agenda is published;
--  * an exempt item shows its title, number and exemption, never its
--    description, minutes or decision, nor its documents or votes;
--  * minutes, decisions and votes only once the minutes are published;
--  * attendance and declarations once the meeting has been held.
-- ---------------------------------------------------------------------------

CREATE VIEW pub_organization AS
SELECT * FROM organization WHERE deleted = 0;

CREATE VIEW pub_person AS
SELECT id, body_id, name, honorific, given_name, family_name, party, area,
       nominated_by, bio_html, created, modified
FROM person WHERE deleted = 0;

CREATE VIEW pub_membership AS
SELECT ms.* FROM membership ms
JOIN pub_person p ON p.id = ms.person_id
JOIN pub_organization o ON o.id = ms.organization_id
WHERE ms.deleted = 0;

CREATE VIEW pub_location AS
SELECT * FROM location WHERE deleted = 0;

CREATE VIEW pub_meeting AS
SELECT m.id, m.organization_id, m.location_id, COALESCE(m.name, o.name) AS name,
       m.start_at, m.end_at, m.state, m.state_reason, m.webcast_url,
       m.agenda_status, m.agenda_published_at,
       CASE WHEN m.minutes_status IN ('published','approved') THEN m.minutes_status ELSE 'none' END AS minutes_status,
       CASE WHEN m.minutes_status IN ('published','approved') THEN m.minutes_published_at END AS minutes_published_at,
       CASE WHEN m.minutes_status = 'approved' THEN m.minutes_approved_at END AS minutes_approved_at,
       CASE WHEN m.minutes_status = 'approved' THEN m.minutes_approved_by END AS minutes_approved_by,
       m.sequence, m.created, m.modified
FROM meeting m JOIN pub_organization o ON o.id = m.organization_id
WHERE m.published = 1 AND m.deleted = 0;

CREATE VIEW pub_agenda_item AS
SELECT i.id, i.meeting_id, i.parent_id, i.position, i.number, i.title, i.kind,
       i.exempt, i.exempt_paragraph, i.exempt_reason,
       CASE WHEN i.exempt = 0 THEN i.paper_id END AS paper_id,
       CASE WHEN i.exempt = 0 THEN i.description_html END AS description_html,
       CASE WHEN i.exempt = 0 AND m.minutes_status <> 'none' THEN i.minutes_html END AS minutes_html,
       CASE WHEN i.exempt = 0 AND m.minutes_status <> 'none' THEN i.decision_html END AS decision_html,
       i.created, i.modified
FROM agenda_item i JOIN pub_meeting m ON m.id = i.meeting_id
WHERE m.agenda_status = 'published' AND i.deleted = 0;

CREATE VIEW pub_paper AS
SELECT id, body_id, reference, title, kind, key_decision, decision_maker_id,
       forward_plan_date, description_html, created, modified
FROM paper WHERE public = 1 AND deleted = 0;

-- (Conditions on other views are EXISTS subqueries, never LEFT JOINs: SQLite
-- cannot flatten a join view on the right of a LEFT JOIN and would
-- materialize it whole for every query.)
CREATE VIEW pub_file_link AS
SELECT l.* FROM file_link l
WHERE l.deleted = 0 AND (
	EXISTS (SELECT 1 FROM pub_agenda_item i JOIN pub_meeting m ON m.id = i.meeting_id
		WHERE i.id = l.agenda_item_id AND i.exempt = 0
		  AND (l.role <> 'minutes' OR m.minutes_status <> 'none'))
	OR EXISTS (SELECT 1 FROM pub_meeting m WHERE m.id = l.meeting_id
		AND CASE WHEN l.role = 'minutes' THEN m.minutes_status <> 'none'
		         ELSE m.agenda_status = 'published' END)
	OR EXISTS (SELECT 1 FROM pub_paper p WHERE p.id = l.paper_id)
);

CREATE VIEW pub_file AS
SELECT f.* FROM file f
WHERE f.deleted = 0 AND EXISTS (SELECT 1 FROM pub_file_link l WHERE l.file_id = f.id);

CREATE VIEW pub_file_page AS
SELECT fp.* FROM file_page fp JOIN pub_file f ON f.id = fp.file_id;

CREATE VIEW pub_consultation AS
SELECT c.* FROM consultation c
WHERE c.deleted = 0
  AND EXISTS (SELECT 1 FROM pub_paper p WHERE p.id = c.paper_id)
  AND (c.meeting_id IS NULL OR EXISTS (SELECT 1 FROM pub_meeting m WHERE m.id = c.meeting_id))
  AND (c.agenda_item_id IS NULL OR EXISTS (SELECT 1 FROM pub_agenda_item i
	WHERE i.id = c.agenda_item_id AND i.exempt = 0));

CREATE VIEW pub_attendance AS
SELECT a.* FROM attendance a JOIN pub_meeting m ON m.id = a.meeting_id
WHERE m.state = 'held';

CREATE VIEW pub_declaration AS
SELECT d.* FROM declaration d JOIN pub_meeting m ON m.id = d.meeting_id
WHERE m.state = 'held';

CREATE VIEW pub_vote AS
SELECT v.* FROM vote v JOIN pub_agenda_item i ON i.id = v.agenda_item_id
WHERE i.exempt = 0 AND i.minutes_html IS NOT NULL;

CREATE VIEW pub_vote_record AS
SELECT r.* FROM vote_record r JOIN pub_vote v ON v.id = r.vote_id;

CREATE VIEW pub_decision AS
SELECT d.* FROM decision d
WHERE d.published = 1
  AND (d.agenda_item_id IS NULL OR EXISTS (SELECT 1 FROM pub_agenda_item i
	WHERE i.id = d.agenda_item_id AND i.exempt = 0 AND i.minutes_html IS NOT NULL));
