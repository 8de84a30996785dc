import { feedRoute, serveFeed } from "@/server/feeds/respond";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ feed: string }> };

/** `/feeds/daily.xml`, `/feeds/trending.atom`, `/feeds/search.json?q=…`: RSS, Atom or JSON Feed. */
export const GET = feedRoute(async (request: Request, { params }: Context) => serveFeed(request, "listing", (await params).feed));
