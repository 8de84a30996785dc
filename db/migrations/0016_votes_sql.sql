-- Installs db/sql/votes.sql (written by scripts/sql-migration.ts: edit that file, not this one).
-- The rules of a vote, in the database: what a vote writes, the counter it moves and the count it
-- answers. docs/votes.md tells the whole story (the fold, the limits, why papers is not written).
--
-- This file is the source: every definition is CREATE OR REPLACE, and a migration installs it
-- (`npm run db:sql` writes a new one when this file changes; tests/unit/sql-sources.test.ts fails
-- until it has). Statements are separated by drizzle's breakpoint marker, as in every migration.
--
-- Tables: upvotes (one row a vote, key (user_id, paper_id)), paper_votes (a paper's live count,
-- and the count last folded into papers.vote_count), rate_limits, sessions (db/schema.ts).

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
$$;
--> statement-breakpoint
CREATE OR REPLACE TRIGGER upvotes_count_insert AFTER INSERT ON upvotes FOR EACH ROW EXECUTE FUNCTION paper_votes_count();
--> statement-breakpoint
CREATE OR REPLACE TRIGGER upvotes_count_delete AFTER DELETE ON upvotes FOR EACH ROW EXECUTE FUNCTION paper_votes_count();
--> statement-breakpoint

-- A vote cast by a known user (db/queries/votes.ts, through vote_in_session below): the vote row
-- written (its trigger moves the paper's counter), then the live count read by a statement of its
-- own. A function's statements each take a fresh snapshot, and the count is read after this vote
-- has won the counter row's lock, so the last of several concurrent voters on a paper counts every
-- vote before it. Null for an unknown paper (the insert takes its paper from papers: nothing to
-- write).
CREATE OR REPLACE FUNCTION cast_vote(voter text, paper text, up boolean)
RETURNS integer
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  live integer;
BEGIN
  IF up THEN
    INSERT INTO upvotes (user_id, paper_id, created_at)
    SELECT voter, p.id, now() FROM papers p WHERE p.id = paper
    ON CONFLICT DO NOTHING;
  ELSE
    DELETE FROM upvotes WHERE user_id = voter AND paper_id = paper;
  END IF;
  SELECT p.source_upvotes + coalesce(v.count, p.vote_count) INTO live
  FROM papers p LEFT JOIN paper_votes v ON v.paper_id = p.id
  WHERE p.id = paper;
  RETURN live;
END
$$;
--> statement-breakpoint

-- A vote in one round trip from its session token (db/queries/votes.ts voteInSession): the
-- session checked, the voter's limit counted and the vote cast (cast_vote) in one statement and
-- one commit, so a vote costs one round trip whether or not it is the voter's first.
--
-- voter null: no live session, nothing written. allowed false: past per_window votes in the
-- current window of window_seconds (counted in rate_limits under key_prefix || voter, the prefix
-- named in server/rate-limit.ts RATE_LIMITS.vote), nothing cast; retry_after: seconds until the
-- window ends. upvotes null with allowed: no such paper.
-- The signature without key_prefix, which wrote the prefix itself; gone so nothing can call it.
DROP FUNCTION IF EXISTS vote_in_session(text, text, boolean, integer, integer, timestamptz);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION vote_in_session(token text, paper text, up boolean, key_prefix text, per_window integer, window_seconds integer, at timestamptz)
RETURNS TABLE (voter text, allowed boolean, retry_after integer, upvotes integer)
LANGUAGE plpgsql
VOLATILE
AS $$
DECLARE
  win timestamptz := to_timestamp(floor(extract(epoch from at) / window_seconds) * window_seconds);
  used integer;
BEGIN
  SELECT s.user_id INTO voter FROM sessions s WHERE s.session_token = token AND s.expires > at;
  IF voter IS NULL THEN
    RETURN NEXT;
    RETURN;
  END IF;
  INSERT INTO rate_limits AS r (key, window_start, count) VALUES (key_prefix || voter, win, 1)
  ON CONFLICT (key, window_start) DO UPDATE SET count = r.count + 1
  RETURNING r.count INTO used;
  -- A new window: the voter's older ones are never read again.
  IF used = 1 THEN
    DELETE FROM rate_limits r WHERE r.key = key_prefix || voter AND r.window_start < win;
  END IF;
  retry_after := ceil(extract(epoch from (win + make_interval(secs => window_seconds) - at)))::integer;
  allowed := used <= per_window;
  IF allowed THEN
    upvotes := cast_vote(voter, paper, up);
  END IF;
  RETURN NEXT;
END
$$;
