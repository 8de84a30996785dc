/**
 * Search as the page, the APIs and the header box show it: one entry point, `search()`, reads
 * the result list (./results.ts), the papers of the page with the matching words marked, and
 * keeps the answer in the search cache (./cache.ts) in the shape the caller asks for.
 */
import "server-only";
import { getDb, type Db } from "@/db";
import { listOrganizations } from "@/db/queries/organizations";
import { getPapersByIds, type PaperWithOrg } from "@/db/queries/papers";
import { cardData, type PaperCardData } from "@/lib/display";
import type { Segment } from "@/lib/search/highlight";
import { lastPageFor } from "@/lib/search/params";
import { cachedSearch } from "./cache";
import { highlightPapers } from "./highlight";
import type { MatchCount, SearchInternals } from "./plan";
import { countResults, findResults, type MatchKind, type SearchOptions } from "./results";

export type { SearchInternals } from "./plan";
export { searchAsked, searchFilters, type SearchOptions } from "./results";

export interface SearchHit {
  paper: PaperWithOrg;
  title: Segment[];
  /** The whole abstract, matching words marked (`snippetOf` cuts the window to show). */
  abstract: Segment[];
  match: MatchKind;
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

/**
 * What a caller makes of a page of results. Without `cacheAs` the page is cached and `make` runs
 * on it for each request (cheap shapes); with it, what `make` returns is cached under that name,
 * `weight` telling how many hits it holds (a shape worth keeping, such as encoded JSON).
 */
export interface SearchShape<T> {
  make: (page: SearchPage) => T;
  cacheAs?: string;
  weight?: (answer: T) => number;
}

const PAGE: SearchShape<SearchPage> = { make: (page) => page };

/**
 * Searches titles, authors, keywords and abstracts, through the search cache: the one way every
 * surface reaches the engine. Never throws on odd input: anything without a searchable word gives
 * an empty page. `offset` counts results, so pages are stable.
 */
export async function search<T>(options: SearchOptions, shape: SearchShape<T>, internals: SearchInternals = {}): Promise<T> {
  const db = await getDb();
  // Tests that steer the engine's access paths always search.
  if (Object.keys(internals).length > 0) return shape.make(await searchUncached(db, options, internals));
  const { cacheAs, weight } = shape;
  if (cacheAs && weight) {
    return cachedSearch(db, { surface: cacheAs, ...options }, async () => shape.make(await searchUncached(db, options, {})), weight);
  }
  return shape.make(
    await cachedSearch(
      db,
      { ...options },
      () => searchUncached(db, options, {}),
      (page) => page.hits.length,
    ),
  );
}

/** A page of results as the engine found them (papers and marked segments). */
export function searchPapers(options: SearchOptions, internals: SearchInternals = {}): Promise<SearchPage> {
  return search(options, PAGE, internals);
}

async function searchUncached(db: Db, options: SearchOptions, internals: SearchInternals): Promise<SearchPage> {
  const { limit = 20, offset = 0 } = options;
  // One more than asked tells whether there is a next page.
  const results = await findResults(db, options, offset + limit + 1, internals);
  const { list, correctedQuery } = results;
  const pastEnd = list.length === 0 && offset > 0;
  // A page that holds the end of the list knows the total; a page past it counts, to name the last page.
  // A bounded search knows neither how many papers match in all nor where its list ends.
  const total =
    !options.count || results.bounded
      ? null
      : list.length <= limit && !pastEnd
        ? { count: offset + list.length, exact: true }
        : await countResults(results, pastEnd, Math.min(offset, (lastPageFor(limit) + 1) * limit));
  const lastPage = pastEnd && total ? Math.min(lastPageFor(limit), Math.max(0, Math.ceil(total.count / limit) - 1)) : null;
  const page = list.slice(0, limit);
  const rows = new Map((await getPapersByIds(db, { ids: page.map((f) => f.id) })).map((p) => [p.id, p]));
  const marked = await highlightPapers(
    db,
    page.flatMap((f) => {
      const paper = rows.get(f.id);
      return paper ? [{ ...f, paper }] : [];
    }),
  );
  const hits: SearchHit[] = marked.map(({ paper, match, title, abstract }) => ({ paper, match, title, abstract }));
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
  match: MatchKind;
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

const PAGE_DATA: SearchShape<SearchPageData> = {
  make: ({ hits, ...page }) => ({
    ...page,
    hits: hits.map(({ paper, title, abstract, match }) => ({ card: { ...cardData(paper), abstract: "" }, title, abstract, match })),
  }),
};

/** The search page's results: segments and card data, never HTML to be parsed back. */
export function searchPageData(options: SearchOptions): Promise<SearchPageData> {
  return search({ ...options, count: true }, PAGE_DATA);
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

const SUGGESTION_LIST: SearchShape<Suggestion[]> = {
  make: ({ hits }) =>
    hits.map(({ paper, title }) => {
      const card = cardData(paper);
      return {
        id: card.id,
        path: card.path,
        title,
        meta: [card.organization?.label ?? card.authors, card.published?.label].filter(Boolean).join(" · "),
      };
    }),
};

/** The header box's suggestions: the top results' titles (matches marked), authors and day. */
export async function searchSuggestions(q: string): Promise<Suggestion[]> {
  if (!q.trim()) return [];
  return search({ q, limit: SUGGESTIONS }, SUGGESTION_LIST);
}
