-- witan.sql: Witan's own SQL functions on PostgreSQL, which SQLite is
-- given in C when a connection opens (db/search.c, db/boundary.c).
-- Loaded after compat.sql on every read-write open; idempotent.

-- witan_plain(html): our own safe HTML as plain text, as db/search.c's
-- C function: every tag a space, &amp; &lt; &gt; &quot; &#39; decoded
-- (in one pass: &amp;lt; is "&lt;"), runs of white space one space, the
-- ends trimmed.
CREATE OR REPLACE FUNCTION witan_compat.witan_plain(h text)
RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
	SELECT btrim(regexp_replace(
		replace(replace(replace(replace(replace(regexp_replace(h, '<[^>]*>', ' ', 'g'),
			'&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&'),
		'[ \n\t\r]+', ' ', 'g'), ' ')
$$;
