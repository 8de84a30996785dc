-- hashtext() of every lexeme of a search document: "does this paper have these words" becomes an
-- in-row integer test, so walking papers in upvote order rarely reads the out-of-line document.
-- NULL (the document then decides) past 300 lexemes, which keeps the array small enough for the
-- walk index below whatever a paper holds (papers with thousands of authors exist).
CREATE OR REPLACE FUNCTION papers_search_hashes(doc tsvector)
RETURNS integer[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT CASE WHEN length(doc) <= 300 THEN (SELECT coalesce(array_agg(hashtext(lexeme)), '{}') FROM unnest(doc)) END
$$;--> statement-breakpoint
-- The words of a paper as the 'simple' configuration reads them (lower-cased, not stemmed),
-- leaving out numbers, tokens with punctuation (URLs, hyphenated compounds: their parts are
-- words) and tokens too short or too long to complete or correct.
CREATE OR REPLACE FUNCTION papers_search_words(title text, authors text[], keywords text[], abstract text)
RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT coalesce(array_agg(lexeme), '{}')
  FROM unnest(to_tsvector('simple'::regconfig,
         coalesce(title, '') || ' ' || coalesce(array_to_string(authors, ' '), '') || ' ' ||
         coalesce(array_to_string(keywords, ' '), '') || ' ' || coalesce(abstract, '')))
  WHERE length(lexeme) BETWEEN 3 AND 40 AND lexeme !~ '[[:punct:]]' AND lexeme !~ '^[0-9]+$'
$$;--> statement-breakpoint
CREATE TABLE "search_words" (
	"word" text COLLATE "C" PRIMARY KEY NOT NULL,
	"papers" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);--> statement-breakpoint
-- Keeps search_words.papers equal to the number of papers using each word. Statement triggers
-- with transition tables: one upsert per statement however many papers it wrote, nothing at all
-- for updates that leave the text alone (votes), and words locked in one order (no deadlocks).
CREATE OR REPLACE FUNCTION search_words_count()
RETURNS trigger
LANGUAGE plpgsql
AS $$
DECLARE
  delta_words text[];
  delta_counts integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(word ORDER BY word), array_agg(n ORDER BY word) INTO delta_words, delta_counts
    FROM (SELECT word, count(*)::integer AS n
          FROM new_papers p, unnest(papers_search_words(p.title, p.authors, p.ai_keywords, p.abstract)) AS word
          GROUP BY word) d;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(word ORDER BY word), array_agg(n ORDER BY word) INTO delta_words, delta_counts
    FROM (SELECT word, -count(*)::integer AS n
          FROM old_papers p, unnest(papers_search_words(p.title, p.authors, p.ai_keywords, p.abstract)) AS word
          GROUP BY word) d;
  ELSE
    SELECT array_agg(word ORDER BY word), array_agg(n ORDER BY word) INTO delta_words, delta_counts
    FROM (SELECT w.word, sum(w.n)::integer AS n
          FROM old_papers o
          JOIN new_papers p ON p.id = o.id
          CROSS JOIN LATERAL (
            SELECT word, 1 AS n FROM unnest(papers_search_words(p.title, p.authors, p.ai_keywords, p.abstract)) AS word
            UNION ALL
            SELECT word, -1 FROM unnest(papers_search_words(o.title, o.authors, o.ai_keywords, o.abstract)) AS word
          ) w
          WHERE (o.title, o.abstract, o.authors, o.ai_keywords) IS DISTINCT FROM (p.title, p.abstract, p.authors, p.ai_keywords)
          GROUP BY w.word
          HAVING sum(w.n) <> 0) d;
  END IF;
  IF delta_words IS NOT NULL THEN
    INSERT INTO search_words AS w (word, papers)
    SELECT word, n FROM unnest(delta_words, delta_counts) AS d(word, n)
    ON CONFLICT (word) DO UPDATE SET papers = w.papers + excluded.papers, updated_at = now();
    DELETE FROM search_words WHERE word = ANY (delta_words) AND papers <= 0;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER papers_search_words_insert AFTER INSERT ON papers
  REFERENCING NEW TABLE AS new_papers FOR EACH STATEMENT EXECUTE FUNCTION search_words_count();--> statement-breakpoint
CREATE TRIGGER papers_search_words_update AFTER UPDATE ON papers
  REFERENCING OLD TABLE AS old_papers NEW TABLE AS new_papers FOR EACH STATEMENT EXECUTE FUNCTION search_words_count();--> statement-breakpoint
CREATE TRIGGER papers_search_words_delete AFTER DELETE ON papers
  REFERENCING OLD TABLE AS old_papers FOR EACH STATEMENT EXECUTE FUNCTION search_words_count();--> statement-breakpoint
-- Typos are now corrected against search_words, not by trigram-scanning every title.
DROP INDEX "papers_title_trgm_idx";--> statement-breakpoint
-- Titles are in papers_walk_idx, whose rows must stay under 2.7 KB; ingestion cuts longer ones.
UPDATE papers SET title = left(title, 499) || '…' WHERE char_length(title) > 500;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_title_length" CHECK (char_length("papers"."title") <= 500);--> statement-breakpoint
ALTER TABLE "papers"
  ADD COLUMN "title_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('english'::regconfig, title)) STORED,
  ADD COLUMN "search_hashes" integer[] GENERATED ALWAYS AS (papers_search_hashes(papers_search_document(title, authors, ai_keywords, abstract))) STORED;--> statement-breakpoint
-- Search walks papers in upvote order, testing each one, until enough match: with the tested
-- columns in the index, that walk never leaves it (index-only scan), four times faster than
-- visiting each row. It has the key of papers_upvotes_idx, which it replaces.
DROP INDEX "papers_upvotes_idx";--> statement-breakpoint
CREATE INDEX "papers_walk_idx" ON "papers" USING btree ("upvotes" DESC NULLS LAST, "id")
  INCLUDE ("published_at", "organization_name", "categories", "title_vector", "search_hashes");--> statement-breakpoint
-- Index-only scans skip the table only for pages vacuum has marked all-visible, and votes and
-- ingestion keep touching the most upvoted papers, which walks read first: vacuum this table after
-- 1% of its rows changed rather than the default 20% (ingestion also vacuums after each run).
ALTER TABLE "papers" SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01);--> statement-breakpoint
CREATE INDEX "papers_title_search_idx" ON "papers" USING gin ("title_vector");--> statement-breakpoint
INSERT INTO search_words (word, papers)
SELECT word, count(*) FROM papers, unnest(papers_search_words(title, authors, ai_keywords, abstract)) AS word GROUP BY word;--> statement-breakpoint
CREATE INDEX "search_words_trgm_idx" ON "search_words" USING gin ("word" gin_trgm_ops);
