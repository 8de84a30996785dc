/** Reading papers for pages and the API: one paper, the trending list, my upvotes. */
import "server-only";
import { getDb } from "@/db";
import { getPaper, getPapersByIds, type PaperWithOrg } from "@/db/queries/papers";
import { getTrendingPaperIds, getUpvotedPapers } from "@/db/queries/upvotes";
import { PAPER_ID } from "@/lib/paper-id";

/** The paper with this id, or null (also for anything that is not a paper id). */
export async function loadPaper(id: string): Promise<PaperWithOrg | null> {
  return PAPER_ID.test(id) ? getPaper(await getDb(), { id }) : null;
}

/** Papers ranked by momentum (db/queries/upvotes.ts has the formula). */
export async function loadTrending({ limit, offset = 0 }: { limit: number; offset?: number }): Promise<PaperWithOrg[]> {
  const db = await getDb();
  return getPapersByIds(db, { ids: await getTrendingPaperIds(db, { limit, offset }) });
}

/** The papers a user upvoted, newest vote first. */
export async function loadUpvotedPapers({ userId, limit }: { userId: string; limit: number }) {
  return getUpvotedPapers(await getDb(), { userId, limit });
}
