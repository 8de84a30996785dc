-- A vote in one round trip from its session token (db/queries/upvotes.ts voteInSession): the
-- session checked, the voter's limit counted and the vote cast (cast_vote, 0011) in one statement
-- and one commit. Before, a voter's first vote in a process took four round trips and three
-- commits: the session lookup, a rate-limit lease and its clean-up, then the vote.
--
-- voter null: no live session, nothing written. allowed false: past per_window votes in the
-- current window of window_seconds (counted in rate_limits under 'vote:' || voter, the key the
-- rest of the app uses), nothing cast; retry_after: seconds until the window ends. upvotes null
-- with allowed: no such paper.
CREATE OR REPLACE FUNCTION vote_in_session(token text, paper text, up boolean, per_window integer, window_seconds integer, at timestamptz)
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
  INSERT INTO rate_limits AS r (key, window_start, count) VALUES ('vote:' || voter, win, 1)
  ON CONFLICT (key, window_start) DO UPDATE SET count = r.count + 1
  RETURNING r.count INTO used;
  -- A new window: the voter's older ones are never read again.
  IF used = 1 THEN
    DELETE FROM rate_limits r WHERE r.key = 'vote:' || voter AND r.window_start < win;
  END IF;
  retry_after := ceil(extract(epoch from (win + make_interval(secs => window_seconds) - at)))::integer;
  allowed := used <= per_window;
  IF allowed THEN
    upvotes := cast_vote(voter, paper, up);
  END IF;
  RETURN NEXT;
END
$$;
