-- 016_alerts.sql: e-mail alerts (docs/DECISIONS.md, "Alerts"): people
-- follow a committee, a person, an issue, the decisions, the forward plan
-- or a search, without an account; what becomes public is queued for them
-- in the transaction that publishes it, and a background thread sends it.
-- Every table here is internal (src/db/boundary.c): addresses are personal
-- data, kept only for the subscriptions, deleted with the last of them.

CREATE TABLE alert_subscriber (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL COLLATE NOCASE UNIQUE,
	token TEXT NOT NULL UNIQUE,      -- the "manage your alerts" link, in every message
	created TEXT NOT NULL,           -- UTC
	confirm_sent TEXT,               -- UTC of the last confirmation message (at most one an hour)
	suppressed TEXT,                 -- UTC: the address was refused for good (a hard bounce)
	suppressed_reason TEXT
);

CREATE TABLE alert_subscription (
	id INTEGER PRIMARY KEY,
	subscriber_id INTEGER NOT NULL REFERENCES alert_subscriber(id) ON DELETE CASCADE,
	kind TEXT NOT NULL CHECK (kind IN ('committee', 'person', 'issue', 'decisions', 'plan', 'search')),
	target_id INTEGER,               -- the committee, person or paper; NULL otherwise
	query TEXT,                      -- search: the query string of /search (q and its filters)
	label TEXT NOT NULL,             -- what it follows, in words, as it was when subscribing
	frequency TEXT NOT NULL DEFAULT 'immediate' CHECK (frequency IN ('immediate', 'daily', 'weekly')),
	created TEXT NOT NULL,
	confirmed TEXT,                  -- UTC; NULL: waiting for the confirmation link (7 days)
	confirm_token TEXT NOT NULL UNIQUE,
	digest_due TEXT,                 -- daily and weekly: when the next digest is due (UTC)
	search_ready INTEGER NOT NULL DEFAULT 0  -- search: the results already there are noted
);
CREATE UNIQUE INDEX alert_subscription_what
	ON alert_subscription(subscriber_id, kind, ifnull(target_id, 0), ifnull(query, ''));
CREATE INDEX alert_subscription_target ON alert_subscription(kind, target_id) WHERE confirmed IS NOT NULL;

-- One-click unsubscribe tokens (RFC 8058): one per message sent, naming
-- the subscriptions the message was about.  They go with the subscription.
CREATE TABLE alert_unsub (
	token TEXT NOT NULL,
	subscription_id INTEGER NOT NULL REFERENCES alert_subscription(id) ON DELETE CASCADE,
	PRIMARY KEY (token, subscription_id)
) WITHOUT ROWID;
CREATE INDEX alert_unsub_sub ON alert_unsub(subscription_id);

-- What became public, as the publication record saw it; filled by the
-- triggers below, emptied by db/alerts.c's commit hook in the same
-- transaction.
CREATE TABLE alert_change (
	entity TEXT NOT NULL,
	id INTEGER NOT NULL,
	first INTEGER NOT NULL,          -- 1: public for the first time
	modified TEXT NOT NULL,          -- the publication record's modified
	PRIMARY KEY (entity, id)
) WITHOUT ROWID;

CREATE TRIGGER alert_change_ins AFTER INSERT ON publication WHEN NEW.hash IS NOT NULL
BEGIN INSERT OR REPLACE INTO alert_change VALUES (NEW.entity, NEW.id, 1, NEW.modified); END;
CREATE TRIGGER alert_change_upd AFTER UPDATE ON publication
BEGIN INSERT INTO alert_change VALUES (NEW.entity, NEW.id, OLD.hash IS NULL AND NEW.hash IS NOT NULL, NEW.modified)
      ON CONFLICT (entity, id) DO UPDATE SET modified = excluded.modified; END;

-- A public meeting's agenda, minutes, state, time and place as alerts
-- last saw them, to tell what changed.
CREATE TABLE alert_meeting (
	meeting_id INTEGER PRIMARY KEY,
	agenda_at TEXT,
	minutes_at TEXT,
	state TEXT,
	start_at TEXT,
	location_id INTEGER
);
INSERT INTO alert_meeting
	SELECT id, CASE WHEN agenda_status = 'published' THEN agenda_published_at END,
	       CASE WHEN minutes_status IN ('published', 'approved') THEN minutes_published_at END,
	       state, start_at, location_id
	FROM meeting WHERE published = 1 AND deleted = 0;

-- Something public that a subscription may follow.
CREATE TABLE alert_event (
	id INTEGER PRIMARY KEY,
	kind TEXT NOT NULL,              -- agenda, minutes, cancelled, postponed, moved, decision, plan,
	                                 -- declaration, vote, role, considered, search
	meeting_id INTEGER,
	committee_id INTEGER,
	person_id INTEGER,
	paper_id INTEGER,
	object_id INTEGER,               -- the decision, plan entry, declaration, vote, membership,
	                                 -- consultation; search: the result's id
	grp TEXT,                        -- search: the result's kind (item, document, meeting, ...)
	at TEXT NOT NULL                 -- UTC
);

-- What each subscription has still to be told: written with the event.
CREATE TABLE alert_queue (
	subscription_id INTEGER NOT NULL REFERENCES alert_subscription(id) ON DELETE CASCADE,
	event_id INTEGER NOT NULL REFERENCES alert_event(id) ON DELETE CASCADE,
	PRIMARY KEY (subscription_id, event_id)
) WITHOUT ROWID;
CREATE INDEX alert_queue_event ON alert_queue(event_id);

-- A search subscription's results already told (or there when it began).
CREATE TABLE alert_seen (
	subscription_id INTEGER NOT NULL REFERENCES alert_subscription(id) ON DELETE CASCADE,
	grp TEXT NOT NULL,
	ref_id INTEGER NOT NULL,
	PRIMARY KEY (subscription_id, grp, ref_id)
) WITHOUT ROWID;

-- The outbox: every message, composed, until it is sent or given up.
CREATE TABLE alert_message (
	id INTEGER PRIMARY KEY,
	subscriber_id INTEGER REFERENCES alert_subscriber(id) ON DELETE CASCADE,
	recipient TEXT,                  -- a test message's address; else the subscriber's
	kind TEXT NOT NULL CHECK (kind IN ('confirm', 'alert', 'digest', 'test')),
	subject TEXT NOT NULL,
	body_text TEXT,                  -- NULL once sent
	body_html TEXT,
	unsub_token TEXT,                -- List-Unsubscribe (alert_unsub)
	message_id TEXT NOT NULL UNIQUE,
	state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
	attempts INTEGER NOT NULL DEFAULT 0,
	next_try TEXT NOT NULL,          -- UTC
	last_error TEXT,
	created TEXT NOT NULL,
	sent TEXT
);
CREATE INDEX alert_message_due ON alert_message(next_try) WHERE state IN ('queued', 'sending');

-- Subscription requests, for the per-client and per-address limits
-- (kept for a day).
CREATE TABLE alert_request (
	at TEXT NOT NULL,
	client TEXT NOT NULL,
	email TEXT NOT NULL COLLATE NOCASE
);
CREATE INDEX alert_request_client ON alert_request(client, at);
CREATE INDEX alert_request_email ON alert_request(email, at);

-- The sender's own state (the last search check).
CREATE TABLE alert_state (
	key TEXT PRIMARY KEY,
	value TEXT
) WITHOUT ROWID;
