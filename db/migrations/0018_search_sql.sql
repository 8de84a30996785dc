-- Installs db/sql/search.sql (written by scripts/sql-migration.ts: edit that file, not this one).
-- The ranked-retrieval index: for every stem, its papers by falling impact, so a query reads the
-- papers where its words weigh most first and stops within a budget. docs/search.md, "Ranked
-- retrieval", tells the whole story (the formula, the budget, when the index is rebuilt).
--
-- This file is the source: every definition replaces itself, and a migration installs it (`npm
-- run db:sql` writes a new one when this file changes). It ends by rebuilding the index, so a
-- change of the formula reaches the stored impacts.
--
-- Tables (db/schema.ts): search_postings (built chunks), search_docs (the build's paper numbers),
-- search_postings_recent and search_postings_stale (papers written since the build),
-- search_index_state (one row).

-- BM25F's per-stem part (Robertson and Zaragoza): field weights title 3, authors and keywords 1.5,
-- abstract 1, each field's count divided by 0.25 + 0.75 × its length / the mean length, then
-- saturated with k1 1.2. Fields are the document's weights: A title, B authors and keywords, C
-- abstract. A query's score is the sum of idf × impact over its stems; bench/quality/explore.ts
-- chose the weights (bench/RESULTS.md). Float arithmetic and no grouping: a tsvector holds each
-- stem once, and this runs for every paper at every build.
CREATE OR REPLACE FUNCTION search_postings_of(doc tsvector, mean_lengths real[])
RETURNS TABLE (lexeme text, impact real)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT f.lexeme, (x.w * 2.2 / (x.w + 1.2))::real
  FROM (SELECT u.lexeme,
          cardinality(array_positions(u.weights, 'A'))::float8 AS a,
          cardinality(array_positions(u.weights, 'B'))::float8 AS b,
          cardinality(u.weights)::float8 AS n
        FROM unnest(doc) AS u) f,
       (SELECT sum(cardinality(array_positions(v.weights, 'A')))::float8 AS a,
               sum(cardinality(array_positions(v.weights, 'B')))::float8 AS b,
               sum(cardinality(v.weights))::float8 AS n
        FROM unnest(doc) AS v) len,
       LATERAL (SELECT 3 * f.a / (0.25 + 0.75 * len.a / greatest(mean_lengths[1], 1))
                 + 1.5 * f.b / (0.25 + 0.75 * len.b / greatest(mean_lengths[2], 1))
                 + (f.n - f.a - f.b) / (0.25 + 0.75 * (len.n - len.a - len.b) / greatest(mean_lengths[3], 1)) AS w) x
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_field_lengths(doc tsvector)
RETURNS float8[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT array[coalesce(sum(cardinality(array_positions(v.weights, 'A'))), 0),
               coalesce(sum(cardinality(array_positions(v.weights, 'B'))), 0),
               coalesce(sum(cardinality(v.weights) - cardinality(array_positions(v.weights, 'A'))
                            - cardinality(array_positions(v.weights, 'B'))), 0)]::float8[]
  FROM unnest(doc) AS v
$$;
--> statement-breakpoint
-- Builds the index whole: papers numbered, mean field lengths, every stem's postings sorted by
-- impact and cut in chunks, and the recent postings its snapshot saw dropped. Returns the papers
-- indexed. Under REPEATABLE READ (the search-index job) every statement reads one snapshot and
-- writers go on: what they write after it stays recent. Otherwise (a migration) writers wait.
CREATE OR REPLACE FUNCTION search_index_rebuild(chunk_size integer DEFAULT 1000)
RETURNS integer
LANGUAGE plpgsql
AS $$
DECLARE
  means real[];
  total integer;
  seen pg_snapshot;
BEGIN
  IF current_setting('transaction_isolation') = 'read committed' THEN
    LOCK TABLE papers IN SHARE MODE;
  END IF;
  seen := pg_current_snapshot();
  PERFORM set_config('work_mem', '256MB', true);
  -- DELETE, not TRUNCATE: searches go on reading the old index until this commits.
  DELETE FROM search_postings;
  DELETE FROM search_docs;
  INSERT INTO search_docs (doc, paper_id) SELECT row_number() OVER (ORDER BY id), id FROM papers;
  SELECT count(*), array[coalesce(avg(l[1]), 10), coalesce(avg(l[2]), 12), coalesce(avg(l[3]), 150)]::real[]
    INTO total, means
    FROM (SELECT search_field_lengths(search_vector) AS l FROM papers) p;
  INSERT INTO search_postings (lexeme, chunk, top, df, docs, impacts)
  SELECT lexeme, ((r - 1) / chunk_size)::integer, max(impact), max(df)::integer,
    string_agg(int4send(doc), ''::bytea ORDER BY r), string_agg(float4send(impact), ''::bytea ORDER BY r)
  FROM (
    SELECT d.doc, s.lexeme, s.impact,
      row_number() OVER (PARTITION BY s.lexeme ORDER BY s.impact DESC, d.doc) AS r,
      count(*) OVER (PARTITION BY s.lexeme) AS df
    FROM papers p JOIN search_docs d ON d.paper_id = p.id, search_postings_of(p.search_vector, means) AS s
  ) x
  GROUP BY lexeme, (r - 1) / chunk_size;
  DELETE FROM search_postings_recent WHERE pg_visible_in_snapshot(xid, seen);
  DELETE FROM search_postings_stale WHERE pg_visible_in_snapshot(xid, seen);
  INSERT INTO search_index_state AS s (id, built_at, papers, chunk_size, mean_lengths) VALUES (1, now(), total, chunk_size, means)
  ON CONFLICT (id) DO UPDATE
  SET built_at = excluded.built_at, papers = excluded.papers, chunk_size = excluded.chunk_size, mean_lengths = excluded.mean_lengths;
  RETURN total;
END
$$;
--> statement-breakpoint
-- Papers written since the build get their postings here, at once (impacts with the build's mean
-- lengths), and are marked so their built postings, if any, do not count. Text is compared as
-- search_words' trigger compares it: a vote changes none and costs nothing here.
CREATE OR REPLACE FUNCTION search_postings_track()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  means real[];
  written text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(id ORDER BY id) INTO written FROM new_papers;
  ELSIF TG_OP = 'UPDATE' THEN
    SELECT array_agg(p.id ORDER BY p.id) INTO written
    FROM old_papers o JOIN new_papers p ON p.id = o.id
    WHERE (o.title, o.abstract, o.authors, o.ai_keywords) IS DISTINCT FROM (p.title, p.abstract, p.authors, p.ai_keywords);
  ELSE
    DELETE FROM search_postings_recent r USING old_papers o WHERE r.paper_id = o.id;
    RETURN NULL;
  END IF;
  IF written IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT coalesce(max(mean_lengths), '{10,12,150}') INTO means FROM search_index_state;
  DELETE FROM search_postings_recent WHERE paper_id = ANY (written);
  INSERT INTO search_postings_recent (lexeme, paper_id, impact)
  SELECT s.lexeme, p.id, s.impact
  FROM papers p, search_postings_of(p.search_vector, means) AS s
  WHERE p.id = ANY (written);
  INSERT INTO search_postings_stale (paper_id) SELECT unnest(written) ON CONFLICT (paper_id) DO UPDATE SET xid = excluded.xid;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER papers_search_postings_insert AFTER INSERT ON papers
  REFERENCING NEW TABLE AS new_papers FOR EACH STATEMENT EXECUTE FUNCTION search_postings_track();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER papers_search_postings_update AFTER UPDATE ON papers
  REFERENCING OLD TABLE AS old_papers NEW TABLE AS new_papers FOR EACH STATEMENT EXECUTE FUNCTION search_postings_track();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER papers_search_postings_delete AFTER DELETE ON papers
  REFERENCING OLD TABLE AS old_papers FOR EACH STATEMENT EXECUTE FUNCTION search_postings_track();
--> statement-breakpoint
SELECT search_index_rebuild();
