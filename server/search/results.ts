/** A search's result list, ids only: an arXiv id hit, the engine's matches (./plan.ts), then corrected (./correct.ts) and partial (./partial.ts) matches when few match. */
import "server-only";
import type { Db } from "@/db";
import { findById, titleMatches } from "@/db/queries/search/tiers";
import type { PaperFilters } from "@/lib/search/filters";
import type { SearchSort } from "@/lib/search/query-string";
import { isPlainWords } from "@/lib/search/spelling";
import { parseQuery, type ParsedQuery } from "@/lib/search/syntax";
import { correction } from "./correct";
import { PARTIAL_BELOW, PARTIAL_LIMIT, partialMatches } from "./partial";
import { prepareFind, type Finder, type MatchCount, type SearchInternals } from "./plan";

export interface SearchOptions {
  q: string;
  from?: string;
  to?: string;
  org?: string;
  category?: string;
  sort?: SearchSort;
  limit?: number;
  offset?: number;
  count?: boolean;
  /** The query as typed, never corrected. */
  exact?: boolean;
  /** With no result, say why (./explain.ts). */
  explain?: boolean;
}

export type MatchKind = "id" | "text" | "similar" | "partial";

export function searchAsked({
  q,
  from,
  to,
  org,
  category,
  sort = "relevance",
  limit = 20,
  offset = 0,
  exact = false,
}: SearchOptions): Record<string, unknown> {
  return { q: q.trim(), from, to, org, category, sort, limit, offset, exact };
}

export function searchFilters({ from, to, org, category }: Pick<SearchOptions, "from" | "to" | "org" | "category">): PaperFilters {
  return { publishedFrom: from, publishedTo: to, organization: org, category };
}

export interface Found {
  id: string;
  match: MatchKind;
  query: string | null;
}

export interface Results {
  list: Found[];
  /** Results for it follow the matches of the query as typed (none). */
  correctedQuery: string | null;
  /** "Did you mean": the query as typed matches a few papers, this far more. */
  suggestedQuery: string | null;
  excluded?: string | null;
  parts: { known: number; finders: Finder[] };
  bounded?: number | null;
  /** How many papers of a list ranked with its partial matches hold every word. */
  whole?: number | null;
}

async function boundOf(finders: Map<string, Promise<Finder>>): Promise<number | null> {
  const bounds = (await Promise.all(finders.values())).map((f) => f.bounded()).filter((b): b is number => b !== null);
  return bounds.length ? Math.max(...bounds) : null;
}

export async function countResults({ parts }: Results, exact: boolean, cap: number): Promise<MatchCount> {
  const counts = await Promise.all(parts.finders.map((f) => f.count(exact ? { exact, cap } : {})));
  return counts.reduce((sum, c) => ({ count: sum.count + c.count, exact: sum.exact && c.exact }), { count: parts.known, exact: true });
}

/** With partial matches the head of the list is read whole and ranked with them (exact matches among them), after an id hit or corrected matches. */
export async function findResults(db: Db, options: SearchOptions, end: number, internals: SearchInternals): Promise<Results> {
  const { sort = "relevance", offset = 0 } = options;
  const parsed = parseQuery(options.q);
  // The head of the list, read again below, reuses what the first reading prepared (and, for a
  // tier the read budget bounded, what it read).
  const finders = new Map<string, Promise<Finder>>();
  // When few papers hold every word, partial matches will be wanted: they are ranked while spelling correction runs
  // (without the corrected matches, left out below, hence a few more).
  let ranking: ReturnType<typeof partialMatches> | null = null;
  const rankPartial = (excluded: string | null | undefined, idHits: string[]) => {
    if (!ranking) {
      const filters = { ...searchFilters(options), excludeIds: idHits };
      ranking = partialMatches(db, { parsed, excluded, filters, limit: PARTIAL_LIMIT + PARTIAL_BELOW });
      ranking.catch(() => {});
    }
    return ranking;
  };
  const onFew = sort === "relevance" && !parsed.exact && isPlainWords(options.q) ? rankPartial : undefined;
  const base = await exactResults(db, parsed, options, offset, end, internals, finders, onFew);
  if (sort !== "relevance" || parsed.exact || parsed.words.length === 0) return { ...base, bounded: await boundOf(finders) };
  const head =
    offset === 0 && end >= PARTIAL_BELOW ? base : await exactResults(db, parsed, options, 0, PARTIAL_BELOW, internals, finders, onFew);
  const bounded = await boundOf(finders);
  if (head.list.length >= PARTIAL_BELOW || !isPlainWords(options.q)) return { ...base, bounded };

  // The few exact matches and the partial ones are ranked together over all the words (./ranked.ts): a title holding five
  // of six words comes before an abstract holding all six. An arXiv id hit and corrected matches keep their place.
  const merge = !head.list.some((f) => f.match === "similar");
  const kept = merge ? head.list.filter((f) => f.match === "id") : head.list;
  const exact = new Map(merge ? head.list.filter((f) => f.match === "text").map((f) => [f.id, f]) : []);
  const keptIds = new Set(kept.map((f) => f.id));
  const found = await rankPartial(
    head.excluded,
    kept.filter((f) => f.match === "id").map((f) => f.id),
  );
  if (!found) return { ...base, bounded };
  const partial = { ...found, ids: found.ids.filter((id) => !keptIds.has(id)).slice(0, PARTIAL_LIMIT) };
  const ranked = new Set(partial.ids);
  const query = [...exact.values()][0]?.query;
  // A title holding every word leads, as it does in the exact matches' own order; so does an exact match the ranking's
  // budget did not reach.
  const titled = query ? await titleMatches(db, { ids: [...exact.keys()], query }) : new Set<string>();
  const leading = [...exact.values()].filter((f) => titled.has(f.id) || !ranked.has(f.id));
  const led = new Set(leading.map((f) => f.id));
  const all: Found[] = [
    ...kept,
    ...leading.sort((a, b) => Number(titled.has(b.id)) - Number(titled.has(a.id))),
    ...partial.ids.filter((id) => !led.has(id)).map((id) => exact.get(id) ?? { id, match: "partial" as const, query: partial.query }),
  ];
  return {
    list: all.slice(offset, end),
    correctedQuery: head.correctedQuery,
    suggestedQuery: head.suggestedQuery,
    parts: { known: all.length, finders: [] },
    bounded,
    whole: exact.size,
  };
}

