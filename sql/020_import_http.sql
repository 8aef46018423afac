-- 020_import_http.sql: what `witan import moderngov` remembers of each
-- answer of a web service it read (see docs/API.md, "Importing from
-- ModernGov"): the validators it came with, so that the next run asks
-- conditionally (If-None-Match, If-Modified-Since) and an unchanged
-- answer costs a 304; and, for the lists (the committees, a year of a
-- committee's meetings), the answer itself, read again when it is
-- unchanged. A meeting's row is written in the transaction that imports
-- the meeting, so an interrupted run asks again for what it did not
-- finish.

CREATE TABLE import_http (
	url TEXT PRIMARY KEY,
	etag TEXT,
	last_modified TEXT,
	body TEXT
);
