/** Why a search found nothing, and where to go instead: the filter that emptied it, or the words that match papers. */
import "server-only";
import type { Db } from "@/db";
import { countPapers } from "@/db/queries/papers";
import { parseQuery, type ParsedQuery } from "@/lib/search/syntax";
import { prepareFind, type MatchCount, type SearchInternals } from "./plan";
import { searchFilters, type SearchOptions } from "./results";

export const FILTER_PARAMS = ["from", "to", "org", "category"] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

const MAX_WORDS = 8;

export interface EmptyHelp {
  noWords: boolean;
  /** Each filter that alone empties the result, with the matches without it. */
  filters: { filter: FilterParam; count: MatchCount }[];
  /** The matches without any filter, when no single filter is to blame. */
  withoutFilters: MatchCount | null;
  words: { word: string; count: MatchCount }[];
  unmatched: string[];
  /** The query without the words that match nothing, when it matches. */
  fewer: { q: string; count: MatchCount } | null;
}

export async function explainEmpty(db: Db, options: SearchOptions, internals: SearchInternals): Promise<EmptyHelp | null> {
  const parsed = parseQuery(options.q);
  const help: EmptyHelp = { noWords: false, filters: [], withoutFilters: null, words: [], unmatched: [], fewer: null };
  if (options.q.trim() && parsed.groups.length === 0) return { ...help, noWords: true };
  const active = FILTER_PARAMS.filter((f) => options[f]);
  const count = async (query: ParsedQuery, without: readonly FilterParam[]): Promise<MatchCount> => {
    // A listing without its only filter is every paper, which the engine does not list.
    if (query.groups.length === 0 && active.every((f) => without.includes(f))) return { count: await countPapers(db), exact: true };
    const kept = Object.fromEntries(FILTER_PARAMS.map((f) => [f, without.includes(f) ? undefined : options[f]]));
    const finder = await prepareFind(db, { query, filters: searchFilters(kept) }, internals);
    return finder.count();
  };

  if (active.length > 0) {
    const alone = await Promise.all(active.map(async (filter) => ({ filter, count: await count(parsed, [filter]) })));
    help.filters = alone.filter((f) => f.count.count > 0);
    if (help.filters.length > 0) return help;
    if (active.length > 1) {
      const all = await count(parsed, active);
      if (all.count > 0) return { ...help, withoutFilters: all };
    }
  }

  if (parsed.groups.length === 0) return help;
  const words = [...new Set(parsed.groups.flat().flatMap((term) => parseQuery(`${term.text} `).words))]
    .filter((w) => /\p{L}/u.test(w))
    .slice(0, MAX_WORDS);
  if (words.length < 2 && active.length === 0) return { ...help, unmatched: words };
  const counted = await Promise.all(words.map(async (word) => ({ word, count: await count(parseQuery(`${word} `), []) })));
  help.words = counted.filter((w) => w.count.count > 0).sort((a, b) => b.count.count - a.count.count);
  help.unmatched = counted.filter((w) => w.count.count === 0).map((w) => w.word);
  if (help.unmatched.length > 0 && help.words.length > 1) {
    const q = words.filter((w) => !help.unmatched.includes(w)).join(" ");
    const fewer = await count(parseQuery(`${q} `), []);
    if (fewer.count > 0) help.fewer = { q, count: fewer };
  }
  return help;
}
