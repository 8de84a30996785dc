CREATE TABLE "paper_votes" (
	"paper_id" text PRIMARY KEY NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"folded" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "paper_votes" ADD CONSTRAINT "paper_votes_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "paper_votes_unfolded_idx" ON "paper_votes" USING btree ("paper_id") WHERE "paper_votes"."count" <> "paper_votes"."folded";--> statement-breakpoint
-- The counts of the votes cast so far; `folded` is what papers.vote_count holds now, so a paper
-- whose counter had drifted is repaired by the first fold.
INSERT INTO "paper_votes" ("paper_id", "count", "folded")
SELECT p.id, coalesce(v.n, 0), p.vote_count
FROM "papers" p
LEFT JOIN (SELECT paper_id, count(*)::integer AS n FROM "upvotes" GROUP BY paper_id) v ON v.paper_id = p.id
WHERE v.n IS NOT NULL OR p.vote_count <> 0;--> statement-breakpoint
-- A vote row's insert or delete moves its paper's counter in the same transaction: whatever
-- writes upvotes (a vote, a cascade from a deleted user) keeps paper_votes.count equal to the
-- number of rows. Concurrent votes on one paper queue on its narrow counter row only.
CREATE OR REPLACE FUNCTION paper_votes_count()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO paper_votes AS v (paper_id, count) VALUES (NEW.paper_id, 1)
    ON CONFLICT (paper_id) DO UPDATE SET count = v.count + 1, updated_at = now();
  ELSE
    -- Update only: when the paper itself is being deleted its counter row may be gone already.
    UPDATE paper_votes SET count = count - 1, updated_at = now() WHERE paper_id = OLD.paper_id;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER upvotes_count_insert AFTER INSERT ON upvotes FOR EACH ROW EXECUTE FUNCTION paper_votes_count();--> statement-breakpoint
CREATE TRIGGER upvotes_count_delete AFTER DELETE ON upvotes FOR EACH ROW EXECUTE FUNCTION paper_votes_count();
