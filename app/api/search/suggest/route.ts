import { type NextRequest } from "next/server";
import { z } from "zod";
import { parseSearchParams } from "@/lib/api/params";
import { handleErrors } from "@/lib/errors";
import { MAX_QUERY_LENGTH } from "@/lib/search/syntax";
import { searchSuggestions } from "@/server/search";

const query = z.object({ q: z.string().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`) });

/** The header box's suggestions while typing: the top five results, title and a few words each. */
export const GET = handleErrors(async (request: NextRequest) => {
  const { q } = parseSearchParams(request.nextUrl.searchParams, query, "suggest");
  return Response.json(await searchSuggestions(q), { headers: { "Cache-Control": "public, s-maxage=60, stale-while-revalidate=300" } });
});
