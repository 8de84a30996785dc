import { handleErrors } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/request";
import { requireRequestUser } from "@/server/session";
import { castVote } from "@/server/votes";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

async function vote(request: Request, { params }: Context, upvoted: boolean): Promise<Response> {
  assertSameOrigin(request);
  const user = await requireRequestUser(request, "upvote", "Sign in to upvote papers.");
  const state = await castVote({ userId: user.id, paperId: (await params).id, upvoted });
  return Response.json(state, { headers: { "Cache-Control": "no-store" } });
}

export const POST = handleErrors((request: Request, context: Context) => vote(request, context, true));
export const DELETE = handleErrors((request: Request, context: Context) => vote(request, context, false));
