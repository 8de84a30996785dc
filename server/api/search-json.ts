import "server-only";
import type { SearchHit, SearchShape } from "@/server/search";
import { segmentsToHtml, snippetOf } from "@/lib/search/highlight";
import { toDailyPaperItem } from "./paper-json";

/**
 * An item of `GET /api/papers/search`: a Daily Papers item plus the title and an abstract snippet
 * as HTML in which all text is escaped and the only tags are `<mark>` around matching words.
 */
export function toSearchItem(hit: SearchHit) {
  return {
    ...toDailyPaperItem(hit.paper),
    highlightedTitle: segmentsToHtml(hit.title),
    highlightedSummary: segmentsToHtml(snippetOf(hit.abstract)),
    match: hit.match,
  };
}

export type SearchItem = ReturnType<typeof toSearchItem>;

/** A page of `GET /api/papers/search`: its body as JSON bytes, and what its headers say. */
export interface SearchAnswer {
  body: Uint8Array<ArrayBuffer>;
  hits: number;
  hasMore: boolean;
  correctedQuery: string | null;
  bounded: number | null;
}

/**
 * The API's answer, cached as bytes in the search cache: a repeated search costs neither the
 * highlighting of its snippets nor the JSON.
 */
export const SEARCH_ANSWER: SearchShape<SearchAnswer> = {
  cacheAs: "api",
  make: (page) => ({
    body: new TextEncoder().encode(JSON.stringify(page.hits.map(toSearchItem))),
    hits: page.hits.length,
    hasMore: page.hasMore,
    correctedQuery: page.correctedQuery,
    bounded: page.bounded,
  }),
  weight: (answer) => answer.hits,
};
