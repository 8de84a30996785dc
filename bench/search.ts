/** Search latency through searchPapers() beside a naive ILIKE scan (bench/README.md, "Search benchmark"). */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { closeDb } from "@/db";
import { loadSimilarPapers } from "@/server/papers";
import { searchPapers, type SearchOptions } from "@/server/search";
import { parseQuery } from "@/lib/search/syntax";
import { arg } from "./args";
import { pseudoWord } from "./corpus";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL must name the benchmark database");
const samples = Number(arg("samples", "100"));
const baselineSamples = Number(arg("baseline-samples", "5"));
const jsonOut = process.argv.includes("--json") ? arg("json") : null;
/** No kind may take longer than this, however slow a query is. */
const KIND_BUDGET_MS = 90_000;

type Query = Omit<SearchOptions, "limit" | "offset">;

const MIX: Record<string, Query[]> = {
  common: ["compression", "model", "language", "efficient", "learning"].map((q) => ({ q })),
  rare: [30_011, 54_321, 77_777, 98_765, 120_001, 150_000].map((rank) => ({ q: pseudoWord(rank).toLowerCase() })),
  phrase: ['"kv cache"', '"language models"', '"knowledge distillation"', '"image compression"', '"neural networks"'].map((q) => ({ q })),
  prefix: ["compres", "quantiz", "kv cache compr", "distil", "neural netw"].map((q) => ({ q })),
  typo: ["compresion", "quantisation", "atention mechanism", "pruneing", "distilation"].map((q) => ({ q })),
  filtered: [
    { q: "compression", category: "cs.CV" },
    { q: "pruning", from: "2024-01-01", to: "2024-12-31" },
    { q: "language model", org: "org-007" },
    { q: "attention", sort: "newest" },
    { q: "cache", sort: "upvotes" },
  ],
  title: ["kv cache compression for long context", "vision language model token pruning", "learned image compression"].map((q) => ({ q })),
  // Descriptions in plain words, each with a word no paper has: no exact match, so partial
  // matches (ranked as BM25 ranks them) are what they find.
  plain: [
    "make the attention cache smaller so long documents fit quokkas",
    "squeeze vision tokens before the language model reads them zorblatt",
    "learn an image codec that beats classical ones on every benchmark flimflam",
    "prune weights without losing accuracy on downstream tasks snorkelwise",
    "distill a large teacher into a tiny student for phones wibbleton",
  ].map((q) => ({ q })),
};

const SIMILAR_OF = (n: number) =>
  [123, 45_678, 234_567, 567_890, 890_123]
    .filter((i) => i < n)
    .map((i) => `${10 + Math.floor(i / 100_000)}01.${String(i % 100_000).padStart(5, "0")}`);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

function ilike(sql: postgres.Sql, query: Query) {
  const words = parseQuery(query.q)
    .groups.flat()
    .flatMap((t) => t.text.split(/\s+/))
    .map((w) => w.replace(/[^\p{L}\p{N}]/gu, ""))
    .filter(Boolean);
  const conditions = words.map((w) => sql`(title ilike ${`%${w}%`} or abstract ilike ${`%${w}%`})`);
  if (query.from) conditions.push(sql`published_at >= ${query.from}`);
  if (query.to) conditions.push(sql`published_at <= ${query.to}`);
  if (query.org) conditions.push(sql`organization_name = ${query.org}`);
  if (query.category) conditions.push(sql`${query.category} = any(categories)`);
  const where = conditions.reduce((a, c) => sql`${a} and ${c}`, sql`true`);
  return sql`select id, title, abstract from papers where ${where} order by upvotes desc, id limit 20`;
}

const sql = postgres(url, { max: 1, onnotice: () => {} });
const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from papers`;
console.log(`\n${n.toLocaleString("en-US")} papers: ${url.replace(/\/\/[^@]*@/, "//")}`);
console.log("kind       samples   p50 ms   p95 ms   p99 ms  | ILIKE p50 ms  ILIKE/search (p50)");

const report: Record<string, unknown>[] = [];
for (const [kind, queries] of Object.entries(MIX)) {
  // Warm-up: first use of each query pays for plan caching and cold pages, not measured.
  for (const query of queries) await searchPapers({ ...query, limit: 20 });
  const times: number[] = [];
  const deadline = performance.now() + KIND_BUDGET_MS;
  for (let i = 0; i < samples && performance.now() < deadline; i += 1) {
    const query = queries[i % queries.length] as Query;
    times.push(await time(() => searchPapers({ ...query, limit: 20 })));
  }
  times.sort((a, b) => a - b);
  const baseline: number[] = [];
  const baselineDeadline = performance.now() + KIND_BUDGET_MS / 3;
  for (let i = 0; i < baselineSamples && performance.now() < baselineDeadline; i += 1) {
    baseline.push(await time(async () => ilike(sql, queries[i % queries.length] as Query)));
  }
  baseline.sort((a, b) => a - b);
  const row = {
    kind,
    samples: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    ilikeSamples: baseline.length,
    ilikeP50: percentile(baseline, 50),
  };
  report.push({ papers: n, ...row });
  const f = (v: number) => v.toFixed(1).padStart(8);
  console.log(
    `${kind.padEnd(10)} ${String(row.samples).padStart(7)} ${f(row.p50)} ${f(row.p95)} ${f(row.p99)}  | ` +
      (baseline.length ? `${f(row.ilikeP50)}      ×${(row.ilikeP50 / row.p50).toFixed(0)}` : "       (not run)"),
  );
}
{
  const ids = SIMILAR_OF(n);
  for (const id of ids) await loadSimilarPapers(id);
  const times: number[] = [];
  const deadline = performance.now() + KIND_BUDGET_MS;
  for (let i = 0; i < samples && performance.now() < deadline && ids.length > 0; i += 1) {
    times.push(await time(() => loadSimilarPapers(ids[i % ids.length] as string)));
  }
  times.sort((a, b) => a - b);
  const row = {
    kind: "similar",
    samples: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
  };
  report.push({ papers: n, ...row });
  const f = (v: number) => v.toFixed(1).padStart(8);
  console.log(
    `${"similar".padEnd(10)} ${String(row.samples).padStart(7)} ${f(row.p50)} ${f(row.p95)} ${f(row.p99)}  |        (no baseline)`,
  );
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(report, null, 2));
await sql.end();
await closeDb();
