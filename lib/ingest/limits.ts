/** Titles longer than this are cut on ingestion; the papers table checks it (papers_title_length). */
export const MAX_TITLE_LENGTH = 500;

/**
 * Bounds on what one item may bring. Real values are far inside them (abstracts under 2,000
 * characters, organization names under 50); past them a value is cut where that loses nothing
 * anyone reads, and dropped where a cut one would be wrong (a name that is a key, a URL).
 */
export const LIMITS = {
  abstract: 20_000,
  aiSummary: 4_000,
  personName: 100,
  personFullname: 200,
  authorName: 300,
  authors: 5_000,
  keyword: 100,
  keywords: 50,
  url: 2_048,
} as const;
