import { type NextRequest } from "next/server";
import { z } from "zod";
import { parseSearchParams } from "@/lib/api/params";
import { handleErrors } from "@/lib/errors";
import { PAPER_ID } from "@/lib/paper-id";
import { getRequestUser } from "@/server/session";
import { voteStates } from "@/server/votes";

export const dynamic = "force-dynamic";

const query = z.object({
  ids: z
    .string()
    .transform((s) => [...new Set(s.split(",").filter(Boolean))])
    .pipe(z.array(z.string().regex(PAPER_ID, "not a paper id")).max(200, "at most 200 ids")),
});

export const GET = handleErrors(async (request: NextRequest) => {
  const { ids } = parseSearchParams(request.nextUrl.searchParams, query, "votes");
  const user = await getRequestUser(request);
  const papers = await voteStates({ paperIds: ids, userId: user?.id ?? null });
  return Response.json({ signedIn: user !== null, papers }, { headers: { "Cache-Control": "private, no-store" } });
});
