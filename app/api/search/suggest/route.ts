import { type NextRequest } from "next/server";
import { z } from "zod";
import { parseSearchParams } from "@/lib/api/params";
import { handleErrors } from "@/lib/errors";
import { clientIp } from "@/lib/request";
import { searchQuery } from "@/lib/search/params";
import { SUGGESTIONS, searchAsked, searchSuggestions } from "@/server/search";
import { limitSearchRate } from "@/server/search/limit";
import { PUBLIC_DYNAMIC_CACHE } from "@/lib/response-headers";

const query = z.object({ q: searchQuery });

export const GET = handleErrors(async (request: NextRequest) => {
  const { q } = parseSearchParams(request.nextUrl.searchParams, query, "suggest");
  if (q.trim())
    await limitSearchRate({ client: clientIp(request.headers), surface: "suggest", asked: searchAsked({ q, limit: SUGGESTIONS }) });
  return Response.json(await searchSuggestions(q), { headers: { "Cache-Control": PUBLIC_DYNAMIC_CACHE } });
});
