import { handleErrors } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/request";
import { myFeedUrls, resetFeedToken, type FeedUrls } from "@/server/feeds/token";
import { requireRequestUser } from "@/server/session";

export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "private, no-store" };

const signedIn = (request: Request) => requireRequestUser(request, "feed_token", "Sign in to get the private feed of your topics.");

const json = (urls: FeedUrls) => Response.json({ url: urls.rss, formats: urls }, { headers: noStore });

export const GET = handleErrors(async (request: Request) => json(await myFeedUrls((await signedIn(request)).id)));

/** A new address for my private feed: the old one answers 404 from now on. */
export const POST = handleErrors(async (request: Request) => {
  assertSameOrigin(request);
  return json(await resetFeedToken((await signedIn(request)).id));
});
