-- 022_log_object.sql: each log entry's object (its "object" line), kept
-- beside the entry so that an object's latest entry, and so its proof of
-- inclusion (/documents/{id}.tlog-proof), is found by an index.

ALTER TABLE log_entry ADD COLUMN object TEXT;
UPDATE log_entry SET object = substr(body, instr(body, char(10) || 'object ') + 8,
	instr(substr(body, instr(body, char(10) || 'object ') + 8), char(10)) - 1)
WHERE instr(body, char(10) || 'object ') > 0;
CREATE INDEX log_entry_object ON log_entry(object, id);
