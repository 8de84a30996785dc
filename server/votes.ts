/** Votes: casting one (rate-limited), and the live counts plus my votes for a page of papers. */
import "server-only";
import { LRUCache } from "lru-cache";
import { getDb } from "@/db";
import { getSessionUser } from "@/db/queries/sessions";
import { getVoteStates, voteInSession, type VoteState } from "@/db/queries/votes";
import { ApiError } from "@/lib/errors";
import { PAPER_ID } from "@/lib/paper-id";

/** Votes a user may cast or withdraw per minute: far above any person's clicking. */
const VOTES_PER_MINUTE = 120;

/** What a vote without a live session is told. */
export const SIGN_IN_TO_VOTE = "Sign in to upvote papers.";

/**
 * Sessions refused for voting too fast, until their window ends: a flood past the limit is
 * answered without database work (the limit itself is counted in the database, exact across
 * processes).
 */
const refused = new LRUCache<string, number>({ max: 10_000 });

const tooFast = (retryAfterSeconds: number) =>
  new ApiError("rate_limited:upvote", "Too many votes; wait a moment and try again.", { "Retry-After": String(retryAfterSeconds) });

/**
 * Adds or removes the vote of the user signed in with session `token` on `paperId`, in one round
 * trip whether or not this process has seen the session before (docs/votes.md): 401 without a live
 * session, 429 past the limit, 404 for an unknown paper.
 */
export async function castVote({ token, paperId, upvoted, now = new Date() }: { token: string; paperId: string; upvoted: boolean; now?: Date }): Promise<VoteState> {
  const db = await getDb();
  if (!PAPER_ID.test(paperId)) {
    // Signed out comes first, as for any other paper.
    if (!(await getSessionUser(db, { token, now }))) throw new ApiError("unauthorized:upvote", SIGN_IN_TO_VOTE);
    throw new ApiError("not_found:paper", "No such paper.");
  }
  const until = refused.get(token);
  if (until !== undefined && until > now.getTime()) throw tooFast(Math.ceil((until - now.getTime()) / 1000));
  const vote = await voteInSession(db, { token, paperId, upvoted, limit: VOTES_PER_MINUTE, windowSeconds: 60, now });
  if (vote.outcome === "signed-out") throw new ApiError("unauthorized:upvote", SIGN_IN_TO_VOTE);
  if (vote.outcome === "limited") {
    refused.set(token, now.getTime() + vote.retryAfterSeconds * 1000);
    throw tooFast(vote.retryAfterSeconds);
  }
  if (!vote.state) throw new ApiError("not_found:paper", "No such paper.");
  return vote.state;
}

/** Live counts of the papers and, for a signed-in user, which of them they upvoted. */
export async function voteStates({ paperIds, userId }: { paperIds: string[]; userId: string | null }) {
  return getVoteStates(await getDb(), { paperIds, userId });
}
