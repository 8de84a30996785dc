// No imports: pages in the browser use these too.

const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;

export function isArxivId(id: string): boolean {
  return ARXIV_ID.test(id);
}

export const PAPER_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7}|local-[0-9a-f]{12})$/;

/** One path segment, so no old-style ids; next.config.ts tells paper pages from `/papers/trending` with it. */
export const PAPER_PAGE_ID_PATTERN = "\\d{4}\\.\\d{4,5}|local-[0-9a-f]{12}";

export function isSamplePaperId(id: string): boolean {
  return id.startsWith("local-");
}
