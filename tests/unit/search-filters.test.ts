import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { activeFilters, FILTERS, filterKey, filterSql, isFiltered, WALK_INDEX_COLUMNS, walkCarries } from "@/lib/search/filters";

const dialect = new PgDialect();
const render = (filters: Parameters<typeof filterSql>[0]) => {
  const { sql, params } = dialect.sqlToQuery(filterSql(filters));
  return { sql, params };
};

const label = (table: string) => `lower(regexp_replace(btrim(coalesce(${table}.fullname, ${table}.name)), '\\s+', ' ', 'g'))`;

describe("the filter table", () => {
  it("turns set filters into one parameterized condition, in the table's order", () => {
    expect(render({})).toEqual({ sql: "true", params: [] });
    expect(render({ organization: "acme", listedFrom: "2026-01-01", excludeIds: ["2601.00001", "2601.00002"] })).toEqual({
      sql:
        "listed_on >= $1::date and organization_name = any(array(select same.name from organizations same where " +
        `${label("same")} = (select ${label("named")} from organizations named where named.name = $2))) and id not in ($3, $4)`,
      params: ["2026-01-01", "acme", "2601.00001", "2601.00002"],
    });
    expect(render({ author: "Ada Lovelace", category: "cs.CL" }).sql).toBe(
      "categories @> array[$1]::text[] and authors @> array[$2]::text[]",
    );
  });

  it("ignores unset, empty and empty-list filters", () => {
    expect(activeFilters({ organization: "", excludeIds: [], category: undefined })).toEqual([]);
    expect(isFiltered({ excludeIds: ["2601.00001"] })).toBe(false);
    expect(isFiltered({ publishedTo: "2026-01-01" })).toBe(true);
  });

  it("knows which filters a walk of papers_walk_idx can test there", () => {
    expect(walkCarries({ listedFrom: "2026-01-01", category: "cs.CV", excludeIds: ["x"] })).toBe(true);
    expect(walkCarries({ author: "Ada Lovelace" })).toBe(false);
    expect(WALK_INDEX_COLUMNS).toEqual([
      "id",
      "upvotes",
      "published_at",
      "title_vector",
      "search_hashes",
      "listed_on",
      "organization_name",
      "categories",
    ]);
    expect(
      Object.entries(FILTERS)
        .filter(([, f]) => !f.walked)
        .map(([name]) => name),
    ).toEqual(["author"]);
  });

  it("keys the share of papers let through by the filters, not by the ids left out", () => {
    expect(filterKey({ organization: "acme", excludeIds: ["a"] })).toBe(filterKey({ organization: "acme" }));
    expect(filterKey({ organization: "acme" })).not.toBe(filterKey({ organization: "other" }));
  });
});
