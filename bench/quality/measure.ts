/** One engine's pass over the held-out queries, in a process of its own with that engine's environment (bench/search-quality.ts starts it). */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { closeDb, getBackgroundDb } from "@/db";
import { searchPapers } from "@/server/search";
import { READ_BUDGET } from "@/server/search/plan";
import { relatedWordsDue, trainRelatedWords } from "@/server/search/related";
import { arg } from "../args";
import { heldOutPapers } from "./held-out";
import { DEPTH, KINDS, type EngineResult, type KindResult, type QueryResult } from "./kinds";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL must name the benchmark database");
const out = arg("out");
const engine = arg("engine");
const samples = Number(arg("samples", "5"));
const KIND_BUDGET_MS = 120_000;
/** Passing internals (the default budget) makes search() compute each call instead of reading its results cache. */
const UNCACHED = { readBudget: READ_BUDGET };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const sql = postgres(url, { max: 1, onnotice: () => {} });
const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from papers`;
await sql.end();

// As the search-index job would have by now: a store loaded by COPY has never run it.
if (await relatedWordsDue(await getBackgroundDb())) {
  const started = performance.now();
  const { words, sample } = await trainRelatedWords(await getBackgroundDb());
  console.error(`learned related words for ${words} stems from ${sample} papers in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

const held = heldOutPapers();
const kinds: KindResult[] = [];
for (const kind of KINDS) {
  const asked = held.flatMap((h) => {
    const q = kind.query(h);
    return q ? [{ id: h.id, q }] : [];
  });
  // Ranks from each query's first call in this process: computed, as the app runs it, not cached.
  const queries: QueryResult[] = [];
  for (const { id, q } of asked) {
    const page = await searchPapers({ q, limit: DEPTH });
    const at = page.hits.findIndex((hit) => hit.paper.id === id);
    queries.push({
      id,
      q,
      rank: at < 0 ? null : at + 1,
      match: page.hits[at]?.match ?? null,
      correctedQuery: page.correctedQuery,
      ms: [],
    });
  }
  // Timed on a page of 20, as a person sees it.
  const times: number[] = [];
  const deadline = performance.now() + KIND_BUDGET_MS;
  for (let round = 0; round < samples && performance.now() < deadline; round += 1) {
    for (const query of queries) {
      const start = performance.now();
      await searchPapers({ q: query.q, limit: 20 }, UNCACHED);
      const ms = performance.now() - start;
      times.push(ms);
      query.ms.push(Math.round(ms * 10) / 10);
    }
  }
  times.sort((a, b) => a - b);
  kinds.push({
    kind: kind.kind,
    queries,
    samples: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
  });
}
writeFileSync(out, JSON.stringify({ engine, papers: n, kinds } satisfies EngineResult));
await closeDb();
