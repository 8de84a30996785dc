import { feedRoute, serveFeed } from "@/server/feeds/respond";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ feed: string }> };

export const GET = feedRoute(async (request: Request, { params }: Context) => serveFeed(request, "listing", (await params).feed));
