/** Votes: casting one (rate-limited), and the live counts plus my votes for a page of papers. */
import "server-only";
import { getDb } from "@/db";
import { rateLeases } from "@/server/rate-lease";
import { getVoteStates, setUpvote, setUpvoteInSession, type VoteState } from "@/db/queries/upvotes";
import { ApiError } from "@/lib/errors";
import { PAPER_ID } from "@/lib/paper-id";

/** Votes a user may cast or withdraw per minute: far above any person's clicking. */
const VOTES_PER_MINUTE = 120;

/** What a vote without a live session is told. */
export const SIGN_IN_TO_VOTE = "Sign in to upvote papers.";

/**
 * Adds or removes `userId`'s vote; 404 for an unknown paper, 429 past the rate limit. With
 * `session`, the vote is cast only if that token is still a live session of `userId`, checked in
 * the vote's own statement (401 if not): for a voter whose session was looked up before.
 */
export async function castVote({ userId, paperId, upvoted, session }: { userId: string; paperId: string; upvoted: boolean; session?: string }): Promise<VoteState> {
  if (!PAPER_ID.test(paperId)) throw new ApiError("not_found:paper", "No such paper.");
  const db = await getDb();
  const limit = await rateLeases.consume(db, { key: `vote:${userId}`, limit: VOTES_PER_MINUTE, windowSeconds: 60 });
  if (!limit.allowed) {
    throw new ApiError("rate_limited:upvote", "Too many votes; wait a moment and try again.", { "Retry-After": String(limit.retryAfterSeconds) });
  }
  let state: VoteState | null;
  if (session === undefined) {
    state = await setUpvote(db, { userId, paperId, upvoted });
  } else {
    const cast = await setUpvoteInSession(db, { token: session, userId, paperId, upvoted });
    if (!cast.signedIn) throw new ApiError("unauthorized:upvote", SIGN_IN_TO_VOTE);
    state = cast.state;
  }
  if (!state) throw new ApiError("not_found:paper", "No such paper.");
  return state;
}

/** Live counts of the papers and, for a signed-in user, which of them they upvoted. */
export async function voteStates({ paperIds, userId }: { paperIds: string[]; userId: string | null }) {
  return getVoteStates(await getDb(), { paperIds, userId });
}
