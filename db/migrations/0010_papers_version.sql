CREATE SEQUENCE "public"."papers_version" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
-- Any statement that writes papers moves the version once (not per row), without a lock: the
-- search results cache keys on it (server/search-cache.ts).
CREATE OR REPLACE FUNCTION papers_version_bump()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM nextval('papers_version');
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER papers_version_write AFTER INSERT OR UPDATE OR DELETE ON papers FOR EACH STATEMENT EXECUTE FUNCTION papers_version_bump();--> statement-breakpoint
CREATE TRIGGER papers_version_truncate AFTER TRUNCATE ON papers FOR EACH STATEMENT EXECUTE FUNCTION papers_version_bump();
