/**
 * Search as the page and the API show it: an arXiv id first, the engine's matches
 * (db/queries/search/engine.ts), corrected spellings when few papers match, and the papers with
 * the matching words marked.
 */
import "server-only";
import { getDb, type Db } from "@/db";
import { listOrganizations } from "@/db/queries/organizations";
import { getPapersByIds, type PaperWithOrg } from "@/db/queries/papers";
import { findById, prepareFind, type Finder, type MatchCount, type SearchInternals } from "@/db/queries/search/engine";
import { findPartialMatches, termStats } from "@/db/queries/search/partial";
import { lexemesOfWords } from "@/db/queries/search/stems";
import { corrections } from "@/db/queries/search/words";
import { cardData, type PaperCardData } from "@/lib/display";
import type { PaperFilters } from "@/lib/search/filters";
import { quoteLexeme } from "@/lib/search/partial";
import { highlightText, wordsOf, type Segment } from "@/lib/search/highlight";
import { lastPageFor } from "@/lib/search/params";
import { cachedSearch } from "@/server/search-cache";
import type { SearchSort } from "@/lib/search/query-string";
import { correctQuery, parseQuery, type ParsedQuery } from "@/lib/search/syntax";
import { lexemesOf, parseTsquery } from "@/lib/search/tsquery";

export type { SearchInternals } from "@/db/queries/search/engine";

/** Below this many full-text matches, misspelled words are corrected and those matches added. */
const FUZZY_BELOW = 5;
/** Below this many matches in all (exact and corrected), partial matches follow them. */
const PARTIAL_BELOW = 10;
/** Partial matches listed, at most. */
const PARTIAL_LIMIT = 100;
/** Partial matches are for descriptions in plain words: three words (stems) at least. */
const PARTIAL_MIN_WORDS = 3;

/** The search API's parameters (`from`/`to` are publication days). */
export interface SearchOptions {
  q: string;
  from?: string;
  to?: string;
  org?: string;
  category?: string;
  sort?: SearchSort;
  limit?: number;
  offset?: number;
  /** Count the results (about how many, and the last page when past it): the page says so, the API does not. */
  count?: boolean;
}

export interface SearchHit {
  paper: PaperWithOrg;
  title: Segment[];
  /** The whole abstract, matching words marked (`snippetOf` cuts the window to show). */
  abstract: Segment[];
  /**
   * How the paper was found: its arXiv id, the query, the query with typos corrected, or (when
   * few papers hold every word) some of the query's words.
   */
  match: "id" | "text" | "similar" | "partial";
}

export interface SearchPage {
  hits: SearchHit[];
  hasMore: boolean;
  /** The query as corrected, when results for it follow the (few) exact matches. */
  correctedQuery: string | null;
  /** About how many results there are in all (exact when counted); null unless asked. */
  total: MatchCount | null;
  /** Set when the page is past the end: the last page that has results (from 0). */
  lastPage: number | null;
  /**
   * Set when the search was too costly to read in full (docs/search.md, "Limits"): its matches
   * come from this many of the most upvoted papers (within the filters) alone.
   */
  bounded: number | null;
}

/** The options that decide what the engine computes for a search, as the search limit counts them. */
export function searchAsked({ q, from, to, org, category, sort = "relevance", limit = 20, offset = 0 }: SearchOptions): Record<string, unknown> {
  return { q: q.trim(), from, to, org, category, sort, limit, offset };
}

export function searchFilters({ from, to, org, category }: Pick<SearchOptions, "from" | "to" | "org" | "category">): PaperFilters {
  return { publishedFrom: from, publishedTo: to, organization: org, category };
}

/**
 * All the query's matches when there are fewer than FUZZY_BELOW, else null. `first` is the
 * window read from position 0 when there was one (of `size` positions).
 */
async function fewMatches(finder: Finder, first: string[] | null, size: number): Promise<string[] | null> {
  if (first && (first.length >= FUZZY_BELOW || first.length < size)) return first.length < FUZZY_BELOW ? first : null;
  const start = await finder.window(0, FUZZY_BELOW);
  return start.length < FUZZY_BELOW ? start : null;
}

