import { feedRoute, serveFeed } from "@/server/feeds/respond";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ name: string }> };

export const GET = feedRoute(async (request: Request, { params }: Context) => serveFeed(request, "author", (await params).name));
