import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORGANIZATIONS, syntheticPaper } from "@/bench/corpus";
import { closeDb, getDb, rowsOf } from "@/db";
import { compile } from "@/db/queries/search/compile";
import { refreshSearchStatistics } from "@/db/queries/search/stats";
import { NextRequest } from "next/server";
import { GET as apiSearch } from "@/app/api/papers/search/route";
import { CANDIDATES, findPaperIds, READ_BUDGET, type FindOrder } from "@/server/search/plan";
import { FILTERS, WALK_INDEX_COLUMNS } from "@/lib/search/filters";
import { searchPapers, type SearchInternals, type SearchOptions } from "@/server/search";
import { papers } from "@/db/schema";
import { parseQuery } from "@/lib/search/syntax";
import { phrasePairs } from "@/lib/search/tsquery";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

const CORPUS = 400;
/** The organization with the most papers in this corpus. */
let busiestOrg = "";

beforeAll(async () => {
  await resetDatabase();
  const rows = Array.from({ length: CORPUS }, (_, i) => {
    const p = syntheticPaper(7, i);
    return makePaper({
      ...p,
      authorCount: p.authors.length,
      listedOn: p.publishedAt,
      primaryCategory: p.categories[0] ?? null,
    });
  });
  await insertPapers(
    rows,
    ORGANIZATIONS.map((name) => ({ name, fullname: name.toUpperCase() })),
  );
  const counts = new Map<string, number>();
  for (const r of rows) if (r.organizationName) counts.set(r.organizationName, (counts.get(r.organizationName) ?? 0) + 1);
  busiestOrg = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? "";
});

afterAll(async () => {
  await closeDb();
});

/** The reference's options: the search API's, plus a listing-day window and the listed order. */
type ReferenceOptions = Omit<SearchOptions, "sort"> & { sort?: FindOrder; listedFrom?: string; listedTo?: string; within?: number };

function filters({ from, to, org, category, listedFrom, listedTo }: ReferenceOptions): SQL {
  const parts: SQL[] = [sql`true`];
  if (from) parts.push(sql`published_at >= ${from}::date`);
  if (to) parts.push(sql`published_at <= ${to}::date`);
  if (listedFrom) parts.push(sql`listed_on >= ${listedFrom}::date`);
  if (listedTo) parts.push(sql`listed_on <= ${listedTo}::date`);
  if (org) parts.push(sql`organization_name = ${org}`);
  if (category) parts.push(sql`${category} = any(categories)`);
  return sql.join(parts, sql` and `);
}

/**
 * The documented order, computed the slow and obvious way over every match: titles holding the
 * query as a phrase, other title matches, then the rest; in each tier the CANDIDATES most upvoted
 * (among other title matches, those with more of the query's word pairs in order first) by score,
 * then the tier's others by upvotes; `newest` and `upvotes` sorts are plain orders.
 */
