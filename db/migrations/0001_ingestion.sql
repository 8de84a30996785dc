CREATE TABLE "ingestion_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ingestion_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text DEFAULT 'running' NOT NULL,
	"trigger" text NOT NULL,
	"params" jsonb NOT NULL,
	"days" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ingestion_runs_status_check" CHECK ("ingestion_runs"."status" in ('running', 'succeeded', 'partial', 'failed')),
	CONSTRAINT "ingestion_runs_trigger_check" CHECK ("ingestion_runs"."trigger" in ('cron', 'cli', 'startup', 'schedule'))
);
--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "categories" text[];--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "primary_category" text;--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "pdf_url" text;--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "arxiv_fetched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "submitted_on_daily_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "submitted_by_name" text;--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "submitted_by_fullname" text;--> statement-breakpoint
ALTER TABLE "papers" ADD COLUMN "submitted_by_avatar" text;--> statement-breakpoint
CREATE INDEX "ingestion_runs_started_idx" ON "ingestion_runs" USING btree ("started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "papers_primary_category_idx" ON "papers" USING btree ("primary_category");