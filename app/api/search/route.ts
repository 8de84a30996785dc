import { type NextRequest } from "next/server";
import { parseSearchParams } from "@/lib/api/params";
import { handleErrors } from "@/lib/errors";
import { clientIp } from "@/lib/request";
import { searchParamsSchema } from "@/lib/search/params";
import { searchAsked, searchPageData } from "@/server/search";
import { limitSearchRate } from "@/server/search/limit";
import { PUBLIC_DYNAMIC_CACHE } from "@/lib/response-headers";

/** The search page's own shape (card data, highlighted segments); scripts use `GET /api/papers/search`. */
export const GET = handleErrors(async (request: NextRequest) => {
  const params = parseSearchParams(request.nextUrl.searchParams, searchParamsSchema, "search");
  const options = { ...params, offset: params.p * params.limit };
  await limitSearchRate({ client: clientIp(request.headers), surface: "search", asked: searchAsked(options) });
  const page = await searchPageData(options);
  return Response.json(page, { headers: { "Cache-Control": PUBLIC_DYNAMIC_CACHE } });
});