interface Found {
  id: string;
  match: SearchHit["match"];
  /** The tsquery whose words to mark, if any. */
  query: string | null;
}

async function highlightHits(db: Db, found: (Found & { paper: PaperWithOrg })[]): Promise<SearchHit[]> {
  const marked = new Map<string, Set<string>>();
  for (const { query } of found) if (query && !marked.has(query)) marked.set(query, lexemesOf(parseTsquery(query)));
  const words = new Set<string>();
  for (const { paper, query } of found) {
    if (query) for (const w of [...wordsOf(paper.title), ...wordsOf(paper.abstract)]) words.add(w.toLowerCase());
  }
  const lexemes = await lexemesOfWords(db, [...words]);
  return found.map(({ paper, match, query }) => {
    const wanted = (query && marked.get(query)) || new Set<string>();
    const isMatch = (word: string) => (lexemes.get(word.toLowerCase()) ?? []).some((l) => wanted.has(l));
    return { paper, match, title: highlightText(paper.title, isMatch), abstract: highlightText(paper.abstract, isMatch) };
  });
}

interface Results {
  list: Found[];
  correctedQuery: string | null;
  /** The query's excluded words as tsquery text, which partial matches must not hold either. */
  excluded?: string | null;
  /** What the whole list is made of, to count it: ids known outright, and finders. */
  parts: { known: number; finders: Finder[] };
  /** See SearchPage. */
  bounded?: number | null;
}

async function boundOf(finders: Map<string, Promise<Finder>>): Promise<number | null> {
  const bounds = (await Promise.all(finders.values())).map((f) => f.bounded()).filter((b): b is number => b !== null);
  return bounds.length ? Math.max(...bounds) : null;
}

/** About how many results `results` has in all; exactly up to `cap` when asked. */
async function countResults({ parts }: Results, exact: boolean, cap: number): Promise<MatchCount> {
  const counts = await Promise.all(parts.finders.map((f) => f.count(exact ? { exact, cap } : {})));
  return counts.reduce((sum, c) => ({ count: sum.count + c.count, exact: sum.exact && c.exact }), { count: parts.known, exact: true });
}

/**
 * The result list at [offset, end): the id hit, the matches, corrected matches when few, and
 * partial matches when few papers match in all (then the head of the list is read whole, and the
 * partial matches, best first, follow every exact and corrected one).
 */
async function findResults(db: Db, options: SearchOptions, end: number, internals: SearchInternals): Promise<Results> {
  const { sort = "relevance", offset = 0 } = options;
  const parsed = parseQuery(options.q);
  // The head of the list, read again below, reuses what the first reading prepared (and, for a
  // tier the read budget bounded, what it read).
  const finders = new Map<string, Promise<Finder>>();
  const base = await exactResults(db, parsed, options, offset, end, internals, finders);
  if (sort !== "relevance" || parsed.exact || parsed.words.length === 0) return { ...base, bounded: await boundOf(finders) };
  const head = offset === 0 && end >= PARTIAL_BELOW ? base : await exactResults(db, parsed, options, 0, PARTIAL_BELOW, internals, finders);
  const bounded = await boundOf(finders);
  if (head.list.length >= PARTIAL_BELOW) return { ...base, bounded };

  const stems = await lexemesOfWords(db, parsed.words);
  const forms = new Map<string, string[]>();
  for (const [word, lexemes] of stems) for (const l of lexemes) forms.set(l, [...(forms.get(l) ?? []), word]);
  if (forms.size < PARTIAL_MIN_WORDS) return { ...base, bounded };
  const { terms } = await termStats(db, forms);
  const partial = await findPartialMatches(
    db,
    { terms, excluded: head.excluded, filters: { ...searchFilters(options), excludeIds: head.list.map((f) => f.id) }, limit: PARTIAL_LIMIT },
  );
  // The words a partial match shares are the ones marked.
  const shared = terms.filter((t) => t.df > 0).map((t) => quoteLexeme(t.lexeme)).join(" | ") || null;
  const all: Found[] = [...head.list, ...partial.map((m) => ({ id: m.id, match: "partial" as const, query: shared }))];
  return { list: all.slice(offset, end), correctedQuery: head.correctedQuery, parts: { known: all.length, finders: [] }, bounded };
}

