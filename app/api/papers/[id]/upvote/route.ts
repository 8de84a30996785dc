import { consumeRateLimit } from "@/db/queries/rate-limits";
import { setUpvote } from "@/db/queries/upvotes";
import { ApiError, handleErrors } from "@/lib/errors";
import { PAPER_ID } from "@/lib/paper-id";
import { assertSameOrigin } from "@/lib/request";
import { getRequestUser } from "@/lib/session";

export const dynamic = "force-dynamic";

/** Votes a user may cast or withdraw per minute: far above any person's clicking. */
const VOTES_PER_MINUTE = 120;

type Context = { params: Promise<{ id: string }> };

async function vote(request: Request, { params }: Context, upvoted: boolean): Promise<Response> {
  assertSameOrigin(request);
  const user = await getRequestUser(request);
  if (!user) throw new ApiError("unauthorized:upvote", "Sign in to upvote papers.");
  const { id } = await params;
  if (!PAPER_ID.test(id)) throw new ApiError("not_found:paper", "No such paper.");

  const limit = await consumeRateLimit({ key: `vote:${user.id}`, limit: VOTES_PER_MINUTE, windowSeconds: 60 });
  if (!limit.allowed) {
    throw new ApiError("rate_limited:upvote", "Too many votes; wait a moment and try again.", {
      "Retry-After": String(limit.retryAfterSeconds),
    });
  }
  const state = await setUpvote({ userId: user.id, paperId: id, upvoted });
  if (!state) throw new ApiError("not_found:paper", "No such paper.");
  return Response.json(state, { headers: { "Cache-Control": "no-store" } });
}

export const POST = handleErrors((request: Request, context: Context) => vote(request, context, true));
export const DELETE = handleErrors((request: Request, context: Context) => vote(request, context, false));
