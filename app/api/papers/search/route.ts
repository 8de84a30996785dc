import { type NextRequest } from "next/server";
import { search, searchAsked } from "@/server/search";
import { limitSearchRate } from "@/server/search/limit";
import { SEARCH_ANSWER } from "@/server/api/search-json";
import { parseSearchParams } from "@/lib/api/params";
import { handleErrors } from "@/lib/errors";
import { clientIp } from "@/lib/request";
import { searchParamsSchema } from "@/lib/search/params";
import { PUBLIC_DYNAMIC_CACHE } from "@/lib/response-headers";

export const GET = handleErrors(async (request: NextRequest) => {
  const params = parseSearchParams(request.nextUrl.searchParams, searchParamsSchema, "search");
  const options = { ...params, offset: params.p * params.limit };
  await limitSearchRate({ client: clientIp(request.headers), surface: "search", asked: searchAsked(options) });
  const { body, hasMore, correctedQuery, bounded } = await search(options, SEARCH_ANSWER);
  const headers: Record<string, string> = { "Content-Type": "application/json", "Cache-Control": PUBLIC_DYNAMIC_CACHE };
  // The spelling the search offers (percent-encoded); items with `"match": "similar"` are its results, which come only when the
  // query as typed matches nothing.
  if (correctedQuery) headers["X-Corrected-Query"] = encodeURIComponent(correctedQuery);
  // Too costly to read in full: the items come from this many of the most upvoted papers alone.
  if (bounded !== null) headers["X-Search-Bounded"] = String(bounded);
  if (hasMore) {
    const next = new URL(request.nextUrl);
    next.searchParams.set("p", String(params.p + 1));
    headers.Link = `<${next.pathname}${next.search}>; rel="next"`;
  }
  return new Response(body, { headers });
});