async function exactResults(
  db: Db,
  parsed: ParsedQuery,
  options: SearchOptions,
  offset: number,
  end: number,
  internals: SearchInternals,
  finders: Map<string, Promise<Finder>> = new Map(),
  onFew?: (excluded: string | null, idHits: string[]) => void,
): Promise<Results> {
  const { sort = "relevance" } = options;
  const find = (query: ParsedQuery, filters: PaperFilters) => {
    const key = JSON.stringify([query, filters]);
    let finder = finders.get(key);
    if (!finder) finders.set(key, (finder = prepareFind(db, { query, filters, order: sort }, internals)));
    return finder;
  };
  const filters = searchFilters(options);
  if (parsed.groups.length === 0) {
    if (options.q.trim()) return { list: [], correctedQuery: null, suggestedQuery: null, parts: { known: 0, finders: [] } };
    const listing = await prepareFind(db, { query: parsed, filters, order: sort }, internals);
    const list = (await listing.window(offset, end)).map((id): Found => ({ id, match: "text", query: null }));
    return { list, correctedQuery: null, suggestedQuery: null, parts: { known: 0, finders: [listing] } };
  }

  const byId = parsed.arxivId ? await findById(db, { id: parsed.arxivId, filters }) : [];
  const finder = await find(parsed, { ...filters, excludeIds: byId });
  const query = finder.compiled?.positive ?? null;
  const lead: Found[] = byId.map((id) => ({ id, match: "id", query }));
  const textFrom = Math.max(0, offset - lead.length);
  const text = await finder.window(textFrom, end - lead.length);
  const list: Found[] = [...lead.slice(offset), ...text.map((id) => ({ id, match: "text" as const, query }))];
  const excluded = finder.compiled?.excluded ?? null;
  const parts = { known: lead.length, finders: [finder] };
  if (sort !== "relevance" || parsed.exact) return { list, correctedQuery: null, suggestedQuery: null, excluded, parts };
  if (textFrom === 0 && list.length < PARTIAL_BELOW) onFew?.(excluded, byId);

  const fixed = options.exact
    ? null
    : await correction(db, {
        query: options.q,
        parsed,
        finder,
        first: textFrom === 0 ? text : null,
        size: end - lead.length,
        find: (corrected, few) => find(corrected, { ...filters, excludeIds: [...byId, ...few] }),
      });
  if (!fixed) return { list, correctedQuery: null, suggestedQuery: null, excluded, parts };
  if (!fixed.replaces) return { list, correctedQuery: null, suggestedQuery: fixed.text, excluded, parts };
  const head: Found[] = [...lead, ...fixed.few.map((id) => ({ id, match: "text" as const, query }))];
  const similar = await fixed.finder.window(Math.max(0, offset - head.length), end - head.length);
  const correctedText = fixed.finder.compiled?.positive ?? null;
  return {
    list: [...head.slice(offset), ...similar.map((id) => ({ id, match: "similar" as const, query: correctedText }))],
    correctedQuery: fixed.text,
    suggestedQuery: null,
    excluded,
    parts: { known: lead.length + fixed.few.length, finders: [fixed.finder] },
  };
}
