import { feedRoute, serveFeed } from "@/server/feeds/respond";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ name: string }> };

/** `/feeds/author/{name}.xml` (RSS), `.atom` or `.json` (JSON Feed): the author's newest papers. */
export const GET = feedRoute(async (request: Request, { params }: Context) => serveFeed(request, "author", (await params).name));
