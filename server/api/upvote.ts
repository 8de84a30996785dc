/**
 * POST/DELETE /api/papers/{id}/upvote: the one handler. The route (app/api/papers/[id]/upvote)
 * mounts it for `next dev` and serverless hosts; `npm start`'s edge (server/http/edge.ts) calls it
 * ahead of Next.js's request pipeline, which costs more CPU than the vote itself (docs/votes.md).
 */
import "server-only";
import { ApiError, handleErrors } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/request";
import { requestSessionToken } from "@/server/session";
import { castVote, SIGN_IN_TO_VOTE } from "@/server/votes";

/** The path of a paper's vote, its id still percent-encoded. */
export const UPVOTE_PATH = /^\/api\/papers\/([^/]+)\/upvote$/;

/** Casts (`upvoted`) or withdraws the signed-in user's vote on `paperId` (already decoded). */
export const answerVote = handleErrors(async (request: Request, paperId: string, upvoted: boolean): Promise<Response> => {
  assertSameOrigin(request);
  const token = requestSessionToken(request);
  if (!token) throw new ApiError("unauthorized:upvote", SIGN_IN_TO_VOTE);
  const state = await castVote({ token, paperId, upvoted });
  return Response.json(state, { headers: { "Cache-Control": "no-store" } });
});
