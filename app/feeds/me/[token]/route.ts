import { feedRoute, serveFeed } from "@/server/feeds/respond";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ token: string }> };

/** `/feeds/me/{token}.xml`, `.atom` or `.json`: the newest papers of my topics, for whoever holds the token. */
export const GET = feedRoute(async (request: Request, { params }: Context) => serveFeed(request, "me", (await params).token));
