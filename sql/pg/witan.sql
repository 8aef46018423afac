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

-- witan_search: the text search configuration of the search index
-- (db/search.c fills search_fts.tsv with it), as close to the FTS5
-- index's tokenizer ('porter unicode61 remove_diacritics 2') as
-- PostgreSQL comes: English stemming (Snowball, Porter's successor) with
-- no stop words (FTS5 indexes every word, so "leader of the council" is
-- a phrase of four), and accents folded by the unaccent extension where
-- this database may have it (it is a trusted extension: the database's
-- owner may create it; without it "café" and "cafe" are two words).
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = 'witan_stem'
		       AND dictnamespace = 'witan_compat'::regnamespace) THEN
		CREATE TEXT SEARCH DICTIONARY witan_compat.witan_stem (TEMPLATE = snowball, Language = english);
	END IF;
	IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'witan_search'
		       AND cfgnamespace = 'witan_compat'::regnamespace) THEN
		CREATE TEXT SEARCH CONFIGURATION witan_compat.witan_search (COPY = pg_catalog.simple);
		BEGIN
			CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA witan_compat;
			ALTER TEXT SEARCH CONFIGURATION witan_compat.witan_search
				ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
				WITH witan_compat.unaccent, witan_compat.witan_stem;
		EXCEPTION WHEN insufficient_privilege OR undefined_file OR feature_not_supported THEN
			ALTER TEXT SEARCH CONFIGURATION witan_compat.witan_search
				ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
				WITH witan_compat.witan_stem;
		END;
	END IF;
END
$$;
