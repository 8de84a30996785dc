/** When few papers hold every word of a plain-words description, those sharing some of them (BM25, lib/search/partial.ts). */
import "server-only";
import type { Db } from "@/db";
import { findPartialMatches, termStats } from "@/db/queries/search/partial";
import { lexemesOfWords } from "@/db/queries/search/stems";
import type { PaperFilters } from "@/lib/search/filters";
import { quoteLexeme } from "@/lib/search/partial";
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