/** The id hit, the matches, and corrected matches when few, at positions [offset, end). */
async function exactResults(
  db: Db,
  parsed: ParsedQuery,
  options: SearchOptions,
  offset: number,
  end: number,
  internals: SearchInternals,
  finders: Map<string, Promise<Finder>> = new Map(),
): Promise<Results> {
  const { sort = "relevance" } = options;
  const find = (query: ParsedQuery | string, filters: PaperFilters) => {
    const key = JSON.stringify([query, filters]);
    let finder = finders.get(key);
    if (!finder) finders.set(key, (finder = prepareFind(db, { query, filters, order: sort }, internals)));
    return finder;
  };
  const filters = searchFilters(options);
  if (parsed.groups.length === 0) {
    // A query with no searchable word finds nothing; no query at all lists the filtered papers.
    if (options.q.trim()) return { list: [], correctedQuery: null, parts: { known: 0, finders: [] } };
    const listing = await prepareFind(db, { query: parsed, filters, order: sort }, internals);
    const list = (await listing.window(offset, end)).map((id): Found => ({ id, match: "text", query: null }));
    return { list, correctedQuery: null, parts: { known: 0, finders: [listing] } };
  }

  // An arXiv id or URL puts that paper first; the text matches follow without it.
  const byId = parsed.arxivId ? await findById(db, { id: parsed.arxivId, filters }) : [];
  const finder = await find(parsed, { ...filters, excludeIds: byId });
  const query = finder.compiled?.positive ?? null;
  const lead: Found[] = byId.map((id) => ({ id, match: "id", query }));
  const textFrom = Math.max(0, offset - lead.length);
  const text = await finder.window(textFrom, end - lead.length);
  const list: Found[] = [...lead.slice(offset), ...text.map((id) => ({ id, match: "text" as const, query }))];
  const excluded = finder.compiled?.excluded ?? null;
  const parts = { known: lead.length, finders: [finder] };
  if (sort !== "relevance" || parsed.exact) return { list, correctedQuery: null, excluded, parts };

  // Few matches (a typo, a half-remembered word): correct the words and add what that finds.
  const few = finder.compiled ? await fewMatches(finder, textFrom === 0 ? text : null, end - lead.length) : [];
  const fixes = few ? await corrections(db, parsed.words) : new Map<string, string>();
  // A description in plain words whose only fault is a word no paper has: its partial matches
  // (which rank papers holding all the other words first) serve better than a search for the
  // rest of its words, all common, which costs the most of any search.
  const onlyDrops = [...fixes.values()].every((word) => word === "");
  const fixed = few && !(onlyDrops && parsed.words.length >= PARTIAL_MIN_WORDS) ? correctQuery(parsed, fixes) : null;
  if (!few || !fixed) return { list, correctedQuery: null, excluded, parts };
  const corrected = await find(fixed, { ...filters, excludeIds: [...byId, ...few] });
  if (!corrected.compiled) return { list, correctedQuery: null, excluded, parts };
  const head: Found[] = [...lead, ...few.map((id) => ({ id, match: "text" as const, query }))];
  const similar = await corrected.window(Math.max(0, offset - head.length), end - head.length);
  const correctedText = corrected.compiled.positive;
  return {
    list: [...head.slice(offset), ...similar.map((id) => ({ id, match: "similar" as const, query: correctedText }))],
    correctedQuery: fixed.trim(),
    excluded,
    parts: { known: lead.length + few.length, finders: [corrected] },
  };
}

/**
 * Searches titles, authors, keywords and abstracts. Never throws on odd input: anything without
 * a searchable word gives an empty page. `offset` counts results, so pages are stable.
 */
