-- compat.sql: what SQLite has and PostgreSQL lacks, for the SQL that
-- src/db/dialect.c translates (issue 18).  Everything is in the schema
-- witan_compat, which the db layer puts in the search_path before
-- pg_catalog, so that SQLite's names resolve here: public, witan_compat,
-- pg_catalog (public first, as CREATE TABLE makes its table in the first
-- schema of the path):
--
--   strftime, date, datetime, "time", julianday, unixepoch: SQLite's date
--     and time functions (time values 'now', ISO 8601, Julian day numbers,
--     unix times with 'unixepoch'; modifiers +/-N units, start of ...,
--     weekday N, localtime and utc in the server's TimeZone); NULL for a
--     value or modifier SQLite would refuse;
--   iif, instr, json, round(double, int), sqlite_max / sqlite_min (the
--     scalar max/min: NULL if an argument is); json_patch (RFC 7396) and
--     json_set of one member, on json so that members keep their order;
--   boolean + boolean (and with integers): SQLite's comparisons are
--     integers, and CHECKs add them up; sum(boolean) counts the true;
--     json = json (as text);
--   witan_sha256, the function db/boundary.c registers on SQLite;
--   the collation nocase (COLLATE NOCASE), case-insensitive by ICU.
--
-- Idempotent: loading it again replaces the functions.
--
-- Known differences: SQLite formats an impossible date given without
-- modifiers as it was written (date('2024-02-30') is '2024-02-30'), here
-- it is the date it comes to ('2024-03-01'); NOCASE folds every script's
-- case, not ASCII's only; JSON text has PostgreSQL's spaces ({ "a" : 1 }).

CREATE SCHEMA IF NOT EXISTS witan_compat;

-- The time value t with the modifiers mods applied: a timestamp in UTC
-- (or local time after 'localtime'), to the millisecond as SQLite keeps it.
CREATE OR REPLACE FUNCTION witan_compat.sqlite_time(t text, mods text[])
RETURNS timestamp LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
	v timestamp;
	r text[];
	m text;
	k int := 1;
	n numeric;
	sgn int;
	y int;
	mo int;
	tod interval;
	ms numeric;
BEGIN
	IF t IS NULL THEN
		RETURN NULL;
	END IF;
	t := btrim(t);
	IF lower(t) = 'now' THEN
		v := date_trunc('milliseconds', statement_timestamp() AT TIME ZONE 'UTC');
	ELSIF t ~ '^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$' THEN
		IF coalesce(array_length(mods, 1), 0) >= 1 AND lower(btrim(mods[1])) = 'unixepoch' THEN
			v := timestamp '1970-01-01' + round(t::numeric * 1000) * interval '1 millisecond';
			k := 2;
		ELSE
			-- a Julian day number (of years 0000 to 9999)
			IF t::numeric NOT BETWEEN 0 AND 5373484.4999 THEN
				RETURN NULL;
			END IF;
			v := timestamp '1970-01-01' + round((t::numeric - 2440587.5) * 86400000) * interval '1 millisecond';
		END IF;
	ELSE
		r := regexp_match(t, '^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(\.\d*)?)?)?\s*(?:([Zz])|([-+])(\d\d):?(\d\d))?$');
		IF r IS NULL THEN
			r := regexp_match(t, '^()()()(\d\d):(\d\d)(?::(\d\d)(\.\d*)?)?\s*(?:([Zz])|([-+])(\d\d):?(\d\d))?$');
			IF r IS NULL THEN
				RETURN NULL;
			END IF;
			r[1] := '2000';
			r[2] := '01';
			r[3] := '01';
		END IF;
		IF r[2]::int NOT BETWEEN 1 AND 12 OR r[3]::int NOT BETWEEN 1 AND 31
		   OR coalesce(r[4]::int, 0) > 24 OR coalesce(r[5]::int, 0) > 59 OR coalesce(r[6]::int, 0) > 59 THEN
			RETURN NULL;
		END IF;
		-- (SQLite takes 31 February as 3 March: so does this)
		v := make_timestamp(r[1]::int, r[2]::int, 1, 0, 0, 0) + (r[3]::int - 1) * interval '1 day'
		     + coalesce(r[4]::int, 0) * interval '1 hour' + coalesce(r[5]::int, 0) * interval '1 minute'
		     + round((coalesce(r[6]::numeric, 0) + coalesce(nullif(r[7], '.')::numeric, 0)) * 1000)
		       * interval '1 millisecond';
		IF r[9] IS NOT NULL THEN
			-- an offset: the time in UTC
			v := v - (CASE r[9] WHEN '-' THEN -1 ELSE 1 END)
			     * (r[10]::int * interval '1 hour' + r[11]::int * interval '1 minute');
		END IF;
	END IF;
	WHILE k <= coalesce(array_length(mods, 1), 0) LOOP
		m := lower(btrim(mods[k]));
		k := k + 1;
		IF m IS NULL THEN
			RETURN NULL;
		END IF;
		r := regexp_match(m, '^([-+]?)\s*([0-9]+(?:\.[0-9]*)?|\.[0-9]+)\s*(day|hour|minute|second|month|year)s?$');
		IF r IS NOT NULL THEN
			sgn := CASE r[1] WHEN '-' THEN -1 ELSE 1 END;
			n := r[2]::numeric;
			IF r[3] IN ('month', 'year') THEN
				-- whole months and years on the calendar (31 January
				-- + 1 month is 3 March, as in SQLite), the fraction
				-- as 30 or 365 days
				y := extract(year FROM v)::int;
				mo := extract(month FROM v)::int - 1
				      + sgn * trunc(n)::int * CASE r[3] WHEN 'year' THEN 12 ELSE 1 END;
				y := y + floor(mo / 12.0)::int;
				mo := mo - floor(mo / 12.0)::int * 12;
				tod := v - date_trunc('month', v);
				v := make_timestamp(y, mo + 1, 1, 0, 0, 0) + tod;
				ms := sgn * (n - trunc(n)) * CASE r[3] WHEN 'year' THEN 365 ELSE 30 END * 86400000;
			ELSE
				ms := sgn * n * CASE r[3] WHEN 'day' THEN 86400000 WHEN 'hour' THEN 3600000
						    WHEN 'minute' THEN 60000 ELSE 1000 END;
			END IF;
			v := v + round(ms) * interval '1 millisecond';
			CONTINUE;
		END IF;
		r := regexp_match(m, '^weekday\s+([0-6])$');
		IF r IS NOT NULL THEN
			v := v + ((r[1]::int - extract(dow FROM v)::int + 7) % 7) * interval '1 day';
			CONTINUE;
		END IF;
		CASE m
		WHEN 'start of day' THEN
			v := date_trunc('day', v);
		WHEN 'start of month' THEN
			v := date_trunc('month', v);
		WHEN 'start of year' THEN
			v := date_trunc('year', v);
		WHEN 'localtime' THEN
			v := (v AT TIME ZONE 'UTC') AT TIME ZONE current_setting('TimeZone');
		WHEN 'utc' THEN
			v := (v AT TIME ZONE current_setting('TimeZone')) AT TIME ZONE 'UTC';
		WHEN 'subsec', 'subsecond', 'auto', 'julianday', 'ceiling', 'floor' THEN
			RAISE EXCEPTION 'witan_compat: the date modifier ''%'' is not implemented', m;
		ELSE
			RETURN NULL;
		END CASE;
	END LOOP;
	RETURN v;
END
$$;

-- strftime's format applied to a timestamp.
CREATE OR REPLACE FUNCTION witan_compat.sqlite_format(fmt text, v timestamp)
RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
	res text := '';
	i int := 1;
	c text;
	part text;
BEGIN
	IF fmt IS NULL OR v IS NULL THEN
		RETURN NULL;
	END IF;
	WHILE i <= length(fmt) LOOP
		c := substr(fmt, i, 1);
		i := i + 1;
		IF c <> '%' THEN
			res := res || c;
			CONTINUE;
		END IF;
		c := substr(fmt, i, 1);
		i := i + 1;
		part := CASE c
			WHEN 'Y' THEN lpad(extract(year FROM v)::int::text, 4, '0')
			WHEN 'm' THEN to_char(v, 'MM')
			WHEN 'd' THEN to_char(v, 'DD')
			WHEN 'e' THEN lpad(extract(day FROM v)::int::text, 2, ' ')
			WHEN 'H' THEN to_char(v, 'HH24')
			WHEN 'k' THEN lpad(extract(hour FROM v)::int::text, 2, ' ')
			WHEN 'I' THEN to_char(v, 'HH12')
			WHEN 'l' THEN lpad(to_char(v, 'FMHH12'), 2, ' ')
			WHEN 'M' THEN to_char(v, 'MI')
			WHEN 'S' THEN to_char(v, 'SS')
			WHEN 'f' THEN to_char(v, 'SS.MS')
			WHEN 'p' THEN to_char(v, 'AM')
			WHEN 'P' THEN lower(to_char(v, 'AM'))
			WHEN 'j' THEN to_char(v, 'DDD')
			WHEN 'w' THEN extract(dow FROM v)::int::text
			WHEN 'u' THEN extract(isodow FROM v)::int::text
			WHEN 's' THEN trunc(extract(epoch FROM v))::bigint::text
			WHEN 'J' THEN (extract(epoch FROM v) / 86400 + 2440587.5)::double precision::text
			WHEN 'F' THEN to_char(v, 'YYYY-MM-DD')
			WHEN 'T' THEN to_char(v, 'HH24:MI:SS')
			WHEN 'R' THEN to_char(v, 'HH24:MI')
			WHEN '%' THEN '%'
			END;
		IF part IS NULL THEN
			RETURN NULL;
		END IF;
		res := res || part;
	END LOOP;
	RETURN res;
END
$$;

-- The functions as SQLite names them, for a time value given as text
-- ('now', '2024-05-01 10:00', '1700000000' with 'unixepoch') or as a
-- number (a Julian day, or a unix time with 'unixepoch').
CREATE OR REPLACE FUNCTION witan_compat.strftime(fmt text, t text, VARIADIC mods text[] DEFAULT '{}')
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT witan_compat.sqlite_format(fmt, witan_compat.sqlite_time(t, mods)) $$;
CREATE OR REPLACE FUNCTION witan_compat.strftime(fmt text, t double precision, VARIADIC mods text[] DEFAULT '{}')
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT witan_compat.sqlite_format(fmt, witan_compat.sqlite_time(t::text, mods)) $$;

CREATE OR REPLACE FUNCTION witan_compat.date(t text, VARIADIC mods text[] DEFAULT '{}')
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT witan_compat.sqlite_format('%Y-%m-%d', witan_compat.sqlite_time(t, mods)) $$;
CREATE OR REPLACE FUNCTION witan_compat.date(t double precision, VARIADIC mods text[] DEFAULT '{}')
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT witan_compat.sqlite_format('%Y-%m-%d', witan_compat.sqlite_time(t::text, mods)) $$;

CREATE OR REPLACE FUNCTION witan_compat.datetime(t text, VARIADIC mods text[] DEFAULT '{}')
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT witan_compat.sqlite_format('%Y-%m-%d %H:%M:%S', witan_compat.sqlite_time(t, mods)) $$;
CREATE OR REPLACE FUNCTION witan_compat.datetime(t double precision, VARIADIC mods text[] DEFAULT '{}')
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT witan_compat.sqlite_format('%Y-%m-%d %H:%M:%S', witan_compat.sqlite_time(t::text, mods)) $$;

CREATE OR REPLACE FUNCTION witan_compat."time"(t text, VARIADIC mods text[] DEFAULT '{}')
RETURNS text LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT witan_compat.sqlite_format('%H:%M:%S', witan_compat.sqlite_time(t, mods)) $$;

CREATE OR REPLACE FUNCTION witan_compat.julianday(t text, VARIADIC mods text[] DEFAULT '{}')
RETURNS double precision LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT (extract(epoch FROM witan_compat.sqlite_time(t, mods)) / 86400 + 2440587.5)::double precision $$;
CREATE OR REPLACE FUNCTION witan_compat.julianday(t double precision, VARIADIC mods text[] DEFAULT '{}')
RETURNS double precision LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT witan_compat.julianday(t::text, VARIADIC mods) $$;

CREATE OR REPLACE FUNCTION witan_compat.unixepoch(t text, VARIADIC mods text[] DEFAULT '{}')
RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT trunc(extract(epoch FROM witan_compat.sqlite_time(t, mods)))::bigint $$;
CREATE OR REPLACE FUNCTION witan_compat.unixepoch(t double precision, VARIADIC mods text[] DEFAULT '{}')
RETURNS bigint LANGUAGE sql STABLE PARALLEL SAFE
AS $$ SELECT witan_compat.unixepoch(t::text, VARIADIC mods) $$;

-- (dialect.c writes iif() as CASE; this is for SQL written by hand.)
CREATE OR REPLACE FUNCTION witan_compat.iif(cond boolean, a anycompatible, b anycompatible)
RETURNS anycompatible LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN cond THEN a ELSE b END $$;

-- sum(boolean): SQLite's comparisons are integers, and sum(x = y) counts
-- the rows where they are equal (NULL over no rows, as sum is).
CREATE OR REPLACE FUNCTION witan_compat.sum_bool_step(acc bigint, v boolean)
RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN v IS NULL THEN acc ELSE COALESCE(acc, 0) + v::int END $$;
CREATE OR REPLACE AGGREGATE witan_compat.sum(boolean) (SFUNC = witan_compat.sum_bool_step, STYPE = bigint);

CREATE OR REPLACE FUNCTION witan_compat.instr(a text, b text)
RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT strpos(a, b) $$;

CREATE OR REPLACE FUNCTION witan_compat.json(a text)
RETURNS json LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT a::json $$;
CREATE OR REPLACE FUNCTION witan_compat.json(a json)
RETURNS json LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT a $$;

-- json = json, as SQLite compares JSON text (NULLIF(json_group_array(...), '[]')).
CREATE OR REPLACE FUNCTION witan_compat.json_eq(a json, b json)
RETURNS boolean LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT a::text = b::text $$;
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprname = '=' AND o.oprleft = 'json'::regtype
		       AND o.oprright = 'json'::regtype AND o.oprnamespace = 'witan_compat'::regnamespace) THEN
		CREATE OPERATOR witan_compat.= (LEFTARG = json, RIGHTARG = json, FUNCTION = witan_compat.json_eq);
	END IF;
