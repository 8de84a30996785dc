CREATE TABLE "organizations" (
	"name" text PRIMARY KEY NOT NULL,
	"fullname" text,
	"avatar" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "papers" (
	"id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"abstract" text DEFAULT '' NOT NULL,
	"authors" text[] DEFAULT '{}'::text[] NOT NULL,
	"author_count" integer,
	"organization_name" text,
	"published_at" date,
	"listed_on" date,
	"source_upvotes" integer DEFAULT 0 NOT NULL,
	"vote_count" integer DEFAULT 0 NOT NULL,
	"upvotes" integer GENERATED ALWAYS AS (source_upvotes + vote_count) STORED NOT NULL,
	"num_comments" integer,
	"thumbnail" text,
	"github_repo" text,
	"github_stars" integer,
	"project_page" text,
	"ai_summary" text,
	"ai_keywords" text[],
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_organization_name_organizations_name_fk" FOREIGN KEY ("organization_name") REFERENCES "public"."organizations"("name") ON DELETE set null ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "papers_listed_rank_idx" ON "papers" USING btree ("listed_on","upvotes" DESC NULLS LAST,"published_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "papers_published_idx" ON "papers" USING btree ("published_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "papers_organization_idx" ON "papers" USING btree ("organization_name");