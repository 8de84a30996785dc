import "server-only";
import { getDb } from "@/db";
import { getSessionUser } from "@/db/queries/sessions";
import { getVoteStates, voteInSession, type VoteState } from "@/db/queries/votes";
import { ApiError } from "@/lib/errors";
import { PAPER_ID } from "@/lib/paper-id";
import { RATE_LIMITS, refusedByStatement, throwIfRefused } from "./rate-limit";

export const SIGN_IN_TO_VOTE = "Sign in to upvote papers.";

/** One round trip whether or not this process has seen the session before (docs/votes.md). */
export async function castVote({
  token,
  paperId,
  upvoted,
  now = new Date(),
}: {
  token: string;
  paperId: string;
  upvoted: boolean;
  now?: Date;
}): Promise<VoteState> {
  const db = await getDb();
  if (!PAPER_ID.test(paperId)) {
    // Signed out comes first, as for any other paper.
    if (!(await getSessionUser(db, { token, now }))) throw new ApiError("unauthorized:upvote", SIGN_IN_TO_VOTE);
    throw new ApiError("not_found:paper", "No such paper.");
  }
  // The session is remembered, not the user: finding the user is part of the vote's one statement.
  throwIfRefused("vote", token, now);
  const { prefix: keyPrefix, limit, windowSeconds } = RATE_LIMITS.vote;
  const vote = await voteInSession(db, { token, paperId, upvoted, keyPrefix, limit, windowSeconds, now });
  if (vote.outcome === "signed-out") throw new ApiError("unauthorized:upvote", SIGN_IN_TO_VOTE);
  if (vote.outcome === "limited") throw refusedByStatement("vote", token, vote.retryAfterSeconds, now);
  if (!vote.state) throw new ApiError("not_found:paper", "No such paper.");
  return vote.state;
}

export async function voteStates({ paperIds, userId }: { paperIds: string[]; userId: string | null }) {
  return getVoteStates(await getDb(), { paperIds, userId });
}
