CREATE TABLE "search_docs" (
	"doc" integer PRIMARY KEY NOT NULL,
	"paper_id" text NOT NULL,
	CONSTRAINT "search_docs_paper_id_unique" UNIQUE("paper_id")
);
--> statement-breakpoint
CREATE TABLE "search_index_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"built_at" timestamp with time zone,
	"papers" integer DEFAULT 0 NOT NULL,
	"chunk_size" integer DEFAULT 1000 NOT NULL,
	"mean_lengths" real[] DEFAULT '{10,12,150}'::real[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_postings" (
	"lexeme" text COLLATE "C" NOT NULL,
	"chunk" integer NOT NULL,
	"top" real NOT NULL,
	"df" integer NOT NULL,
	"docs" "bytea" NOT NULL,
	"impacts" "bytea" NOT NULL,
	CONSTRAINT "search_postings_lexeme_chunk_pk" PRIMARY KEY("lexeme","chunk")
);
--> statement-breakpoint
CREATE TABLE "search_postings_recent" (
	"lexeme" text COLLATE "C" NOT NULL,
	"paper_id" text NOT NULL,
	"impact" real NOT NULL,
	"xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	CONSTRAINT "search_postings_recent_lexeme_paper_id_pk" PRIMARY KEY("lexeme","paper_id")
);
--> statement-breakpoint
CREATE TABLE "search_postings_stale" (
	"paper_id" text PRIMARY KEY NOT NULL,
	"xid" "xid8" DEFAULT pg_current_xact_id() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_postings_recent_paper_idx" ON "search_postings_recent" USING btree ("paper_id");