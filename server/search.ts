/**
 * Search as the page and the API show it: an arXiv id first, the engine's matches
 * (db/queries/search/engine.ts), corrected spellings when few papers match, and the papers with
 * the matching words marked.
 */
import "server-only";
import { getDb, type Db } from "@/db";
import { listOrganizations } from "@/db/queries/organizations";
import { getPapersByIds, type PaperWithOrg } from "@/db/queries/papers";
import { findById, prepareFind, type Finder, type SearchInternals } from "@/db/queries/search/engine";
import { lexemesOfWords } from "@/db/queries/search/stems";
import { corrections } from "@/db/queries/search/words";
import { cardData, type PaperCardData } from "@/lib/display";
import type { PaperFilters } from "@/lib/search/filters";
import { highlightText, snippet, wordsOf, type Segment } from "@/lib/search/highlight";
import type { SearchSort } from "@/lib/search/query-string";
import { correctQuery, parseQuery } from "@/lib/search/syntax";
import { lexemesOf, parseTsquery } from "@/lib/search/tsquery";

export type { SearchInternals } from "@/db/queries/search/engine";

/** Below this many full-text matches, misspelled words are corrected and those matches added. */
const FUZZY_BELOW = 5;

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
}

export interface SearchHit {
  paper: PaperWithOrg;
  title: Segment[];
  snippet: Segment[];
  /** How the paper was found: its arXiv id, the query, or the query with typos corrected. */
  match: "id" | "text" | "similar";
}

export interface SearchPage {
  hits: SearchHit[];
  hasMore: boolean;
  /** The query as corrected, when results for it follow the (few) exact matches. */
  correctedQuery: string | null;
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
    return { paper, match, title: highlightText(paper.title, isMatch), snippet: snippet(paper.abstract, isMatch) };
  });
}

/** The result list at [offset, end): the id hit, the matches, and corrected matches when few. */
async function findResults(db: Db, options: SearchOptions, end: number, internals: SearchInternals): Promise<{ list: Found[]; correctedQuery: string | null }> {
  const { sort = "relevance", offset = 0 } = options;
  const parsed = parseQuery(options.q);
  const filters = searchFilters(options);
  if (parsed.groups.length === 0) {
    // A query with no searchable word finds nothing; no query at all lists the filtered papers.
    if (options.q.trim()) return { list: [], correctedQuery: null };
    const listing = await prepareFind(db, { query: parsed, filters, order: sort }, internals);
    return { list: (await listing.window(offset, end)).map((id) => ({ id, match: "text", query: null })), correctedQuery: null };
  }

  // An arXiv id or URL puts that paper first; the text matches follow without it.
  const byId = parsed.arxivId ? await findById(db, { id: parsed.arxivId, filters }) : [];
  const finder = await prepareFind(db, { query: parsed, filters: { ...filters, excludeIds: byId }, order: sort }, internals);
  const query = finder.compiled?.positive ?? null;
  const lead: Found[] = byId.map((id) => ({ id, match: "id", query }));
  const textFrom = Math.max(0, offset - lead.length);
  const text = await finder.window(textFrom, end - lead.length);
  const list: Found[] = [...lead.slice(offset), ...text.map((id) => ({ id, match: "text" as const, query }))];
  if (sort !== "relevance" || parsed.exact) return { list, correctedQuery: null };

  // Few matches (a typo, a half-remembered word): correct the words and add what that finds.
  const few = finder.compiled ? await fewMatches(finder, textFrom === 0 ? text : null, end - lead.length) : [];
  const fixed = few ? correctQuery(parsed, await corrections(db, parsed.words)) : null;
  if (!few || !fixed) return { list, correctedQuery: null };
  const corrected = await prepareFind(db, { query: fixed, filters: { ...filters, excludeIds: [...byId, ...few] }, order: sort }, internals);
  if (!corrected.compiled) return { list, correctedQuery: null };
  const head: Found[] = [...lead, ...few.map((id) => ({ id, match: "text" as const, query }))];
  const similar = await corrected.window(Math.max(0, offset - head.length), end - head.length);
  const correctedText = corrected.compiled.positive;
  return {
    list: [...head.slice(offset), ...similar.map((id) => ({ id, match: "similar" as const, query: correctedText }))],
    correctedQuery: fixed.trim(),
  };
}

/**
 * Searches titles, authors, keywords and abstracts. Never throws on odd input: anything without
 * a searchable word gives an empty page. `offset` counts results, so pages are stable.
 */
export async function searchPapers(options: SearchOptions, internals: SearchInternals = {}): Promise<SearchPage> {
  const { limit = 20, offset = 0 } = options;
  const db = await getDb();
  // One more than asked tells whether there is a next page.
  const { list, correctedQuery } = await findResults(db, options, offset + limit + 1, internals);
  const page = list.slice(0, limit);
  const rows = new Map((await getPapersByIds(db, { ids: page.map((f) => f.id) })).map((p) => [p.id, p]));
  const hits = await highlightHits(
    db,
    page.flatMap((f) => {
      const paper = rows.get(f.id);
      return paper ? [{ ...f, paper }] : [];
    }),
  );
  return { hits, hasMore: list.length > limit, correctedQuery: hits.some((h) => h.match === "similar") ? correctedQuery : null };
}

/** Organizations to offer as a search filter. */
export async function searchOrganizations() {
  return listOrganizations(await getDb());
}

/** A search result as the search page shows it: the card, and the title and snippet with matches marked. */
export interface SearchHitView {
  card: PaperCardData;
  title: Segment[];
  snippet: Segment[];
  match: SearchHit["match"];
}

/** One page of results as the search page renders it, on the server and (as JSON) in the browser. */
export interface SearchPageData {
  hits: SearchHitView[];
  hasMore: boolean;
  /** The query with its spelling corrected, which the `similar` hits are results for. */
  correctedQuery: string | null;
}

/** The search page's results: segments and card data, never HTML to be parsed back. */
export async function searchPageData(options: SearchOptions): Promise<SearchPageData> {
  const { hits, hasMore, correctedQuery } = await searchPapers(options);
  return {
    hits: hits.map(({ paper, title, snippet, match }) => ({ card: cardData(paper), title, snippet, match })),
    hasMore,
    correctedQuery,
  };
}
