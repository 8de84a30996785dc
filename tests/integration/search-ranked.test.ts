// Ranked retrieval (server/search/ranked.ts, db/sql/search.sql): BM25F over every paper holding a query word, from the
// postings index built whole and from the postings of papers written since, within a budget read best impacts first.
import { sql } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { POST as cronSearchIndex } from "@/app/api/cron/search-index/route";
import { closeDb, getBackgroundDb, getDb, rowsOf } from "@/db";
import { readChunkHeads, rebuildSearchIndex, writtenSinceBuild } from "@/db/queries/search/postings";
import { loadSampleIfEmpty } from "@/db/queries/sample";
import { env } from "@/lib/env";
import { bm25Idf } from "@/lib/search/partial";
import { searchIndexEntry } from "@/server/jobs/registry";
import { runScheduled } from "@/server/jobs/scheduler";
import { REBUILD_AFTER_WRITTEN, searchIndexDue } from "@/server/search/index-job";
import { planChunks, rankPapers } from "@/server/search/ranked";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

beforeEach(async () => {
  await resetDatabase();
  // As the app loads it (server/startup.ts): without the requests' statement timeout, which a loaded machine can pass.
  await loadSampleIfEmpty(await getBackgroundDb());
});
afterAll(async () => {
  await closeDb();
});

const UNBOUNDED = 10_000_000;