async function reference(options: ReferenceOptions): Promise<string[]> {
  const db = await getDb();
  const c = await compile(db, parseQuery(options.q));
  if (!c) return [];
  const excluded = c.excluded ? sql`not (search_vector @@ ${c.excluded}::tsquery)` : sql`true`;
  const order = {
    newest: sql`published_at desc nulls last, id`,
    upvotes: sql`upvotes desc nulls last, id`,
    relevance: sql`upvotes desc nulls last, id`,
    listed: sql`listed_on desc nulls last, upvotes desc, published_at desc nulls last, id`,
  }[options.sort ?? "relevance"];
  // Bounded by the read budget: the matches among the first `within` papers (the filters') in the order.
  const within = options.within
    ? sql`id in (select id from papers where ${filters(options)} order by ${order} limit ${options.within})`
    : sql`true`;
  const where = sql`search_vector @@ ${c.positive}::tsquery and ${excluded} and ${filters(options)} and ${within}`;
  if (options.sort && options.sort !== "relevance") {
    return rowsOf<{ id: string }>(await db.execute(sql`select id from papers where ${where} order by ${order}`)).map((r) => r.id);
  }
  const phrase = c.titlePhrase ? sql`title_vector @@ ${c.titlePhrase}::tsquery` : sql`false`;
  const pairs = phrasePairs(c.titlePhrase ?? "").map((p) => sql`(title_vector @@ ${p}::tsquery)::int`);
  const tier = sql`case when ${phrase} then 0 when title_vector @@ ${c.positive}::tsquery then 1 else 2 end`;
  const candidate = sql`by_upvotes <= ${sql.raw(String(CANDIDATES))}`;
  const rows = rowsOf<{ id: string }>(
    await db.execute(sql`
      select id from (
        select id, upvotes, ${tier} as tier, ${pairs.length ? sql.join(pairs, sql` + `) : sql`0`} as pairs,
               ts_rank(search_vector, ${c.positive}::tsquery)
                 * (1 + 0.1 * ln(1 + greatest(upvotes, 0)))
                 * (1 + 0.2 * coalesce(exp(-greatest(current_date - published_at, 0) / 365.0), 0)) as score,
               row_number() over (partition by ${tier} order by upvotes desc nulls last, id) as by_upvotes
        from papers where ${where}
      ) m
      order by tier, ${candidate} desc,
               case when ${candidate} and tier = 1 then pairs end desc,
               case when ${candidate} then score end desc,
               case when not ${candidate} then upvotes end desc,
               id`),
  );
  return rows.map((r) => r.id);
}

const QUERIES: SearchOptions[] = [
  { q: "compression" },
  { q: "model efficient" },
  { q: '"kv cache"' },
  { q: "kv cache compr" },
  { q: "image -compression" },
  { q: "pruning OR quantization" },
  { q: "learned image compression" },
  { q: "compression", category: "cs.CV" },
  { q: "model", from: "2022-01-01", to: "2024-12-31" },
  {
    q: "cache",
    get org() {
      return busiestOrg;
    },
  },
  { q: "attention", sort: "newest" },
  { q: "token", sort: "upvotes", category: "cs.CL" },
];
const WINDOWS = [
  { limit: 20, offset: 0 },
  { limit: 20, offset: 90 },
  { limit: 30, offset: 100 },
  { limit: 120, offset: 0 },
  { limit: 7, offset: 150 },
];
const WAYS: [string, SearchInternals][] = [
  ["as planned", {}],
  ["index", { access: "gin" }],
  ["walk", { access: "walk" }],
  ["short walks that go on", { access: "walk", walkLimit: 7 }],
];

describe("search engine: every way of reading gives the documented order", () => {
  it("has queries that reach past the ranked candidates into the upvote-ordered tail", async () => {
    expect((await reference({ q: "compression" })).length).toBeGreaterThan(CANDIDATES + 50);
    expect((await reference({ q: "cache", org: busiestOrg })).length).toBeGreaterThan(0);
  });

  // Every query through every window of one way: ~20 s on PGlite with two busy cores.
  it.each(WAYS)(
    "%s",
    async (_, internals) => {
      for (const options of QUERIES) {
        const expected = await reference(options);
        for (const { limit, offset } of WINDOWS) {
          const page = await searchPapers({ ...options, limit, offset }, internals);
          const label = `${JSON.stringify(options)} ${limit}@${offset}`;
          expect(
            page.hits.map((h) => h.paper.id),
            label,
          ).toEqual(expected.slice(offset, offset + limit));
          expect(page.hasMore, label).toBe(expected.length > offset + limit);
        }
      }
    },
    120_000,
  );
});

