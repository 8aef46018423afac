-- 011_paper_date.sql: a paper's own date (OParl Paper.date: the date it
-- bears, from which its deadlines run), shown on its page /issues/{id}.
-- NULL for papers written before; classified public in src/db/boundary.c
-- (class L: hashed only once set, so adding it moves no paper's modified).
ALTER TABLE paper ADD COLUMN date TEXT;   -- YYYY-MM-DD, or NULL