/** BM25F the slow way: every paper's impacts computed from its document now, with the mean lengths the index uses. */
async function bruteForce(lexemes: string[]): Promise<Map<string, number>> {
  const db = await getDb();
  const rows = rowsOf<{ id: string; lexeme: string; impact: number }>(
    await db.execute(sql`select p.id, s.lexeme, s.impact
      from papers p, search_postings_of(p.search_vector,
        coalesce((select mean_lengths from search_index_state), '{10,12,150}')) s
      where s.lexeme in (${sql.join(
        lexemes.map((l) => sql`${l}`),
        sql`, `,
      )})`),
  );
  const n = Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::integer as n from papers`))[0]?.n);
  const df = new Map<string, number>();
  for (const r of rows) df.set(r.lexeme, (df.get(r.lexeme) ?? 0) + 1);
  const scores = new Map<string, number>();
  for (const r of rows) scores.set(r.id, (scores.get(r.id) ?? 0) + bm25Idf(df.get(r.lexeme)!, n) * Number(r.impact));
  return scores;
}

/** The ids are the best `ids.length` by the expected scores, in their order (equal scores in any order). */
function expectBest(ids: string[], expected: Map<string, number>) {
  const best = [...expected.values()].sort((a, b) => b - a);
  expect(ids.length).toBe(Math.min(best.length, ids.length));
  ids.forEach((id, i) => expect(expected.get(id), `${id} at ${i + 1}`).toBeCloseTo(best[i]!, 4));
}

const rank = (lexemes: string[], options: Partial<Parameters<typeof rankPapers>[1]> = {}) =>
  getDb().then((db) => rankPapers(db, { lexemes, limit: 30, budget: UNBOUNDED, proximityPool: 0, ...options }));

describe("ranked retrieval", () => {
  const QUERY = ["token", "prune", "attent", "visual"];

  it("is BM25F over every paper holding a word, from papers written since the build and from the built index alike", async () => {
    const db = await getDb();
    expect((await writtenSinceBuild(db)).written).toBe(145);
    const before = await rank(QUERY);
    expect(before.length).toBe(30);
    expectBest(
      before.map((m) => m.id),
      await bruteForce(QUERY),
    );

    expect(await rebuildSearchIndex(db)).toBe(145);
    expect((await writtenSinceBuild(db)).written).toBe(0);
    const after = await rank(QUERY);
    expectBest(
      after.map((m) => m.id),
      await bruteForce(QUERY),
    );
    // Every paper holding one of the words is a candidate, whatever its votes.
    const holding = await bruteForce(["kolmogorov"]);
    expect(holding.size).toBeGreaterThan(0);
    expect(new Set((await rank(["kolmogorov"])).map((m) => m.id))).toEqual(new Set(holding.keys()));
  });

  it("counts an edited paper by its new text and forgets a deleted one, before the next build", async () => {
    const db = await getDb();
    await rebuildSearchIndex(db);
    const [top] = await rank(["kolmogorov"]);
    expect(top).toBeDefined();
    await db.execute(sql`update papers set title = 'Zyzzogeton fields', abstract = 'Nothing of the old words.' where id = ${top!.id}`);
    expect((await rank(["kolmogorov"])).map((m) => m.id)).not.toContain(top!.id);
    expect((await rank(["zyzzogeton"])).map((m) => m.id)).toEqual([top!.id]);
    expectBest(
      (await rank(QUERY)).map((m) => m.id),
      await bruteForce(QUERY),
    );

    await db.execute(sql`delete from papers where id = ${top!.id}`);
    expect(await rank(["zyzzogeton"])).toEqual([]);
    await insertPapers([makePaper({ id: "2601.99999", title: "Zyzzogeton returns" })]);
    expect((await rank(["zyzzogeton"])).map((m) => m.id)).toEqual(["2601.99999"]);
  });

  it("builds while papers are written: what a build's snapshot did not see stays recent", async () => {
    const db = await getDb();
    await rebuildSearchIndex(db, { whileWriting: true });
    await insertPapers([makePaper({ id: "2601.99998", title: "Zyzzogeton written meanwhile" })]);
    // As if its transaction committed after the next build's snapshot was taken: an id no snapshot yet sees.
    const later = sql`(pg_current_xact_id()::text::bigint + 1000)::text::xid8`;
    await db.execute(sql`update search_postings_recent set xid = ${later} where paper_id = '2601.99998'`);
    await db.execute(sql`update search_postings_stale set xid = ${later} where paper_id = '2601.99998'`);
    expect(await rebuildSearchIndex(db, { whileWriting: true })).toBe(146);
    expect((await writtenSinceBuild(db)).written).toBe(1);
    expect((await rank(["zyzzogeton"])).map((m) => m.id)).toEqual(["2601.99998"]);
    // Built and recent at once, it counts once.
    expect((await rank(["zyzzogeton"]))[0]!.shared).toBe(1);
  });

  it("reads the best impacts first: within a small budget the best papers of a word are still found", async () => {
    const db = await getDb();
    await rebuildSearchIndex(db, { chunkSize: 5 });
    const expected = await bruteForce(["compress"]);
    expect(expected.size).toBeGreaterThan(100);
    // The first two chunks of a 135-paper word: ten papers read, the ten best.
    const few = await rank(["compress"], { budget: 10, limit: 10 });
    expectBest(
      few.map((m) => m.id),
      expected,
    );
    expectBest(
      (await rank(QUERY, { budget: UNBOUNDED })).map((m) => m.id),
      await bruteForce(QUERY),
    );
    // Heads are read as deep as the budget reaches; for a word added to widen a query, its first chunks' only.
    const chunks = async (asked: string[], added: string[], budget = UNBOUNDED) =>
      (await readChunkHeads(db, { lexemes: asked, shallow: added, shallowChunks: 3, budget })).map((h) => `${h.lexeme}${h.chunk}`).sort();
    expect((await chunks(["compress"], [])).length).toBe(Math.ceil(expected.size / 5));
    expect(await chunks(["compress"], [], 12)).toEqual(["compress0", "compress1", "compress2"]);
    expect(await chunks([], ["compress"])).toEqual(["compress0", "compress1", "compress2"]);
  });

  it("keeps filters and exclusions, and leaves out papers sharing too few words", async () => {
    const db = await getDb();
    const all = await rank(QUERY, { limit: 200 });
    const orgOf = new Map(
      rowsOf<{ id: string; org: string | null }>(
        await db.execute(
          sql`select id, organization_name as org from papers where id in (${sql.join(
            all.map((m) => sql`${m.id}`),
            sql`, `,
          )})`,
        ),
      ).map((r) => [r.id, r.org]),
    );
    const org = orgOf.get(all.find((m) => orgOf.get(m.id))!.id)!;
    const filtered = await rank(QUERY, { filters: { organization: org }, limit: 200 });
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.map((m) => m.id)).toEqual(all.filter((m) => orgOf.get(m.id) === org).map((m) => m.id));

    const excluded = await rank(QUERY, { excluded: "'visual'" });
    const visual = await bruteForce(["visual"]);
    expect(excluded.length).toBeGreaterThan(0);
    for (const m of excluded) expect(visual.has(m.id)).toBe(false);

    for (const m of await rank(QUERY, { minShared: 3 })) expect(m.shared).toBeGreaterThanOrEqual(3);
  });

  it("plans the chunks of every word's best papers, then the weightiest, never skipping within a word, within the budget", () => {
    const heads = [
      { lexeme: "rare", chunk: 0, top: 2, df: 3 },
      { lexeme: "common", chunk: 0, top: 2, df: 25 },
      { lexeme: "common", chunk: 1, top: 1.5, df: 25 },
      { lexeme: "common", chunk: 2, top: 1, df: 25 },
      { lexeme: "mid", chunk: 0, top: 2, df: 12 },
      { lexeme: "mid", chunk: 1, top: 1.9, df: 12 },
    ];
    const idf = new Map([
      ["rare", 5],
      ["common", 0.5],
      ["mid", 2],
    ]);
    const plan = (budget: number) => planChunks(heads, idf, { budget, chunkSize: 10 }).map((h) => `${h.lexeme}${h.chunk}`);
    expect(plan(0)).toEqual(["rare0", "common0", "mid0"]);
    expect(plan(25)).toEqual(["rare0", "common0", "mid0", "mid1"]);
    expect(plan(100)).toEqual(["rare0", "common0", "mid0", "mid1", "common1", "common2"]);

    // A word added to widen the query (its idf already scaled by its weight) has no first chunk of right: it waits its turn.
    const widened = [...heads, { lexeme: "near", chunk: 0, top: 2, df: 10 }];
    const planWide = (budget: number) =>
      planChunks(widened, new Map([...idf, ["near", 0.6]]), { budget, chunkSize: 10, added: new Set(["near"]) }).map(
        (h) => `${h.lexeme}${h.chunk}`,
      );
    expect(planWide(25)).toEqual(["rare0", "common0", "mid0", "mid1"]);
    expect(planWide(35)).toEqual(["rare0", "common0", "mid0", "mid1", "near0"]);
  });
});

describe("the search-index job", () => {
  it("builds a store never built, then again once papers written since are a day old or many", async () => {
    const db = await getDb();
    const log: string[] = [];
    expect(await searchIndexDue(db)).toBe(true);
    await runScheduled(searchIndexEntry, { log: (line) => log.push(line) });
    expect(log).toEqual([
      expect.stringMatching(
        /^scheduled search-index run \d+ succeeded: indexed 145 papers \(145 written since the last build\); learned related words/,
      ),
    ]);
    expect((await writtenSinceBuild(db)).written).toBe(0);

    await insertPapers([makePaper()]);
    expect(await searchIndexDue(db)).toBe(false);
    expect(await searchIndexDue(db, Date.now() + 25 * 3_600_000)).toBe(true);
    await insertPapers(Array.from({ length: REBUILD_AFTER_WRITTEN }, () => makePaper()));
    expect(await searchIndexDue(db)).toBe(true);
  });
});

describe("/api/cron/search-index", () => {
  it("rebuilds on demand with the cron secret, and refuses parameters", async () => {
    const saved = env.CRON_SECRET;
    env.CRON_SECRET = "test-cron-secret";
    try {
      const call = (query: string) =>
        cronSearchIndex(
          new Request(`http://localhost/api/cron/search-index${query}`, {
            method: "POST",
            headers: { authorization: "Bearer test-cron-secret" },
          }),
        );
      const res = await call("");
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "succeeded", papers: 145, written: 145 });
      expect((await writtenSinceBuild(await getDb())).written).toBe(0);
      expect((await call("?chunkSize=5")).status).toBe(400);
    } finally {
      env.CRON_SECRET = saved;
    }
  });
});
