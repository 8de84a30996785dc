import { handleErrors } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/request";
import { unfollow } from "@/server/follows";
import { requireRequestUser } from "@/server/session";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const DELETE = handleErrors(async (request: Request, { params }: Context) => {
  assertSameOrigin(request);
  const user = await requireRequestUser(request, "follow", "Sign in to follow topics.");
  await unfollow(user.id, (await params).id);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});
