import { type NextRequest } from "next/server";
import { parseSearchParams } from "@/lib/api/params";
import { handleErrors } from "@/lib/errors";
import { clientIp } from "@/lib/request";
import { searchParamsSchema } from "@/lib/search/params";
import { limitSearchRate, searchPageData } from "@/server/search";
import { PUBLIC_DYNAMIC_CACHE } from "@/lib/response-headers";

/**
 * The search page's live results, in the page's own shape (card data, highlighted segments).
 * Scripts use `GET /api/papers/search`, the public API's shape.
 */
export const GET = handleErrors(async (request: NextRequest) => {
  await limitSearchRate({ client: clientIp(request.headers), surface: "search" });
  const params = parseSearchParams(request.nextUrl.searchParams, searchParamsSchema, "search");
  const page = await searchPageData({ ...params, offset: params.p * params.limit });
  return Response.json(page, { headers: { "Cache-Control": PUBLIC_DYNAMIC_CACHE } });
});
