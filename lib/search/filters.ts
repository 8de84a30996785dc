import { sql, type SQL } from "drizzle-orm";

/**
 * The filters a paper query can take, declared once: each one's column, its SQL, and whether
 * papers_walk_idx carries that column (migration 0005), so that a walk in upvote order can test
 * it without leaving the index. The walk's column list, the cost model's filter share and the
 * search API's parameters all come from here; tests/unit/search-filters.test.ts and
 * tests/integration/search-engine.test.ts hold this table against the index itself.
 */
export interface PaperFilters {
  /** Published on or after this day (`YYYY-MM-DD`). */
  publishedFrom?: string;
  /** Published on or before this day. */
  publishedTo?: string;
  /** Listed on Daily Papers on or after this day. */
  listedFrom?: string;
  /** Listed on or before this day. */
  listedTo?: string;
  /** The submitting organization's name (its key, as in `/papers/org/{name}`). */
  organization?: string;
  /** An arXiv category the paper is in (primary or cross-listed). */
  category?: string;
  /** An author, by exact name. */
  author?: string;
  /** Papers to leave out (those already shown). */
  excludeIds?: string[];
}

type FilterName = keyof PaperFilters;

interface FilterSpec<V> {
  column: string;
  /** papers_walk_idx INCLUDEs the column: a walk in upvote order tests it in the index. */
  walked: boolean;
  sql: (value: V) => SQL;
}

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

export const FILTERS: { [K in FilterName]-?: FilterSpec<NonNullable<PaperFilters[K]>> } = {
  publishedFrom: { column: "published_at", walked: true, sql: (day) => sql`published_at >= ${day}::date` },
  publishedTo: { column: "published_at", walked: true, sql: (day) => sql`published_at <= ${day}::date` },
  listedFrom: { column: "listed_on", walked: true, sql: (day) => sql`listed_on >= ${day}::date` },
  listedTo: { column: "listed_on", walked: true, sql: (day) => sql`listed_on <= ${day}::date` },
  organization: { column: "organization_name", walked: true, sql: (name) => sql`organization_name = ${name}` },
  category: { column: "categories", walked: true, sql: (category) => sql`categories @> array[${category}]::text[]` },
  // Author lists can be thousands long: too big for an index row, so served by their GIN index.
  author: { column: "authors", walked: false, sql: (name) => sql`authors @> array[${name}]::text[]` },
  excludeIds: { column: "id", walked: true, sql: (ids) => sql`id not in (${idList(ids)})` },
};

/** The filters that are set, in the table's order. */
export function activeFilters(filters: PaperFilters): FilterName[] {
  return (Object.keys(FILTERS) as FilterName[]).filter((name) => {
    const value = filters[name];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== "";
  });
}

/** The filters as one SQL condition (`true` when none is set). */
export function filterSql(filters: PaperFilters): SQL {
  const parts = activeFilters(filters).map((name) => (FILTERS[name].sql as (value: unknown) => SQL)(filters[name]));
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** Whether any filter besides left-out ids is set: the result is a part of the corpus. */
export function isFiltered(filters: PaperFilters): boolean {
  return activeFilters(filters).some((name) => name !== "excludeIds");
}

/** Whether a walk of papers_walk_idx can test every filter that is set without visiting rows. */
export function walkCarries(filters: PaperFilters): boolean {
  return activeFilters(filters).every((name) => FILTERS[name].walked);
}

/** A stable key for the set filters (ids left out do not change the share of papers let through). */
export function filterKey(filters: PaperFilters): string {
  return JSON.stringify(
    activeFilters(filters)
      .filter((name) => name !== "excludeIds")
      .map((name) => [name, filters[name]]),
  );
}

/** The columns a walk reads from papers_walk_idx: what ranking and tests read, and every walked filter's column. */
const RANKED_COLUMNS = ["id", "upvotes", "published_at", "title_vector", "search_hashes"];
export const WALK_INDEX_COLUMNS = [...new Set([...RANKED_COLUMNS, ...Object.values(FILTERS).flatMap((f) => (f.walked ? [f.column] : []))])];
