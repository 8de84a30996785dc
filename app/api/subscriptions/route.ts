import { handleErrors } from "@/lib/errors";
import { assertSameOrigin, clientIp, readJsonObject } from "@/lib/request";
import { getRequestUser, requireRequestUser } from "@/server/session";
import { changeMySubscription, mySubscription, subscribe, subscriptionJson } from "@/server/subscriptions";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "private, no-store" };

const signedIn = (request: Request) => requireRequestUser(request, "subscription", "Sign in to manage your subscription.");

export const GET = handleErrors(async (request: Request) => {
  const subscription = await mySubscription(await signedIn(request));
  return Response.json({ subscription: subscription ? subscriptionJson(subscription) : null }, { headers: noStore });
});

/** Signed in with the account's address it is active at once; any other address gets a confirmation email first (202). */
export const POST = handleErrors(async (request: Request) => {
  assertSameOrigin(request);
  const user = await getRequestUser(request);
  const outcome = await subscribe({ user, input: await readJsonObject(request, "subscription"), client: clientIp(request.headers) });
  if (outcome.status === "active") {
    return Response.json(
      { subscription: subscriptionJson(outcome.subscription) },
      { status: outcome.created ? 201 : 200, headers: noStore },
    );
  }
  return Response.json(
    {
      subscription: { email: outcome.email, frequency: outcome.frequency, status: "pending" },
      message: `If ${outcome.email} is not subscribed yet, a confirmation email is on its way: the digest starts once the link in it is followed.`,
    },
    { status: 202, headers: noStore },
  );
});

export const PATCH = handleErrors(async (request: Request) => {
  assertSameOrigin(request);
  const user = await signedIn(request);
  const subscription = await changeMySubscription(user, await readJsonObject(request, "subscription"));
  return Response.json({ subscription: subscriptionJson(subscription) }, { headers: noStore });
});
