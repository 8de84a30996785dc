// No zod here: the search page's client uses this, and params.ts validates on the server.

export const searchSorts = ["relevance", "newest", "upvotes"] as const;
export type SearchSort = (typeof searchSorts)[number];

export interface SearchQuery {
  q: string;
  from?: string;
  to?: string;
  org?: string;
  category?: string;
  sort: SearchSort;
  p: number;
  limit: number;
  /** The query as typed, without spelling correction. */
  exact?: boolean;
}

export function searchQueryString(params: Partial<SearchQuery>): string {
  const out = new URLSearchParams();
  if (params.q?.trim()) out.set("q", params.q);
  if (params.from) out.set("from", params.from);
  if (params.to) out.set("to", params.to);
  if (params.org) out.set("org", params.org);
  if (params.category) out.set("category", params.category);
  if (params.sort && params.sort !== "relevance") out.set("sort", params.sort);
  if (params.exact) out.set("exact", "1");
  if (params.p) out.set("p", String(params.p));
  if (params.limit && params.limit !== 20) out.set("limit", String(params.limit));
  return out.toString();
}
