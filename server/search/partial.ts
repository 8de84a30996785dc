/** When few papers hold every word of a plain-words description, those sharing some of them, ranked over all (./ranked.ts). */
import "server-only";
import type { Db } from "@/db";
import { lexemesOfWords } from "@/db/queries/search/stems";
import type { PaperFilters } from "@/lib/search/filters";
import { quoteLexeme } from "@/lib/search/partial";
import type { ParsedQuery } from "@/lib/search/syntax";
import { rankPapers } from "./ranked";
import { widenLexemes } from "./related";

export const PARTIAL_BELOW = 10;
export const PARTIAL_LIMIT = 100;
/** Partial matches are for descriptions in plain words: three words (stems) at least. */
const PARTIAL_MIN_WORDS = 3;

/** Null when the query has too few words (stems) for partial matches. */
export async function partialMatches(
  db: Db,
  {
    parsed,
    filters,
    excluded,
    limit = PARTIAL_LIMIT,
  }: { parsed: ParsedQuery; filters: PaperFilters; excluded: string | null | undefined; limit?: number },
): Promise<{ ids: string[]; query: string | null } | null> {
  const stems = await lexemesOfWords(db, parsed.words);
  const lexemes = [...new Set([...stems.values()].flat())];
  if (lexemes.length < PARTIAL_MIN_WORDS) return null;
  const widened = await widenLexemes(db, lexemes);
  const matches = await rankPapers(db, { ...widened, excluded, filters, limit, minShared: 2 });
  return { ids: matches.map((m) => m.id), query: lexemes.map(quoteLexeme).join(" | ") };
}
