import { sql, type SQL } from "drizzle-orm";

// Declared once: the walk's columns, the cost model and the API's parameters come from here; tests hold it against papers_walk_idx.
export interface PaperFilters {
  publishedFrom?: string;
  publishedTo?: string;
  listedFrom?: string;
  listedTo?: string;
  organization?: string;
  category?: string;
  author?: string;
  excludeIds?: string[];
}

type FilterName = keyof PaperFilters;

interface FilterSpec<V> {
  column: string;
  walked: boolean;
  sql: (value: V) => SQL;
}

const idList = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );

/**
 * The name a reader sees for an organization, folded: two accounts shown under one name (`StanfordUniversity` and
 * `Stanford-University`, both "Stanford University") are one organization to a reader, so to the list and the filter.
 */
export const organizationLabel = (table: string) =>
  sql.raw(`lower(regexp_replace(btrim(coalesce(${table}.fullname, ${table}.name)), '\\s+', ' ', 'g'))`);

export const FILTERS: { [K in FilterName]-?: FilterSpec<NonNullable<PaperFilters[K]>> } = {
  publishedFrom: { column: "published_at", walked: true, sql: (day) => sql`published_at >= ${day}::date` },
  publishedTo: { column: "published_at", walked: true, sql: (day) => sql`published_at <= ${day}::date` },
  listedFrom: { column: "listed_on", walked: true, sql: (day) => sql`listed_on >= ${day}::date` },
  listedTo: { column: "listed_on", walked: true, sql: (day) => sql`listed_on <= ${day}::date` },
  organization: {
    column: "organization_name",
    walked: true,
    sql: (name) =>
      sql`organization_name = any(array(select same.name from organizations same where ${organizationLabel("same")} = (select ${organizationLabel("named")} from organizations named where named.name = ${name})))`,
  },
  category: { column: "categories", walked: true, sql: (category) => sql`categories @> array[${category}]::text[]` },
  // Author lists can be thousands long: too big for an index row, so served by their GIN index.
  author: { column: "authors", walked: false, sql: (name) => sql`authors @> array[${name}]::text[]` },
  excludeIds: { column: "id", walked: true, sql: (ids) => sql`id not in (${idList(ids)})` },
};

export function activeFilters(filters: PaperFilters): FilterName[] {
  return (Object.keys(FILTERS) as FilterName[]).filter((name) => {
    const value = filters[name];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== "";
  });
}

export function filterSql(filters: PaperFilters): SQL {
  const parts = activeFilters(filters).map((name) => (FILTERS[name].sql as (value: unknown) => SQL)(filters[name]));
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

export function isFiltered(filters: PaperFilters): boolean {
  return activeFilters(filters).some((name) => name !== "excludeIds");
}

export function walkCarries(filters: PaperFilters): boolean {
  return activeFilters(filters).every((name) => FILTERS[name].walked);
}

/** Ids left out do not change the share of papers let through. */
export function filterKey(filters: PaperFilters): string {
  return JSON.stringify(
    activeFilters(filters)
      .filter((name) => name !== "excludeIds")
      .map((name) => [name, filters[name]]),
  );
}

const RANKED_COLUMNS = ["id", "upvotes", "published_at", "title_vector", "search_hashes"];
export const WALK_INDEX_COLUMNS = [...new Set([...RANKED_COLUMNS, ...Object.values(FILTERS).flatMap((f) => (f.walked ? [f.column] : []))])];
