import { type NextRequest } from "next/server";
import { z } from "zod";
import { parseSearchParams } from "@/lib/api/params";
import { handleErrors } from "@/lib/errors";
import { clientIp } from "@/lib/request";
import { searchQuery } from "@/lib/search/params";
import { limitSearchRate, searchSuggestions } from "@/server/search";
import { PUBLIC_DYNAMIC_CACHE } from "@/lib/response-headers";

const query = z.object({ q: searchQuery });

/** The header box's suggestions while typing: the top five results, title and a few words each. */
export const GET = handleErrors(async (request: NextRequest) => {
  await limitSearchRate({ client: clientIp(request.headers), surface: "suggest" });
  const { q } = parseSearchParams(request.nextUrl.searchParams, query, "suggest");
  return Response.json(await searchSuggestions(q), { headers: { "Cache-Control": PUBLIC_DYNAMIC_CACHE } });
});