describe("the read budget", () => {
  // The cost model reads PostgreSQL's statistics: without them every tier reads its index.
  beforeAll(async () => refreshSearchStatistics(await getDb()));

  it("is not reached by any search of a small corpus", async () => {
    for (const options of QUERIES)
      expect((await searchPapers({ ...options, limit: 120 }, { readBudget: READ_BUDGET })).bounded, options.q).toBeNull();
  });

  it("past it, each tier is the documented order over the first papers of its order alone, and says how many", async () => {
    const internals: SearchInternals = { readBudget: { cost: 0, rows: 150 } };
    let narrowed = 0;
    for (const options of QUERIES) {
      const expected = await reference({ ...options, within: 150 });
      if (expected.length < (await reference(options)).length) narrowed += 1;
      for (const { limit, offset } of WINDOWS) {
        const page = await searchPapers({ ...options, limit, offset }, internals);
        const label = `${JSON.stringify(options)} ${limit}@${offset}`;
        expect(
          page.hits.map((h) => h.paper.id),
          label,
        ).toEqual(expected.slice(offset, offset + limit));
        expect(page.bounded, label).toBe(150);
      }
    }
    // The bound left matches out of most of them (a filter may let fewer than 150 papers through).
    expect(narrowed).toBeGreaterThan(QUERIES.length / 2);
    // Bounded, a search knows no total to show, nor a last page.
    const counted = await searchPapers({ q: "compression", count: true, limit: 20, offset: 0 }, internals);
    expect(counted.bounded).toBe(150);
    expect(counted.total).toBeNull();
    expect((await searchPapers({ q: "compression", count: true, limit: 20, offset: 0 })).total).not.toBeNull();
  });

  it("whatever tiers it bounds, and however far the walks went first, pages tile one list", async () => {
    const seen = new Set<number | null>();
    for (const cost of [5, 40, 200, 1_000]) {
      for (const options of QUERIES) {
        const internals: SearchInternals = { readBudget: { cost, rows: 60 } };
        const whole = await searchPapers({ ...options, limit: 120, offset: 0 }, internals);
        seen.add(whole.bounded);
        const pages: string[] = [];
        for (let offset = 0; offset < 120; offset += 20)
          pages.push(...(await searchPapers({ ...options, limit: 20, offset }, internals)).hits.map((h) => h.paper.id));
        expect(pages, `${cost} ${JSON.stringify(options)}`).toEqual(whole.hits.map((h) => h.paper.id));
      }
    }
    expect([...seen].sort()).toEqual([60, null]);
  });

  it("names the bound to API clients", async () => {
    const saved = { ...READ_BUDGET };
    Object.assign(READ_BUDGET, { cost: 0, rows: 40 });
    try {
      const response = await apiSearch(new NextRequest("http://localhost/api/papers/search?q=compression&limit=100"));
      expect(response.status).toBe(200);
      expect(response.headers.get("x-search-bounded")).toBe("40");
      const ids = ((await response.json()) as { paper: { id: string } }[]).map((item) => item.paper.id);
      expect(ids).toEqual((await reference({ q: "compression", within: 40 })).slice(0, 100));
    } finally {
      Object.assign(READ_BUDGET, saved);
    }
  });
});

describe("findPaperIds: papers matching a query listed in a window", () => {
  const LISTED: ReferenceOptions[] = [
    { q: "compression", listedFrom: "2024-01-01", listedTo: "2024-06-30" },
    { q: "model efficient", listedFrom: "2023-01-01", sort: "upvotes" },
    { q: "kv cache compr", listedFrom: "2022-01-01", listedTo: "2025-12-31", sort: "listed" },
    { q: "image -compression", listedFrom: "2021-01-01", sort: "newest" },
    { q: "", listedFrom: "2024-01-01", listedTo: "2024-03-31", sort: "listed" },
    { q: "pruning OR quantization", listedTo: "2022-12-31", category: "cs.CV", sort: "listed" },
  ];

  it("has windows that hold matches and leave some out", async () => {
    const all = await reference({ q: "compression" });
    const windowed = await reference(LISTED[0]!);
    expect(windowed.length).toBeGreaterThan(5);
    expect(windowed.length).toBeLessThan(all.length);
  });

  it.each(WAYS)("%s gives the documented order", async (_, internals) => {
    const db = await getDb();
    for (const options of LISTED) {
      const expected = options.q ? await reference(options) : await listedReference(options);
      for (const { limit, offset } of WINDOWS) {
        const ids = await findPaperIds(
          db,
          {
            query: options.q,
            filters: { listedFrom: options.listedFrom, listedTo: options.listedTo, category: options.category },
            order: options.sort ?? "relevance",
            window: { offset, limit },
          },
          internals,
        );
        expect(ids, `${JSON.stringify(options)} ${limit}@${offset}`).toEqual(expected.slice(offset, offset + limit));
      }
    }
  });

  it("walks on the same columns papers_walk_idx carries", async () => {
    const db = await getDb();
    const [row] = rowsOf<{ def: string }>(
      await db.execute(sql`select indexdef as def from pg_indexes where indexname = 'papers_walk_idx'`),
    );
    const columns = /\(([^)]*)\) INCLUDE \(([^)]*)\)/
      .exec(row!.def)!
      .slice(1)
      .join(",")
      .split(",")
      .map((c) => c.trim().replace(/"| DESC| NULLS LAST/g, ""));
    expect([...new Set(columns)].sort()).toEqual([...WALK_INDEX_COLUMNS].sort());
    for (const filter of Object.values(FILTERS)) expect(columns.includes(filter.column), filter.column).toBe(filter.walked);
  });
});

