/**
 * POST/DELETE /api/papers/{id}/upvote: the one handler. The route (app/api/papers/[id]/upvote)
 * mounts it for `next dev` and serverless hosts; `npm start`'s server (scripts/start.ts) calls it
 * ahead of Next.js's request pipeline, which costs more CPU than the vote itself (docs/votes.md).
 */
import "server-only";
import { LRUCache } from "lru-cache";
import type { VoteState } from "@/db/queries/upvotes";
import { handleErrors } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/request";
import { requestSessionToken, requireRequestUser } from "@/server/session";
import { castVote, SIGN_IN_TO_VOTE } from "@/server/votes";

/** The path of a paper's vote, its id still percent-encoded. */
export const UPVOTE_PATH = /^\/api\/papers\/([^/]+)\/upvote$/;

/**
 * Whose session each token was, for the sessions that voted here lately. Not trusted as a sign-in:
 * it names the user whose vote limit a repeat vote counts against, and the vote's own statement
 * checks that the token is still that user's live session, so a repeat vote is one round trip
 * instead of two, and a session that ended (signed out, expired) votes no more, at once.
 */
const voters = new LRUCache<string, string>({ max: 10_000 });

/** Casts (`upvoted`) or withdraws the signed-in user's vote on `paperId` (already decoded). */
export const answerVote = handleErrors(async (request: Request, paperId: string, upvoted: boolean): Promise<Response> => {
  assertSameOrigin(request);
  const token = requestSessionToken(request);
  const seen = token ? voters.get(token) : undefined;
  let state: VoteState;
  if (token && seen) {
    // Whatever went wrong (the session ended, most likely), the next vote looks the session up.
    state = await castVote({ userId: seen, paperId, upvoted, session: token }).catch((error: unknown) => {
      voters.delete(token);
      throw error;
    });
  } else {
    const user = await requireRequestUser(request, "upvote", SIGN_IN_TO_VOTE);
    state = await castVote({ userId: user.id, paperId, upvoted });
    if (token) voters.set(token, user.id);
  }
  return Response.json(state, { headers: { "Cache-Control": "no-store" } });
});
