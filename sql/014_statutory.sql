-- 014_statutory.sql: what councils must publish besides agendas and
-- minutes (docs/DECISIONS.md, "Statutory records"): decision records of
-- every kind, the forward plan of key decisions, and the register of
-- members' interests.  Classified in src/db/model.h; the public views come
-- from src/db/boundary.c.

-- The forward plan: notice of each key decision, at least 28 clear days
-- before it is taken (regulations 9 to 11 of the 2012 Regulations).
CREATE TABLE plan_entry (
	id INTEGER PRIMARY KEY,
	body_id INTEGER NOT NULL REFERENCES body(id),
	paper_id INTEGER REFERENCES paper(id),            -- the matter, followed on /issues/{id}
	reference TEXT,
	title TEXT NOT NULL,
	summary_md TEXT, summary_html TEXT,
	decision_maker_id INTEGER REFERENCES organization(id),
	decision_maker_post TEXT,      -- an individual decision maker
	lead_member_id INTEGER REFERENCES person(id),
	lead_officer TEXT,
	first_published TEXT NOT NULL, -- YYYY-MM-DD: the notice first published
	decision_due TEXT NOT NULL,    -- YYYY-MM-DD
	wards TEXT,
	consultees TEXT,
	documents TEXT,                -- documents to be considered
	restriction TEXT NOT NULL DEFAULT 'open' CHECK (restriction IN ('open','part_exempt','exempt')),
	exempt_paragraph INTEGER CHECK (exempt_paragraph IS NULL OR exempt_paragraph BETWEEN 1 AND 7),
	urgency TEXT NOT NULL DEFAULT 'none' CHECK (urgency IN ('none','general_exception','special_urgency')),
	urgency_reason TEXT,
	status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','decided','deferred','withdrawn')),
	published INTEGER NOT NULL DEFAULT 1,
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0,
	CHECK (restriction = 'open' OR exempt_paragraph IS NOT NULL),
	CHECK (urgency = 'none' OR urgency_reason IS NOT NULL)
);
CREATE INDEX plan_entry_due ON plan_entry(decision_due);

-- Decisions gain their kind (executive, committee, officer), an officer or
-- member who decides alone, key decision, wards, dispensations, call-in,
-- the forward plan entry they fulfil, and the status 'proposed'.  SQLite
-- cannot change a CHECK in place, so the table is made again (its public
-- view and publication triggers are dropped here and made again when the
-- database is opened).  The new columns are NULL on old rows, so that no
-- published decision's modified moves.
DROP VIEW IF EXISTS pub_decision;
CREATE TABLE decision_old AS SELECT * FROM decision;
DROP TABLE decision;
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
	status TEXT NOT NULL DEFAULT 'made'
		CHECK (status IN ('proposed','made','called_in','implemented','withdrawn')),
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	kind TEXT CHECK (kind IS NULL OR kind IN ('executive','committee','officer')),
	decision_maker_person_id INTEGER REFERENCES person(id),
	decision_maker_post TEXT,      -- 'Director of Resources', 'Cabinet Member for Finance'
	key_decision INTEGER CHECK (key_decision IS NULL OR key_decision IN (0,1)),
	wards TEXT,                    -- wards affected: 'All wards', 'Arboretum; Cathedral'
	dispensations TEXT,
	call_in INTEGER CHECK (call_in IS NULL OR call_in IN (0,1)),   -- subject to call-in
	plan_entry_id INTEGER REFERENCES plan_entry(id),
	deleted INTEGER NOT NULL DEFAULT 0
);
INSERT INTO decision(id, agenda_item_id, paper_id, decision_maker_id, title, decision_md, decision_html,
	reasons_md, reasons_html, alternatives_md, alternatives_html, conflicts, decided_on, published,
	call_in_deadline, effective_from, status, created, modified)
SELECT id, agenda_item_id, paper_id, decision_maker_id, title, decision_md, decision_html,
	reasons_md, reasons_html, alternatives_md, alternatives_html, conflicts, decided_on, published,
	call_in_deadline, effective_from, status, created, modified FROM decision_old;
DROP TABLE decision_old;
CREATE INDEX decision_item ON decision(agenda_item_id);
CREATE INDEX decision_paper ON decision(paper_id);
CREATE INDEX decision_date ON decision(decided_on);

-- The register of members' interests (Localism Act 2011 s.29-34 and the
-- Relevant Authorities (Disclosable Pecuniary Interests) Regulations 2012,
-- plus the other registrable interests of a code of conduct).  A sensitive
-- interest (s.32) is registered but its details are never public.
CREATE TABLE interest (
	id INTEGER PRIMARY KEY,
	person_id INTEGER NOT NULL REFERENCES person(id),
	category TEXT NOT NULL CHECK (category IN ('employment','sponsorship','contracts','land','licences',
		'tenancies','securities','other_bodies','gifts')),
	holder TEXT NOT NULL DEFAULT 'member' CHECK (holder IN ('member','partner')),
	description TEXT NOT NULL,
	sensitive INTEGER NOT NULL DEFAULT 0,
	registered_on TEXT NOT NULL,   -- YYYY-MM-DD
	ended_on TEXT,                 -- YYYY-MM-DD, or NULL while held
	created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	modified TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')),
	deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX interest_person ON interest(person_id);

INSERT OR IGNORE INTO publication_queue SELECT 'decision', id FROM decision;
