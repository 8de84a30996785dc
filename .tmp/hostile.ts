import { performance } from "node:perf_hooks";
import { closeDb } from "@/db";
import { searchPapersUncached } from "@/server/search";

const cases: Record<string, Record<string, unknown>> = {
  "12 words": { q: "model language training efficient memory tokens reasoning data performance large method results" },
  "12 words to": { q: "model language training efficient memory tokens reasoning data performance large method results", to: "2030-01-05" },
  "4 excl": { q: "model -language -compression -training -memory" },
  "4 excl to": { q: "model -language -compression -training -memory", to: "2030-01-05" },
  "3 excl": { q: "model -language -compression -training" },
  "2 excl": { q: "model -language -compression" },
  "deep": { q: "model", limit: 120, offset: 120 * 19 },
  "deep to": { q: "model", limit: 120, offset: 120 * 19, to: "2030-01-05" },
  "6 words": { q: "model language training efficient memory tokens" },
};
const only = process.argv[2];
for (const [name, o] of Object.entries(cases)) {
  if (only && !name.startsWith(only)) continue;
  const times: number[] = [];
  let n = 0;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const r = await searchPapersUncached(o as never);
    times.push(performance.now() - t);
    n = r.hits.length;
  }
  console.log(name.padEnd(14), times.map((t) => t.toFixed(0)).join(" "), "hits", n);
}
await closeDb();
