/** The route mounts this for `next dev`; `npm start`'s edge calls it ahead of Next.js, whose pipeline costs more CPU than a vote. */
import "server-only";
import { ApiError, handleErrors } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/request";
import { requestSessionToken } from "@/server/session";
import { castVote, SIGN_IN_TO_VOTE } from "@/server/votes";

export const UPVOTE_PATH = /^\/api\/papers\/([^/]+)\/upvote$/;

export const answerVote = handleErrors(async (request: Request, paperId: string, upvoted: boolean): Promise<Response> => {
  assertSameOrigin(request);
  const token = requestSessionToken(request);
  if (!token) throw new ApiError("unauthorized:upvote", SIGN_IN_TO_VOTE);
  const state = await castVote({ token, paperId, upvoted });
  return Response.json(state, { headers: { "Cache-Control": "no-store" } });
});
