-- 006_oparl.sql: the last two public views the OParl API needs (see
-- docs/API.md, "OParl").  The body and its legislative terms hold nothing
-- confidential, but every public surface reads the pub_* views, never the
-- tables, so that what is public is decided in one place.

CREATE VIEW pub_body AS
SELECT id, name, short_name, website, email, phone, address, region, timezone, created, modified
FROM body WHERE deleted = 0;

CREATE VIEW pub_legislative_term AS
SELECT * FROM legislative_term WHERE deleted = 0;