export async function searchPapers(options: SearchOptions, internals: SearchInternals = {}): Promise<SearchPage> {
  const db = await getDb();
  // Tests that steer the engine's access paths always search.
  if (Object.keys(internals).length > 0) return searchUncached(db, options, internals);
  return cachedSearch(db, { ...options }, () => searchUncached(db, options, internals), (page) => page.hits.length);
}

/** `searchPapers` without its cache, for a caller that caches what it makes of the page itself. */
export async function searchPapersUncached(options: SearchOptions): Promise<SearchPage> {
  return searchUncached(await getDb(), options, {});
}

async function searchUncached(db: Db, options: SearchOptions, internals: SearchInternals): Promise<SearchPage> {
  const { limit = 20, offset = 0 } = options;
  // One more than asked tells whether there is a next page.
  const results = await findResults(db, options, offset + limit + 1, internals);
  const { list, correctedQuery } = results;
  const pastEnd = list.length === 0 && offset > 0;
  // A page that holds the end of the list knows the total; a page past it counts, to name the last page.
  // A bounded search knows neither how many papers match in all nor where its list ends.
  const total = !options.count || results.bounded
    ? null
    : list.length <= limit && !pastEnd
      ? { count: offset + list.length, exact: true }
      : await countResults(results, pastEnd, Math.min(offset, (lastPageFor(limit) + 1) * limit));
  const lastPage = pastEnd && total ? Math.min(lastPageFor(limit), Math.max(0, Math.ceil(total.count / limit) - 1)) : null;
  const page = list.slice(0, limit);
  const rows = new Map((await getPapersByIds(db, { ids: page.map((f) => f.id) })).map((p) => [p.id, p]));
  const hits = await highlightHits(
    db,
    page.flatMap((f) => {
      const paper = rows.get(f.id);
      return paper ? [{ ...f, paper }] : [];
    }),
  );
  return {
    hits,
    hasMore: list.length > limit,
    correctedQuery: hits.some((h) => h.match === "similar") ? correctedQuery : null,
    total,
    lastPage,
    bounded: results.bounded ?? null,
  };
}

/** Organizations to offer as a search filter. */
export async function searchOrganizations() {
  return listOrganizations(await getDb());
}

/**
 * A search result as the search page shows it: the card (without its abstract, which comes once,
 * highlighted, as `abstract`), and the title with matches marked.
 */
export interface SearchHitView {
  card: PaperCardData;
  title: Segment[];
  abstract: Segment[];
  match: SearchHit["match"];
}

/** One page of results as the search page renders it, on the server and (as JSON) in the browser. */
export interface SearchPageData {
  hits: SearchHitView[];
  hasMore: boolean;
  /** The query with its spelling corrected, which the `similar` hits are results for. */
  correctedQuery: string | null;
  total: MatchCount | null;
  lastPage: number | null;
  /** See SearchPage. */
  bounded: number | null;
}

/** The search page's results: segments and card data, never HTML to be parsed back. */
export async function searchPageData(options: SearchOptions): Promise<SearchPageData> {
  const { hits, ...page } = await searchPapers({ ...options, count: true });
  return { ...page, hits: hits.map(({ paper, title, abstract, match }) => ({ card: { ...cardData(paper), abstract: "" }, title, abstract, match })) };
}

export const SUGGESTIONS = 5;

/** One suggestion of the header box. */
export interface Suggestion {
  id: string;
  path: string;
  title: Segment[];
  /** Who and when, in a few words. */
  meta: string;
}

/** The header box's suggestions: the top results' titles (matches marked), authors and day. */
export async function searchSuggestions(q: string): Promise<Suggestion[]> {
  if (!q.trim()) return [];
  const { hits } = await searchPapers({ q, limit: SUGGESTIONS });
  return hits.map(({ paper, title }) => {
    const card = cardData(paper);
    return { id: card.id, path: card.path, title, meta: [card.organization?.label ?? card.authors, card.published?.label].filter(Boolean).join(" · ") };
  });
}
