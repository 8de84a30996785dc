/**
 * `DATABASE_URL=postgres://…/bench_quality_100000_42 npx tsx --tsconfig tsconfig.scripts.json bench/quality/budget.ts`:
 * ranked retrieval alone (server/search/ranked.ts) over the held-out descriptions under several postings budgets and
 * proximity pools: hits in the top 10, and the times of the second of two rounds.
 */
import { closeDb, getDb } from "@/db";
import { lexemesOfWords } from "@/db/queries/search/stems";
import { parseQuery } from "@/lib/search/syntax";
import { rankPapers } from "@/server/search/ranked";
import { heldOutPapers } from "./held-out";

const SETTINGS = [
  [60_000, 50],
  [60_000, 100],
  [120_000, 50],
  [120_000, 100],
  [200_000, 50],
  [200_000, 100],
  [500_000, 100],
  [1_000_000, 100],
] as const;

const db = await getDb();
const queries = [];
for (const h of heldOutPapers()) {
  const stems = await lexemesOfWords(db, parseQuery(h.description).words);
  queries.push({ id: h.id, lexemes: [...new Set([...stems.values()].flat())] });
}
console.log("| postings budget | proximity pool | descriptions in the top 10 | p50 / p95 ms |\n| ---: | ---: | ---: | ---: |");
for (const [budget, proximityPool] of SETTINGS) {
  let hits = 0;
  const times: number[] = [];
  for (const round of [0, 1]) {
    for (const q of queries) {
      const started = performance.now();
      const ranked = await rankPapers(db, { lexemes: q.lexemes, limit: 100, minShared: 2, budget, proximityPool });
      if (round === 0) continue;
      times.push(performance.now() - started);
      const rank = ranked.findIndex((m) => m.id === q.id) + 1;
      if (rank > 0 && rank <= 10) hits += 1;
    }
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!.toFixed(0);
  console.log(`| ${budget.toLocaleString("en-US")} | ${proximityPool} | ${hits} | ${at(0.5)} / ${at(0.95)} |`);
}
await closeDb();
