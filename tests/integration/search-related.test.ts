// Related words learned from the store (server/search/related.ts): the search-index job learns them as the store grows,
// and a description or a paper's similar papers reach papers through them.
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getBackgroundDb, getDb } from "@/db";
import { rebuildSearchIndex } from "@/db/queries/search/postings";
import { readRelated, relatedState } from "@/db/queries/search/related";
import { loadSampleIfEmpty } from "@/db/queries/sample";
import { env } from "@/lib/env";
import { searchIndexEntry } from "@/server/jobs/registry";
import { runScheduled } from "@/server/jobs/scheduler";
import { loadSimilarPapers } from "@/server/papers";
import { searchPapers } from "@/server/search";
import { READ_BUDGET } from "@/server/search/plan";
import { relatedWordsDue, trainRelatedWords, widenLexemes } from "@/server/search/related";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

beforeEach(async () => {
  await resetDatabase();
  // As the app loads it (server/startup.ts): without the requests' statement timeout, which a loaded machine can pass.
  await loadSampleIfEmpty(await getBackgroundDb());
});
const weight = env.SEARCH_RELATED_WEIGHT;
afterEach(() => {
  env.SEARCH_RELATED_WEIGHT = weight;
});
afterAll(async () => {
  await closeDb();
});

let authorNumber = 0;
/** A paper by an author of its own (the helper's default authors would make every test paper similar to the others). */
function paper(overrides: Parameters<typeof makePaper>[0]) {
  authorNumber += 1;
  const word = (n: number) => [...String(n)].map((d) => "bcdfghjklm"[Number(d)]).join("a");
  return makePaper({ authors: [`${word(authorNumber * 7919)} ${word(authorNumber * 104729)}`], authorCount: 1, ...overrides });
}

// "zorblax" and "quuxify" are never written together, but always beside the same words.
const teaching = ["zorblax", "quuxify"].flatMap((word) =>
  Array.from({ length: 4 }, (_, i) =>
    paper({ title: `Frumious channels ${i}`, abstract: `Our ${word} method widens narrow frumious channels quickly, case ${i}.` }),
  ),
);

async function learn(extra: ReturnType<typeof paper>[] = []) {
  const db = await getDb();
  await insertPapers([...teaching, ...extra]);
  await rebuildSearchIndex(db);
  await trainRelatedWords(db);
  // Similar papers read the corpus's counts from the planner's statistics, as a live store has them.
  await db.execute(sql`analyze papers`);
}

describe("the search-index job and related words", () => {
  it("learns them on its first run, and again only once the store has grown by a tenth", async () => {
    const db = await getDb();
    expect(await relatedWordsDue(db)).toBe(true);
    const log: string[] = [];
    await runScheduled(searchIndexEntry, { log: (line) => log.push(line) });
    expect(log).toEqual([
      expect.stringMatching(
        /^scheduled search-index run \d+ succeeded: indexed 145 papers \(145 written since the last build\); learned related words for \d+ stems$/,
      ),
    ]);
    expect((await relatedState(db)).papers).toBe(145);
    expect(await relatedWordsDue(db)).toBe(false);

    await insertPapers(Array.from({ length: 10 }, () => makePaper()));
    await rebuildSearchIndex(db);
    expect(await relatedWordsDue(db)).toBe(false);
    expect(await relatedWordsDue(db, Date.now() + 8 * 24 * 3_600_000)).toBe(true);
    await insertPapers(Array.from({ length: 5 }, () => makePaper()));
    await rebuildSearchIndex(db);
    expect(await relatedWordsDue(db)).toBe(true);

    // Nothing written since the build: the index is left as it is, the words are learned again.
    log.length = 0;
    await runScheduled(searchIndexEntry, { log: (line) => log.push(line) });
    expect(log).toEqual([expect.stringMatching(/succeeded: nothing written since the last build; learned related words for \d+ stems$/)]);
    expect(await relatedWordsDue(db)).toBe(false);
  });

  it("relates words used beside the same words, and widens a query with them at a fraction of their weight", async () => {
    await learn();
    const db = await getDb();
    const related = await readRelated(db, ["zorblax"]);
    expect(related.get("zorblax")?.[0]).toMatchObject({ lexeme: "quuxifi" });
    const { lexemes, weights } = await widenLexemes(db, ["zorblax", "tulgey"]);
    expect(lexemes.slice(0, 2)).toEqual(["zorblax", "tulgey"]);
    expect(lexemes).toContain("quuxifi");
    expect(weights.get("zorblax")).toBe(1);
    expect(weights.get("quuxifi")).toBeGreaterThan(0);
    expect(weights.get("quuxifi")).toBeLessThanOrEqual(0.2);
    env.SEARCH_RELATED_WEIGHT = 0;
    expect((await widenLexemes(db, ["zorblax"])).lexemes).toEqual(["zorblax"]);
  });
});

describe("searching with related words", () => {
  const target = paper({ title: "Tulgey woods", abstract: "We quuxify the tulgey woods of the borogove." });
  const other = paper({ title: "Jabberwock tulgey", abstract: "A jabberwock in the tulgey woods." });

  it("finds a paper holding a related word in place of one asked, below those holding the words asked", async () => {
    await learn([target, other]);
    const search = async () =>
      (await searchPapers({ q: "zorblax tulgey jabberwock", limit: 20 }, { readBudget: READ_BUDGET })).hits.map((h) => h.paper.id);
    const widened = await search();
    expect(widened).toContain(target.id);
    expect(widened.indexOf(other.id)).toBeLessThan(widened.indexOf(target.id));
    env.SEARCH_RELATED_WEIGHT = 0;
    expect(await search()).not.toContain(target.id);
  });

  it("offers as similar a paper sharing a related word where the other shares the word itself", async () => {
    const source = paper({ title: "Mimsy zorblax", abstract: "Zorblax the mimsy outgrabe." });
    const near = paper({ title: "Mimsy raths", abstract: "We quuxify mimsy raths." });
    await learn([source, near]);
    env.SEARCH_RELATED_WEIGHT = 0;
    expect((await loadSimilarPapers(source.id)).map((p) => p.id)).not.toContain(near.id);
    env.SEARCH_RELATED_WEIGHT = weight;
    expect((await loadSimilarPapers(source.id)).map((p) => p.id)).toContain(near.id);
  });
});
