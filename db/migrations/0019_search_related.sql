CREATE TABLE "search_related" (
	"lexeme" text COLLATE "C" PRIMARY KEY NOT NULL,
	"related" text[] NOT NULL,
	"similarity" real[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_index_state" ADD COLUMN "related_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "search_index_state" ADD COLUMN "related_papers" integer DEFAULT 0 NOT NULL;