END
$$;

-- The SQL function the db layer registers on SQLite (db/boundary.c): the
-- SHA-256 of the text's UTF-8, in hex.
CREATE OR REPLACE FUNCTION witan_compat.witan_sha256(a text)
RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT encode(sha256(convert_to(a, 'UTF8')), 'hex') $$;
CREATE OR REPLACE FUNCTION witan_compat.witan_sha256(a json)
RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT witan_compat.witan_sha256(a::text) $$;

CREATE OR REPLACE FUNCTION witan_compat.round(x double precision, n integer)
RETURNS double precision LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT round(x::numeric, n)::double precision $$;

-- SQLite's scalar max(a, b, ...) and min: NULL when an argument is NULL
-- (greatest and least skip NULLs).
CREATE OR REPLACE FUNCTION witan_compat.sqlite_max(VARIADIC a anycompatiblearray)
RETURNS anycompatible LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN array_position(a, NULL) IS NULL THEN (SELECT max(x) FROM unnest(a) x) END $$;
CREATE OR REPLACE FUNCTION witan_compat.sqlite_min(VARIADIC a anycompatiblearray)
RETURNS anycompatible LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN array_position(a, NULL) IS NULL THEN (SELECT min(x) FROM unnest(a) x) END $$;

-- Comparisons add up as integers: CHECK ((a IS NOT NULL) + (b IS NOT NULL) = 1).
CREATE OR REPLACE FUNCTION witan_compat.bool_plus(a boolean, b boolean)
RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a::int + b::int $$;
CREATE OR REPLACE FUNCTION witan_compat.bool_plus(a integer, b boolean)
RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a + b::int $$;
CREATE OR REPLACE FUNCTION witan_compat.bool_plus(a boolean, b integer)
RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a::int + b $$;
CREATE OR REPLACE FUNCTION witan_compat.bool_plus(a bigint, b boolean)
RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a + b::int $$;
CREATE OR REPLACE FUNCTION witan_compat.bool_plus(a boolean, b bigint)
RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT a::int + b $$;
DO $$
DECLARE
	l regtype;
	r regtype;
