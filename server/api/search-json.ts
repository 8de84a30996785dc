import "server-only";
import type { SearchHit } from "@/server/search";
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
