-- 002_backoffice.sql: what the back office reads.  The adm_* views show
-- clerks everything that is not deleted (drafts, exempt content), with the
-- same columns as the pub_* views so that the same row code reads both.
-- Only src/db/admin.c reads them, and only for signed-in clerks.

CREATE VIEW adm_meeting AS
SELECT m.id, m.organization_id, m.location_id, COALESCE(m.name, o.name) AS name,
       m.start_at, m.end_at, m.state, m.state_reason, m.webcast_url,
       m.agenda_status, m.agenda_published_at, m.minutes_status,
       m.minutes_published_at, m.minutes_approved_at, m.minutes_approved_by,
       m.sequence, m.created, m.modified, m.published, m.name AS own_name
FROM meeting m JOIN organization o ON o.id = m.organization_id
WHERE m.deleted = 0 AND o.deleted = 0;

CREATE VIEW adm_agenda_item AS
SELECT i.* FROM agenda_item i WHERE i.deleted = 0;

CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
