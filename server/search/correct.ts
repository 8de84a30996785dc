/** Spelling correction against the corpus vocabulary, for queries whose words match few papers (docs/search.md, "Typos"). */
import "server-only";
import type { Db } from "@/db";
import { nearWords } from "@/db/queries/search/words";
import { bestCorrection, isPlainWords } from "@/lib/search/spelling";
import { correctQuery, parseQuery, type ParsedQuery } from "@/lib/search/syntax";
import type { Finder } from "./plan";

const FUZZY_BELOW = 5;
/** A query that matches some papers is worth a "Did you mean" only when the correction matches this many times as many. */
const CLEARLY_MORE = 10;

async function fewMatches(finder: Finder, first: string[] | null, size: number): Promise<string[] | null> {
  if (first && (first.length >= FUZZY_BELOW || first.length < size)) return first.length < FUZZY_BELOW ? first : null;
  const start = await finder.window(0, FUZZY_BELOW);
  return start.length < FUZZY_BELOW ? start : null;
}

export interface Correction {
  /** The query as typed matches these papers (fewer than FUZZY_BELOW). */
  few: string[];
  text: string;
  finder: Finder;
  /** No paper matches the query as typed: the correction's results are shown. Otherwise it is only suggested. */
  replaces: boolean;
}

/** Every misspelt word is corrected at once; a word nothing is close to stays, so the correction then matches nothing and is not offered. */
export async function correction(
  db: Db,
  {
    query,
    parsed,
    finder,
    first,
    size,
    find,
  }: {
    query: string;
    parsed: ParsedQuery;
    finder: Finder;
    first: string[] | null;
    size: number;
    find: (corrected: ParsedQuery, few: string[]) => Promise<Finder>;
  },
): Promise<Correction | null> {
  if (!finder.compiled || !isPlainWords(query)) return null;
  const few = await fewMatches(finder, first, size);
  if (!few) return null;
  const near = await nearWords(db, parsed.words);
  const fixes = new Map(
    [...near].flatMap(([typed, { papers, near: words }]) => {
      const better = bestCorrection(typed, papers, words);
      return better ? [[typed, better] as const] : [];
    }),
  );
  const text = correctQuery(parsed, fixes)?.trim();
  if (!text) return null;
  const corrected = await find(parseQuery(`${text} `), few);
  if (!corrected.compiled) return null;
  const need = few.length === 0 ? 1 : few.length * CLEARLY_MORE;
  const { count } = await corrected.count({ exact: true, cap: need });
  return count >= need ? { few, text, finder: corrected, replaces: few.length === 0 } : null;
}
