/** The papers table checks it (papers_title_length). */
export const MAX_TITLE_LENGTH = 500;

/** Real values are far inside; past them a value is cut, or dropped where a cut one would be wrong (a key, a URL). */
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