/** With no words: the window's papers in the listed order, the slow way. */
async function listedReference(options: ReferenceOptions): Promise<string[]> {
  const db = await getDb();
  return rowsOf<{ id: string }>(
    await db.execute(
      sql`select id from papers where ${filters(options)} order by listed_on desc nulls last, upvotes desc, published_at desc nulls last, id`,
    ),
  ).map((r) => r.id);
}

describe("search_words: the vocabulary follows the papers", () => {
  const mismatches = async () => {
    const db = await getDb();
    return rowsOf<{ word: string }>(
      await db.execute(sql`
        select coalesce(c.word, w.word) as word from (
          select word, count(*)::int as papers
          from papers, unnest(papers_search_words(title, authors, ai_keywords, abstract)) as word group by word
        ) c full join search_words w on w.word = c.word
        where c.papers is distinct from w.papers`),
    );
  };
  const count = async (word: string) => {
    const db = await getDb();
    const [row] = rowsOf<{ papers: number }>(await db.execute(sql`select papers from search_words where word = ${word}`));
    return row?.papers ?? 0;
  };

  it("counts the words of inserted, edited and deleted papers", async () => {
    const db = await getDb();
    expect(await mismatches()).toEqual([]);
    expect(await count("compression")).toBeGreaterThan(CORPUS / 2);

    await insertPapers([
      makePaper({ id: "2611.00001", title: "Zyzzyva Sparse Widgets", abstract: "Widgets, widgets and more widgets." }),
      makePaper({ id: "2611.00002", title: "Zyzzyva Revisited", abstract: "Nothing sparse here." }),
    ]);
    expect(await count("zyzzyva")).toBe(2);
    expect(await count("widgets")).toBe(1);

    // A vote changes no text and no count; an edit moves its words.
    await db
      .update(papers)
      .set({ sourceUpvotes: 40 })
      .where(sql`id = '2611.00001'`);
    await db
      .update(papers)
      .set({ title: "Quokka Revisited" })
      .where(sql`id = '2611.00002'`);
    expect(await count("zyzzyva")).toBe(1);
    expect(await count("quokka")).toBe(1);

    await db.delete(papers).where(sql`id in ('2611.00001', '2611.00002')`);
    expect(await count("zyzzyva")).toBe(0);
    expect(await count("quokka")).toBe(0);
    expect(await mismatches()).toEqual([]);
  });

  it("leaves out numbers, punctuation and very short tokens", async () => {
    const db = await getDb();
    const [row] = rowsOf<{ words: string[] | string }>(
      await db.execute(sql`select papers_search_words('GPT-4o: 3D scenes at 120 fps, see https://x.org/a', '{}', '{}', 'Ab') as words`),
    );
    const words = typeof row?.words === "string" ? row.words.slice(1, -1).split(",") : (row?.words ?? []);
    expect([...words].sort()).toEqual(["fps", "gpt", "scenes", "see"]);
  });
});
