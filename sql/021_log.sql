-- 021_log.sql: the record as evidence (docs/LOG.md): an append-only
-- Merkle log of every publication event, in C2SP's tlog-tiles form.
-- Entries and the hashes of the tree's complete subtrees are public
-- (served under /log/), written in the transaction that publishes; the
-- log's origin and its verifier key are the body's (its signer key is a
-- file beside the documents, never in the database).  What the log last
-- said of each object is internal: the log step's memory.

CREATE TABLE log_entry (
	id INTEGER PRIMARY KEY,          -- the entry's index, from 0
	body TEXT NOT NULL,              -- the entry (docs/LOG.md, "Entries")
	created TEXT NOT NULL            -- UTC, when it was appended
);

-- The hash of each complete subtree: node (level, idx) covers leaves
-- idx * 2^level .. (idx + 1) * 2^level - 1; level 0 holds the leaf hashes.
CREATE TABLE log_node (
	id INTEGER PRIMARY KEY,
	level INTEGER NOT NULL,
	idx INTEGER NOT NULL,
	hash TEXT NOT NULL,              -- 64 hex digits
	UNIQUE (level, idx)
);

-- What the log last said of each object it follows ("meeting/1/agenda",
-- "document/7", ...): its state and content hash, and that entry's index.
CREATE TABLE log_state (
	object TEXT PRIMARY KEY,
	state TEXT NOT NULL,
	hash TEXT,
	entry INTEGER NOT NULL
);

ALTER TABLE body ADD COLUMN log_origin TEXT;   -- the checkpoint's origin line; NULL: no log yet
ALTER TABLE body ADD COLUMN log_key TEXT;      -- its verifier key (a signed note's)

-- What the publication record saw change in this transaction, for the
-- log's commit hook (db/log.c), which empties it.
CREATE TABLE log_change (
	entity TEXT NOT NULL,
	id INTEGER NOT NULL,
	PRIMARY KEY (entity, id)
) WITHOUT ROWID;

CREATE TRIGGER log_change_ins AFTER INSERT ON publication
WHEN NEW.entity IN ('meeting', 'agenda_item', 'file', 'decision')
BEGIN INSERT OR IGNORE INTO log_change VALUES (NEW.entity, NEW.id); END;
CREATE TRIGGER log_change_upd AFTER UPDATE ON publication
WHEN NEW.entity IN ('meeting', 'agenda_item', 'file', 'decision')
BEGIN INSERT OR IGNORE INTO log_change VALUES (NEW.entity, NEW.id); END;
