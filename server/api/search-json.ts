import "server-only";
import type { SearchHit, SearchShape } from "@/server/search";
import { segmentsToHtml, snippetOf } from "@/lib/search/highlight";
import { toDailyPaperItem } from "./paper-json";

/** The highlighted HTML escapes all text; its only tags are `<mark>` around matching words. */
export function toSearchItem(hit: SearchHit) {
  return {
    ...toDailyPaperItem(hit.paper),
    highlightedTitle: segmentsToHtml(hit.title),
    highlightedSummary: segmentsToHtml(snippetOf(hit.abstract)),
    match: hit.match,
  };
}

export type SearchItem = ReturnType<typeof toSearchItem>;

export interface SearchAnswer {
  body: Uint8Array<ArrayBuffer>;
  hits: number;
  hasMore: boolean;
  /** The correction offered: its results follow (`"match": "similar"`) when the query as typed matches nothing, else it is suggested. */
  correctedQuery: string | null;
  bounded: number | null;
}

/** Cached as bytes, so a repeated search costs neither highlighting nor JSON. */
export const SEARCH_ANSWER: SearchShape<SearchAnswer> = {
  cacheAs: "api",
  make: (page) => ({
    body: new TextEncoder().encode(JSON.stringify(page.hits.map(toSearchItem))),
    hits: page.hits.length,
    hasMore: page.hasMore,
    correctedQuery: page.correctedQuery ?? page.suggestedQuery,
    bounded: page.bounded,
  }),
  weight: (answer) => answer.hits,
};