BEGIN
	FOR l, r IN VALUES ('boolean'::regtype, 'boolean'::regtype), ('integer', 'boolean'), ('boolean', 'integer'),
			   ('bigint', 'boolean'), ('boolean', 'bigint') LOOP
		IF NOT EXISTS (SELECT 1 FROM pg_operator o WHERE o.oprname = '+' AND o.oprleft = l AND o.oprright = r
			       AND o.oprnamespace = 'witan_compat'::regnamespace) THEN
			EXECUTE format('CREATE OPERATOR witan_compat.+ (LEFTARG = %s, RIGHTARG = %s, FUNCTION = witan_compat.bool_plus)', l, r);
		END IF;
	END LOOP;
END
$$;

-- COLLATE NOCASE (an unquoted NOCASE is nocase to PostgreSQL).  ICU's
-- level 2 ignores case (of every script, where SQLite's folds ASCII only).
-- A nondeterministic collation refuses LIKE: dialect.c gives LIKE's
-- pattern the collation "C".
CREATE COLLATION IF NOT EXISTS witan_compat.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);

-- A comparison stored in an integer column (SQLite's 1 and 0), as in
-- INSERT INTO alert_change VALUES (..., OLD.hash IS NULL AND NEW.hash IS
-- NOT NULL, ...): an assignment cast from boolean to bigint.  Making a
-- cast needs a superuser (or the owner of the types); without one this
-- warns, and such writes fail until the SQL writes CASE WHEN ... THEN 1
-- ELSE 0 END.
CREATE OR REPLACE FUNCTION witan_compat.bool_int8(b boolean)
RETURNS bigint LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT b::int::bigint $$;
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_cast WHERE castsource = 'boolean'::regtype AND casttarget = 'bigint'::regtype) THEN
		CREATE CAST (boolean AS bigint) WITH FUNCTION witan_compat.bool_int8(boolean) AS ASSIGNMENT;
	END IF;
