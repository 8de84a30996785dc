/**
 * Spelling correction: when a query's words match few papers (a typo, a half-remembered word),
 * the query with its words corrected against the corpus vocabulary.
 */
import "server-only";
import type { Db } from "@/db";
import { corrections } from "@/db/queries/search/words";
import { correctQuery, parseQuery, type ParsedQuery } from "@/lib/search/syntax";
import { PARTIAL_MIN_WORDS } from "./partial";
import type { Finder } from "./plan";

/** Below this many full-text matches, misspelled words are corrected and those matches added. */
const FUZZY_BELOW = 5;

/**
 * All the query's matches when there are fewer than FUZZY_BELOW, else null. `first` is the
 * window read from position 0 when there was one (of `size` positions).
 */
async function fewMatches(finder: Finder, first: string[] | null, size: number): Promise<string[] | null> {
  if (first && (first.length >= FUZZY_BELOW || first.length < size)) return first.length < FUZZY_BELOW ? first : null;
  const start = await finder.window(0, FUZZY_BELOW);
  return start.length < FUZZY_BELOW ? start : null;
}

/**
 * The corrected query (as typed and parsed) and the few matches of the query as it is, when it
 * has few and correcting changes it; else null.
 */
export async function correction(
  db: Db,
  { parsed, finder, first, size }: { parsed: ParsedQuery; finder: Finder; first: string[] | null; size: number },
): Promise<{ few: string[]; text: string; parsed: ParsedQuery } | null> {
  const few = finder.compiled ? await fewMatches(finder, first, size) : [];
  if (!few) return null;
  const fixes = await corrections(db, parsed.words);
  // A description in plain words whose only fault is a word no paper has: its partial matches
  // (which rank papers holding all the other words first) serve better than a search for the
  // rest of its words, all common, which costs the most of any search.
  const onlyDrops = [...fixes.values()].every((word) => word === "");
  const fixed = !(onlyDrops && parsed.words.length >= PARTIAL_MIN_WORDS) ? correctQuery(parsed, fixes) : null;
  return fixed ? { few, text: fixed.trim(), parsed: parseQuery(fixed) } : null;
}
