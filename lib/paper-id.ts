// No imports: pages in the browser use these too.

/** New-style (`2501.01234`) and old-style (`cs/0112017`) arXiv ids, without version. */
const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;

export function isArxivId(id: string): boolean {
  return ARXIV_ID.test(id);
}

/** What a paper id in a URL may look like: arXiv ids and local ids, nothing else. */
export const PAPER_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7}|local-[0-9a-f]{12})$/;

/**
 * The ids of paper pages (`/papers/{id}`: one path segment, so not old-style arXiv ids) as a
 * route pattern for next.config.ts, where it tells a paper page from `/papers/trending` and the like.
 */
export const PAPER_PAGE_ID_PATTERN = "\\d{4}\\.\\d{4,5}|local-[0-9a-f]{12}";

/** The bundled sample papers have local ids (`local-…`): they came with no arXiv id. */
export function isSamplePaperId(id: string): boolean {
  return id.startsWith("local-");
}
