import { ApiError, handleErrors } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/request";
import { unfollow } from "@/server/follows";
import { getRequestUser } from "@/server/session";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

/** Removes one of my follows: 204, or 404 when I have none with that id. */
export const DELETE = handleErrors(async (request: Request, { params }: Context) => {
  assertSameOrigin(request);
  const user = await getRequestUser(request);
  if (!user) throw new ApiError("unauthorized:follow", "Sign in to follow topics.");
  await unfollow(user.id, (await params).id);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
