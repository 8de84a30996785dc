/** When few papers hold every word of a plain-words description, those sharing some of them (BM25, lib/search/partial.ts). */
import "server-only";
import type { Db } from "@/db";
import { paperCount, readPartialCandidates, termStats } from "@/db/queries/search/partial";
import { averageDistinctWords } from "@/db/queries/search/stats";
import { lexemesOfWords } from "@/db/queries/search/stems";
import type { PaperFilters } from "@/lib/search/filters";
import { anchorQuery, bm25Score, quoteLexeme, type TermStat } from "@/lib/search/partial";
import type { ParsedQuery } from "@/lib/search/syntax";

export const PARTIAL_BELOW = 10;
const PARTIAL_LIMIT = 100;
/** Partial matches are for descriptions in plain words: three words (stems) at least. */
const PARTIAL_MIN_WORDS = 3;

/** Null when the query has too few words (stems) for partial matches. */
export async function partialMatches(
  db: Db,
  { parsed, filters, excluded }: { parsed: ParsedQuery; filters: PaperFilters; excluded: string | null | undefined },
): Promise<{ ids: string[]; query: string | null } | null> {
  const stems = await lexemesOfWords(db, parsed.words);
  const forms = new Map<string, string[]>();
  for (const [word, lexemes] of stems) for (const l of lexemes) forms.set(l, [...(forms.get(l) ?? []), word]);
  if (forms.size < PARTIAL_MIN_WORDS) return null;
  const { terms } = await termStats(db, forms);
  const partial = await findPartialMatches(db, { terms, excluded, filters, limit: PARTIAL_LIMIT });
  const query =
    terms
      .filter((t) => t.df > 0)
      .map((t) => quoteLexeme(t.lexeme))
      .join(" | ") || null;
  return { ids: partial.map((m) => m.id), query };
}

interface PartialMatch {
  id: string;
  score: number;
  shared: number;
}

/** Papers sharing the rarest of `terms` (anchorQuery), ranked by BM25 over all of them; at least two shared words when there are two or more. */
export async function findPartialMatches(
  db: Db,
  {
    terms,
    filters = {},
    excluded = null,
    limit,
    minShared = 1,
  }: { terms: TermStat[]; filters?: PaperFilters; excluded?: string | null; limit: number; minShared?: number },
): Promise<PartialMatch[]> {
  const known = terms.filter((t) => t.df > 0);
  const anchors = anchorQuery(known, await paperCount(db));
  if (!anchors) return [];
  const [candidates, avgLength] = await Promise.all([
    readPartialCandidates(db, { terms: known, anchors, excluded, filters }),
    averageDistinctWords(db),
  ]);
  const needed = Math.max(minShared, known.length >= 2 ? 2 : 1);
  return candidates
    .flatMap((c) => {
      const shared = c.holds.filter((x) => x > 0).length;
      if (shared < needed) return [];
      return [{ id: c.id, score: bm25Score(known, c.holds, c.length, avgLength), shared, upvotes: c.upvotes }];
    })
    .sort((a, b) => b.score - a.score || b.upvotes - a.upvotes || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit)
    .map(({ id, score, shared }) => ({ id, score, shared }));
}
