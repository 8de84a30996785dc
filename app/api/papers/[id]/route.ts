import { ApiError, handleErrors } from "@/lib/errors";
import { toApiPaper } from "@/server/api/paper-json";
import { loadPaper } from "@/server/papers";
import { PUBLIC_DYNAMIC_CACHE } from "@/lib/response-headers";

export const GET = handleErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const paper = await loadPaper(id);
  if (!paper) throw new ApiError("not_found:paper", `No paper with id "${id.slice(0, 100)}".`);
  return Response.json(toApiPaper(paper), {
    headers: { "Cache-Control": PUBLIC_DYNAMIC_CACHE },
  });
});
