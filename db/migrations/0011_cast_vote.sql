-- A vote in one round trip (db/queries/upvotes.ts setUpvote): the vote row written (its trigger
-- moves the paper's counter, 0009), then the live count read by a statement of its own. A
-- function's statements each take a fresh snapshot, and the count is read after this vote has won
-- the counter row's lock, so the last of several concurrent voters on a paper counts every vote
-- before it. Null for an unknown paper (the insert takes its paper from papers: nothing to write).
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
