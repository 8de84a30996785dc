/** Spelling correction against the corpus vocabulary, for queries whose words match few papers. */
import "server-only";
import type { Db } from "@/db";
import { corrections } from "@/db/queries/search/words";
import { correctQuery, parseQuery, type ParsedQuery } from "@/lib/search/syntax";
import { PARTIAL_MIN_WORDS } from "./partial";
import type { Finder } from "./plan";

const FUZZY_BELOW = 5;

async function fewMatches(finder: Finder, first: string[] | null, size: number): Promise<string[] | null> {
  if (first && (first.length >= FUZZY_BELOW || first.length < size)) return first.length < FUZZY_BELOW ? first : null;
  const start = await finder.window(0, FUZZY_BELOW);
  return start.length < FUZZY_BELOW ? start : null;
}

export async function correction(
  db: Db,
  { parsed, finder, first, size }: { parsed: ParsedQuery; finder: Finder; first: string[] | null; size: number },
): Promise<{ few: string[]; text: string; parsed: ParsedQuery } | null> {
  const few = finder.compiled ? await fewMatches(finder, first, size) : [];
  if (!few) return null;
  const fixes = await corrections(db, parsed.words);
  // A plain-words description with one word no paper has: its partial matches serve better than a search for its other
  // words, all common, which costs the most of any search.
  const onlyDrops = [...fixes.values()].every((word) => word === "");
  const fixed = !(onlyDrops && parsed.words.length >= PARTIAL_MIN_WORDS) ? correctQuery(parsed, fixes) : null;
  return fixed ? { few, text: fixed.trim(), parsed: parseQuery(fixed) } : null;
}
