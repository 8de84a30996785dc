-- One run record for every background job (server/jobs/registry.ts): ingestion's runs move here,
-- their days kept as the result `{ "days": [...] }`.
CREATE TABLE "job_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "job_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"job" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text DEFAULT 'running' NOT NULL,
	"trigger" text NOT NULL,
	"params" jsonb NOT NULL,
	"result" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_runs_status_check" CHECK ("job_runs"."status" in ('running', 'succeeded', 'partial', 'failed')),
	CONSTRAINT "job_runs_trigger_check" CHECK ("job_runs"."trigger" in ('cron', 'cli', 'startup', 'schedule'))
);
--> statement-breakpoint
INSERT INTO "job_runs" ("job", "started_at", "finished_at", "status", "trigger", "params", "result", "error", "created_at", "updated_at")
SELECT 'ingest', "started_at", "finished_at", "status", "trigger", "params", jsonb_build_object('days', "days"), "error", "created_at", "updated_at"
FROM "ingestion_runs" ORDER BY "id";--> statement-breakpoint
DROP TABLE "ingestion_runs" CASCADE;--> statement-breakpoint
CREATE INDEX "job_runs_job_started_idx" ON "job_runs" USING btree ("job","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "job_runs_started_idx" ON "job_runs" USING btree ("started_at" DESC NULLS LAST);--> statement-breakpoint
-- Author pages and followed authors filter on exact names.
CREATE INDEX "papers_authors_idx" ON "papers" USING gin ("authors");--> statement-breakpoint
-- Newest listing day first (followed topics, feeds) is a walk down this index; a day's ranking
-- (one listed_on, then upvotes) reads it as before.
DROP INDEX "papers_listed_rank_idx";--> statement-breakpoint
CREATE INDEX "papers_listed_rank_idx" ON "papers" USING btree ("listed_on" DESC NULLS LAST,"upvotes" DESC NULLS LAST,"published_at" DESC NULLS LAST,"id");--> statement-breakpoint
-- Walks may filter on the listing day (papers listed since D) without leaving the index.
DROP INDEX "papers_walk_idx";--> statement-breakpoint
CREATE INDEX "papers_walk_idx" ON "papers" USING btree ("upvotes" DESC NULLS LAST, "id")
  INCLUDE ("published_at", "listed_on", "organization_name", "categories", "title_vector", "search_hashes");
