-- 005_search_passages.sql: minutes and descriptions are indexed as
-- passages of about 100 words (cut where a paragraph, list item, heading
-- or table row ends), as documents are indexed a page a row; see
-- docs/DECISIONS.md, "Search".  No table changes: every meeting is queued
-- for re-indexing, which opening the database does before it is used.

INSERT OR IGNORE INTO search_queue SELECT 'meeting', id FROM meeting;
