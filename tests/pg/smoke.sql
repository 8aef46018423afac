-- smoke.sql: writes that fire the migrations' triggers, and reads of what
-- they did, in SQLite's dialect.  tests/pg/migrations.sh runs it on the
-- migrated schema in sqlite3 and, translated by db/dialect.c, on
-- PostgreSQL, and compares the answers (booleans as 1 and 0).
INSERT INTO body(id, name) VALUES (1, 'Test Council');
INSERT INTO organization(body_id, name) VALUES (1, 'Audit');
INSERT INTO meeting(organization_id, start_at, created, modified)
	VALUES (1, '2030-01-10 10:00', '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z');
SELECT id, sequence, modified FROM meeting;
UPDATE meeting SET name = 'Special' WHERE id = 1;
SELECT sequence, modified > '2000-01-01T00:00:00Z', length(modified) FROM meeting;
UPDATE meeting SET name = 'Special 2', modified = '2001-01-01T00:00:00Z' WHERE id = 1;
SELECT sequence, modified FROM meeting;
SELECT entity, id FROM search_queue ORDER BY entity, id;
INSERT OR IGNORE INTO search_queue VALUES ('meeting', 1);
INSERT OR IGNORE INTO search_queue SELECT 'meeting', id FROM meeting;
SELECT count(*) FROM search_queue;
INSERT INTO file(title, filename, mime_type, size, sha256, created, modified)
	VALUES ('t', 'f.pdf', 'application/pdf', 1, 'abc', '2000-01-01T00:00:00Z', '2000-01-01T00:00:00Z');
UPDATE file SET text_status = 'done' WHERE id = 1;
SELECT modified FROM file;
UPDATE file SET title = 'u' WHERE id = 1;
SELECT modified > '2000-01-01T00:00:00Z' FROM file;
INSERT INTO publication(entity, id, hash, first_public, modified) VALUES ('meeting', 1, 'h', 'x', 'm1');
SELECT entity, id, first, modified FROM alert_change;
UPDATE publication SET modified = 'm2' WHERE entity = 'meeting';
SELECT entity, id, first, modified FROM alert_change;
UPDATE publication SET hash = NULL WHERE entity = 'meeting';
UPDATE publication SET hash = 'h2', modified = 'm3' WHERE entity = 'meeting';
SELECT entity, id, first, modified FROM alert_change;
INSERT INTO user(email, role, password_hash) VALUES ('Clerk@Example.org', 'clerk', 'x');
SELECT count(*) FROM user WHERE email = 'clerk@example.ORG';
SELECT count(*) FROM user WHERE email LIKE 'CLERK@%';
INSERT INTO file_link(file_id, meeting_id) VALUES (1, 1);
SELECT count(*) FROM file_link WHERE (meeting_id IS NOT NULL) + (paper_id IS NOT NULL) = 1;
INSERT INTO alert_subscriber(email, token, created) VALUES ('a@b.c', 't1', '2024');
INSERT INTO alert_subscription(subscriber_id, kind, label, created, confirm_token) VALUES (1, 'decisions', 'All', '2024', 'c1');
SELECT count(*) FROM alert_subscription WHERE ifnull(target_id, 0) = 0 AND ifnull(query, '') = '';
INSERT INTO audit_log(action, entity) VALUES ('create', 'x');
SELECT count(*), max(length(at)) FROM audit_log;
