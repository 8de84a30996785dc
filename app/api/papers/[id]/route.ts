import { getPaper } from "@/db/queries/papers";
import { toApiPaper } from "@/lib/api/paper-json";
import { ApiError, handleErrors } from "@/lib/errors";
import { PAPER_ID } from "@/lib/paper-id";

export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const paper = PAPER_ID.test(id) ? await getPaper({ id }) : null;
  if (!paper) throw new ApiError("not_found:paper", `No paper with id "${id.slice(0, 100)}".`);
  return Response.json(toApiPaper(paper), {
    headers: { "Cache-Control": "public, s-maxage=60, stale-while-revalidate=300" },
  });
});
