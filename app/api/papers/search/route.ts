import { type NextRequest } from "next/server";
import { limitSearchRate, searchPapers } from "@/server/search";
import { toSearchItem } from "@/server/api/search-json";
import { parseSearchParams } from "@/lib/api/params";
import { handleErrors } from "@/lib/errors";
import { clientIp } from "@/lib/request";
import { searchParamsSchema } from "@/lib/search/params";

export const GET = handleErrors(async (request: NextRequest) => {
  await limitSearchRate({ client: clientIp(request.headers), surface: "search" });
  const params = parseSearchParams(request.nextUrl.searchParams, searchParamsSchema, "search");
  const { hits, hasMore, correctedQuery } = await searchPapers({ ...params, offset: params.p * params.limit });
  const headers: Record<string, string> = { "Cache-Control": "public, s-maxage=60, stale-while-revalidate=300" };
  // Items with `"match": "similar"` are results for this spelling of the query (percent-encoded).
  if (correctedQuery) headers["X-Corrected-Query"] = encodeURIComponent(correctedQuery);
  if (hasMore) {
    const next = new URL(request.nextUrl);
    next.searchParams.set("p", String(params.p + 1));
    headers.Link = `<${next.pathname}${next.search}>; rel="next"`;
  }
  return Response.json(hits.map(toSearchItem), { headers });
});
