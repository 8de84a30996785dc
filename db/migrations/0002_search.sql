CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
-- A generated column may only call IMMUTABLE functions; array_to_string is only STABLE, so the
-- whole document is built in one SQL function declared IMMUTABLE (true for text[] input and the
-- fixed 'english' configuration).
CREATE OR REPLACE FUNCTION papers_search_document(title text, authors text[], keywords text[], abstract text)
RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
      || setweight(to_tsvector('english'::regconfig,
           coalesce(array_to_string(authors, ' '), '') || ' ' || coalesce(array_to_string(keywords, ' '), '')), 'B')
      || setweight(to_tsvector('english'::regconfig, coalesce(abstract, '')), 'C')
$$;--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (papers_search_document(title, authors, ai_keywords, abstract)) STORED;--> statement-breakpoint
CREATE INDEX "papers_upvotes_idx" ON "papers" USING btree ("upvotes" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "papers_categories_idx" ON "papers" USING gin ("categories");--> statement-breakpoint
CREATE INDEX "papers_search_idx" ON "papers" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "papers_title_trgm_idx" ON "papers" USING gin (lower("title") gin_trgm_ops);