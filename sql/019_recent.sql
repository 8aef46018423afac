-- 019_recent.sql: the home page's "recent minutes" (src/db/public.c,
-- pub_meetings_recent_minutes) read newest first from an index instead of
-- sorting every meeting (25 ms of a 30 ms home page on 20,000 meetings,
-- issue 17). The expression is the one pub_meeting shows as
-- minutes_published_at, so the planner matches the query's ORDER BY.

CREATE INDEX meeting_minutes_recent ON meeting(
	(CASE WHEN minutes_status IN ('published','approved') THEN minutes_published_at END), start_at)
	WHERE published = 1 AND deleted = 0;
