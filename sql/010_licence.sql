-- 010_licence.sql: the licence of the published record (docs/DECISIONS.md,
-- "Licence").
--
-- body.license: the URL of the licence the body publishes its record
-- under; NULL is the default for its region (the Open Government Licence
-- v3.0 in the UK, none elsewhere: pub_body gives the effective one, see
-- src/db/boundary.c).
--
-- An object's own licence, on the tables whose rows are OParl objects: a
-- harvested object keeps its source's licence here when it differs from
-- its body's; NULL is the body's.
ALTER TABLE body ADD COLUMN license TEXT;
ALTER TABLE legislative_term ADD COLUMN license TEXT;
ALTER TABLE organization ADD COLUMN license TEXT;
ALTER TABLE person ADD COLUMN license TEXT;
ALTER TABLE membership ADD COLUMN license TEXT;
ALTER TABLE location ADD COLUMN license TEXT;
ALTER TABLE meeting ADD COLUMN license TEXT;
ALTER TABLE agenda_item ADD COLUMN license TEXT;
ALTER TABLE paper ADD COLUMN license TEXT;
ALTER TABLE consultation ADD COLUMN license TEXT;
ALTER TABLE file ADD COLUMN license TEXT;

-- The Body's public form now names its licence: examined again on open.
INSERT OR IGNORE INTO publication_queue SELECT 'body', id FROM body;
