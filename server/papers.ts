import "server-only";
import { getDb } from "@/db";
import { getPaper, getPapersByIds, getSubmittedPapers, type PaperSort, type PaperWithOrg } from "@/db/queries/papers";
import { paperTerms, withCorpusCounts } from "@/db/queries/search/partial";
import { getTrendingPaperIds, trendingWindow } from "@/db/queries/trending";
import { getUpvotedPapers, getVoteStates } from "@/db/queries/votes";
import { PAPER_ID } from "@/lib/paper-id";
import { distinctiveTerms } from "@/lib/search/partial";
import { rankPapers } from "./search/ranked";
import { widenLexemes } from "./search/related";

/** Upvotes are live (unfolded votes included), so a voter sees their vote on the page and API. */
export async function loadPaper(id: string): Promise<PaperWithOrg | null> {
  if (!PAPER_ID.test(id)) return null;
  const db = await getDb();
  const paper = await getPaper(db, { id });
  if (!paper) return null;
  const live = (await getVoteStates(db, { paperIds: [id], userId: null }))[id];
  return live ? { ...paper, upvotes: live.upvotes } : paper;
}

export async function loadSubmittedPapers({
  submitter,
  sort,
  limit,
  offset = 0,
}: {
  submitter: string;
  sort?: PaperSort;
  limit: number;
  offset?: number;
}): Promise<PaperWithOrg[]> {
  return getSubmittedPapers(await getDb(), { submitter, order: sort === "publishedAt" ? "publishedAt" : "listed", limit, offset });
}

export const TRENDING_MINIMUM = 30;

export async function loadTrending({ limit, offset = 0 }: { limit: number; offset?: number }): Promise<PaperWithOrg[]> {
  const db = await getDb();
  const windowDays = await trendingWindow(db, { minimum: TRENDING_MINIMUM });
  return getPapersByIds(db, { ids: await getTrendingPaperIds(db, { limit, offset, windowDays }) });
}

export async function loadUpvotedPapers({ userId, limit }: { userId: string; limit: number }) {
  return getUpvotedPapers(await getDb(), { userId, limit });
}

const POOL = 40;
const SIMILAR = 5;

/** Papers sharing the most of its distinctive words (rare in the corpus, frequent in the paper, its title above all). */
export async function loadSimilarPapers(id: string): Promise<PaperWithOrg[]> {
  const db = await getDb();
  const own = await paperTerms(db, { id });
  if (own.length === 0) return [];
  const pool = [...own]
    .sort((a, b) => Number(b.inTitle) - Number(a.inTitle) || b.count - a.count || a.lexeme.localeCompare(b.lexeme))
    .slice(0, POOL);
  const { terms, papers } = await withCorpusCounts(db, pool);
  const distinctive = distinctiveTerms(pool, new Map(terms.map((t) => [t.lexeme, t])), papers);
  const matches = await rankPapers(db, {
    ...(await widenLexemes(
      db,
      distinctive.map((t) => t.lexeme),
    )),
    filters: { excludeIds: [id] },
    limit: SIMILAR,
    minShared: Math.min(2, distinctive.length),
  });
  return getPapersByIds(db, { ids: matches.map((m) => m.id) });
}