EXCEPTION WHEN insufficient_privilege THEN
	RAISE WARNING 'witan_compat: no cast from boolean to bigint (needs a superuser): %', SQLERRM;
END
$$;

-- json_patch (RFC 7396, as SQLite's): the members of patch replace
-- target's, a null member removes one, objects merge recursively.  On
-- json, not jsonb, so that members keep their order (OParl's objects are
-- json_patch('{}', json_object(...)), to drop their null members).
CREATE OR REPLACE FUNCTION witan_compat.json_patch(target json, patch json)
RETURNS json LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
	res json;
BEGIN
	IF target IS NULL OR patch IS NULL THEN
		RETURN NULL;
	END IF;
	IF json_typeof(patch) <> 'object' THEN
		RETURN patch;
	END IF;
	IF json_typeof(target) <> 'object' THEN
		target := '{}';
	END IF;
	SELECT coalesce(json_object_agg(k, v ORDER BY grp, ord), '{}') INTO res FROM (
		SELECT t.key AS k, CASE WHEN p.value IS NULL THEN t.value ELSE witan_compat.json_patch(t.value, p.value) END AS v,
		       0 AS grp, t.ord
		FROM json_each(target) WITH ORDINALITY t(key, value, ord)
		LEFT JOIN json_each(patch) p ON p.key = t.key
		WHERE p.value IS NULL OR json_typeof(p.value) <> 'null'
		UNION ALL
		SELECT p.key, witan_compat.json_patch('{}', p.value), 1, p.ord
		FROM json_each(patch) WITH ORDINALITY p(key, value, ord)
		WHERE json_typeof(p.value) <> 'null' AND NOT EXISTS (SELECT 1 FROM json_each(target) t WHERE t.key = p.key)
	) m;
	RETURN res;
END
$$;
CREATE OR REPLACE FUNCTION witan_compat.json_patch(target text, patch text)
RETURNS json LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT witan_compat.json_patch(target::json, patch::json) $$;
CREATE OR REPLACE FUNCTION witan_compat.json_patch(target json, patch text)
RETURNS json LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT witan_compat.json_patch(target, patch::json) $$;
CREATE OR REPLACE FUNCTION witan_compat.json_patch(target text, patch json)
RETURNS json LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT witan_compat.json_patch(target::json, patch) $$;

-- json_set(target, '$.member', value) for one member of an object (the
-- only path the sources use; others raise): a text value is a JSON
-- string, a json value is embedded, as in SQLite.
CREATE OR REPLACE FUNCTION witan_compat.json_set(target json, path text, value json)
RETURNS json LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
	k text := substring(path FROM '^\$\.([A-Za-z_][A-Za-z0-9_]*)$');
	nv json;
	res json;
BEGIN
	IF target IS NULL OR path IS NULL THEN
		RETURN NULL;
	END IF;
	IF k IS NULL THEN
		RAISE EXCEPTION 'witan_compat: json_set path % is not implemented', path;
	END IF;
	IF json_typeof(target) <> 'object' THEN
		RETURN target;
	END IF;
	nv := coalesce(value, 'null'::json);
	SELECT json_object_agg(m.mk, m.mv ORDER BY m.grp, m.ord) INTO res FROM (
		SELECT t.tk AS mk, CASE WHEN t.tk = k THEN nv ELSE t.tv END AS mv, 0 AS grp, t.ord
		FROM json_each(target) WITH ORDINALITY t(tk, tv, ord)
		UNION ALL
		SELECT k, nv, 1, 0 WHERE NOT EXISTS (SELECT 1 FROM json_each(target) t(tk, tv) WHERE t.tk = k)
	) m;
	RETURN res;
END
$$;
CREATE OR REPLACE FUNCTION witan_compat.json_set(target text, path text, value text)
RETURNS json LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT witan_compat.json_set(target::json, path, to_json(value)) $$;
CREATE OR REPLACE FUNCTION witan_compat.json_set(target json, path text, value text)
RETURNS json LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT witan_compat.json_set(target, path, to_json(value)) $$;
CREATE OR REPLACE FUNCTION witan_compat.json_set(target text, path text, value json)
RETURNS json LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT witan_compat.json_set(target::json, path, value) $$;
CREATE OR REPLACE FUNCTION witan_compat.json_set(target text, path text, value bigint)
RETURNS json LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT witan_compat.json_set(target::json, path, to_json(value)) $$;

-- Views as SQLite keeps them: as their text (see src/db/dialect.c,
-- "views").  Each translated CREATE VIEW is recorded here; DROP VIEW
-- drops with CASCADE and forgets it; refresh_views makes again every
-- recorded view that is missing and can be made (a view that reads what
-- is not there waits, as SQLite's would fail only when read), in the
-- order they were made, and first, given a table, drops the views that
-- say * and read it, so that they show the columns it has now.
-- They are the schema's (a body's, with several in one database: each
-- has its own views), made in the first schema of the search path.
CREATE SEQUENCE IF NOT EXISTS view_made;
CREATE TABLE IF NOT EXISTS view_source (
	name text PRIMARY KEY,
	star boolean NOT NULL,
	made bigint NOT NULL DEFAULT nextval('view_made'),
	sql text NOT NULL
);
CREATE OR REPLACE PROCEDURE witan_compat.refresh_views(t text)
LANGUAGE plpgsql AS $$
DECLARE
	r record;
	progress boolean;
BEGIN
	IF t IS NOT NULL THEN
		FOR r IN SELECT DISTINCT v.name FROM view_source v
			JOIN pg_depend dp ON dp.classid = 'pg_rewrite'::regclass
				AND dp.refobjid = to_regclass(quote_ident(t))
			JOIN pg_rewrite rw ON rw.oid = dp.objid
			WHERE v.star AND rw.ev_class = to_regclass(quote_ident(v.name))
		LOOP
			EXECUTE format('DROP VIEW IF EXISTS %I CASCADE', r.name);
		END LOOP;
	END IF;
	LOOP
		progress := false;
		FOR r IN SELECT name, sql FROM view_source ORDER BY made LOOP
			CONTINUE WHEN to_regclass(quote_ident(r.name)) IS NOT NULL;
			BEGIN
				EXECUTE r.sql;
				progress := true;
			EXCEPTION WHEN undefined_table OR undefined_column OR undefined_function THEN
				NULL;
			END;
		END LOOP;
		EXIT WHEN NOT progress;
	END LOOP;
END
$$;

-- INTEGER PRIMARY KEY becomes an identity column, whose sequence does not
-- move when a row is written with its id given (SQLite takes the largest
-- id + 1 whatever wrote it).  After such writes (a migration copying a
-- table, an import), this sets every identity of the current schema past
-- the largest id there is.
CREATE OR REPLACE PROCEDURE witan_compat.sync_identities()
LANGUAGE plpgsql AS $$
DECLARE
	r record;
	m bigint;
BEGIN
	FOR r IN SELECT a.attrelid::regclass AS t, a.attname AS c FROM pg_attribute a
		JOIN pg_class c ON c.oid = a.attrelid
		WHERE a.attidentity <> '' AND NOT a.attisdropped AND c.relkind = 'r'
		  AND c.relnamespace = current_schema()::regnamespace
	LOOP
		EXECUTE format('SELECT max(%I) FROM %s', r.c, r.t) INTO m;
		IF m IS NOT NULL THEN
			PERFORM setval(pg_get_serial_sequence(r.t::text, r.c), m);
		END IF;
	END LOOP;
END
$$;
