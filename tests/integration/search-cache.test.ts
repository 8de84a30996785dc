import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { searchPapers } from "@/server/search";
import { cachedSearch } from "@/server/search/cache";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

beforeAll(async () => {
  await resetDatabase();
  await insertPapers([makePaper({ id: "2605.30001", title: "Quokka attention for sparse transformers" })]);
});

describe("the search results cache", () => {
  it("computes a page once, for requests in a burst and after it", async () => {
    const db = await getDb();
    let computed = 0;
    const compute = async () => {
      computed += 1;
      await new Promise((r) => setTimeout(r, 20));
      return { hits: [computed] };
    };
    const burst = await Promise.all(
      Array.from({ length: 10 }, () => cachedSearch(db, { q: "burst", limit: 20 }, compute, (p) => p.hits.length)),
    );
    expect(computed).toBe(1);
    expect(burst.every((page) => page.hits[0] === 1)).toBe(true);
    // The same options written in another order are the same search; other options are not.
    await cachedSearch(db, { limit: 20, q: "burst" }, compute, (p) => p.hits.length);
    expect(computed).toBe(1);
    await cachedSearch(db, { q: "burst", limit: 10 }, compute, (p) => p.hits.length);
    expect(computed).toBe(2);
  });

  it("never serves a page made before the papers changed", async () => {
    const db = await getDb();
    let computed = 0;
    const compute = async () => ({ hits: [++computed] });
    await cachedSearch(db, { q: "change" }, compute, (p) => p.hits.length);
    await db.execute(sql`update papers set title = 'Quokka attention for sparse transformers, edited' where id = '2605.30001'`);
    expect((await cachedSearch(db, { q: "change" }, compute, (p) => p.hits.length)).hits[0]).toBe(2);
    // A statement that writes no paper moves the version all the same: still never stale.
    await db.execute(sql`delete from papers where id = 'no-such-paper'`);
    expect((await cachedSearch(db, { q: "change" }, compute, (p) => p.hits.length)).hits[0]).toBe(3);
  });

  it("does not keep a failure", async () => {
    const db = await getDb();
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls === 1) throw new Error("statement timeout");
      return { hits: [] as number[] };
    };
    await expect(cachedSearch(db, { q: "flaky" }, flaky, (p) => p.hits.length)).rejects.toThrow("statement timeout");
    await expect(cachedSearch(db, { q: "flaky" }, flaky, (p) => p.hits.length)).resolves.toEqual({ hits: [] });
    expect(calls).toBe(2);
  });

  it("shows a paper ingested after the same search was cached", async () => {
    const ids = async () => (await searchPapers({ q: "quokka", limit: 20 })).hits.map((h) => h.paper.id);
    expect(await ids()).toEqual(["2605.30001"]);
    await insertPapers([makePaper({ id: "2605.30002", title: "Quokka memory for long context", sourceUpvotes: 50 })]);
    expect((await ids()).sort()).toEqual(["2605.30001", "2605.30002"]);
  });
});
