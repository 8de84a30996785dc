import { handleErrors } from "@/lib/errors";
import { assertSameOrigin, readJsonObject } from "@/lib/request";
import { followJson, followTopic, myFollows } from "@/server/follows";
import { requireRequestUser } from "@/server/session";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "private, no-store" };

const signedIn = (request: Request) => requireRequestUser(request, "follow", "Sign in to follow topics.");

export const GET = handleErrors(async (request: Request) => {
  const user = await signedIn(request);
  return Response.json((await myFollows(user.id)).map(followJson), { headers: noStore });
});

export const POST = handleErrors(async (request: Request) => {
  assertSameOrigin(request);
  const user = await signedIn(request);
  const { follow, created } = await followTopic(user.id, await readJsonObject(request, "follow"));
  return Response.json(followJson(follow), { status: created ? 201 : 200, headers: noStore });
});
