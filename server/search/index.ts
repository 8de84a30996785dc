/** `search()`: the one entry point of the page, the APIs and the header box; results (./results.ts) cached by ./cache.ts. */
import "server-only";
import { getDb, type Db } from "@/db";
import { listPrimaryCategories } from "@/db/queries/categories";
import { listOrganizations } from "@/db/queries/organizations";
import { getPapersByIds, type PaperWithOrg } from "@/db/queries/papers";
import { cardData, type PaperCardData } from "@/lib/display";
import type { Segment } from "@/lib/search/highlight";
import { lastPageFor } from "@/lib/search/params";
import { cachedSearch } from "./cache";
import { explainEmpty, type EmptyHelp } from "./explain";
import { highlightPapers } from "./highlight";
import type { MatchCount, SearchInternals } from "./plan";
import { countResults, findResults, type MatchKind, type SearchOptions } from "./results";

export type { SearchInternals } from "./plan";
export type { EmptyHelp, FilterParam } from "./explain";
export { searchAsked, searchFilters, type SearchOptions } from "./results";

export interface SearchHit {
  paper: PaperWithOrg;
  title: Segment[];
  abstract: Segment[];
  match: MatchKind;
}

export interface SearchPage {
  hits: SearchHit[];
  hasMore: boolean;
  correctedQuery: string | null;
  suggestedQuery: string | null;
  /** Why nothing matched (only with `explain`, on a first page without results). */
  help: EmptyHelp | null;
  total: MatchCount | null;
  lastPage: number | null;
  bounded: number | null;
  /** With partial matches ranked among them: how many papers hold every word (null otherwise). */
  whole: number | null;
}

// Without `cacheAs` the page is cached and `make` runs per request (cheap shapes); with it, what `make` returns is cached
// under that name, `weight` hits heavy (a shape worth keeping, such as encoded JSON).
export interface SearchShape<T> {
  make: (page: SearchPage) => T;
  cacheAs?: string;
  weight?: (answer: T) => number;
}

const PAGE: SearchShape<SearchPage> = { make: (page) => page };

/** Never throws on odd input (no searchable word gives an empty page); `offset` counts results, so pages are stable. */
export async function search<T>(options: SearchOptions, shape: SearchShape<T>, internals: SearchInternals = {}): Promise<T> {
  const db = await getDb();
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

export function searchPapers(options: SearchOptions, internals: SearchInternals = {}): Promise<SearchPage> {
  return search(options, PAGE, internals);
}

async function searchUncached(db: Db, options: SearchOptions, internals: SearchInternals): Promise<SearchPage> {
  const { limit = 20, offset = 0 } = options;
  const results = await findResults(db, options, offset + limit + 1, internals);
  const { list, correctedQuery, suggestedQuery } = results;
  const pastEnd = list.length === 0 && offset > 0;
  // A page that holds the end of the list knows the total; a page past it counts, to name the last page.
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
    correctedQuery,
    suggestedQuery,
    help: options.explain && offset === 0 && hits.length === 0 ? await explainEmpty(db, options, internals) : null,
    total,
    lastPage,
    bounded: results.bounded ?? null,
    whole: results.whole ?? null,
  };
}

/** The values the page's filters offer: only those papers have, each once. */
export async function searchFilterValues(): Promise<{ organizations: { name: string; fullname: string | null }[]; categories: string[] }> {
  const db = await getDb();
  const [organizations, categories] = await Promise.all([listOrganizations(db), listPrimaryCategories(db)]);
  return { organizations, categories };
}

/** The card without its abstract, which comes once, highlighted, as `abstract`. */
export interface SearchHitView {
  card: PaperCardData;
  title: Segment[];
  abstract: Segment[];
  match: MatchKind;
}

export interface SearchPageData {
  hits: SearchHitView[];
  hasMore: boolean;
  correctedQuery: string | null;
  suggestedQuery: string | null;
  help: EmptyHelp | null;
  total: MatchCount | null;
  lastPage: number | null;
  bounded: number | null;
  whole: number | null;
}

const PAGE_DATA: SearchShape<SearchPageData> = {
  make: ({ hits, ...page }) => ({
    ...page,
    hits: hits.map(({ paper, title, abstract, match }) => ({ card: { ...cardData(paper), abstract: "" }, title, abstract, match })),
  }),
};

export function searchPageData(options: SearchOptions): Promise<SearchPageData> {
  return search({ ...options, count: true, explain: true }, PAGE_DATA);
}

export const SUGGESTIONS = 5;

export interface Suggestion {
  id: string;
  path: string;
  title: Segment[];
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

export async function searchSuggestions(q: string): Promise<Suggestion[]> {
  if (!q.trim()) return [];
  return search({ q, limit: SUGGESTIONS }, SUGGESTION_LIST);
}
