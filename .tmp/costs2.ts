import { performance } from "node:perf_hooks";
import { closeDb } from "@/db";
import { searchPapersUncached } from "@/server/search";
const cases: [string, Record<string, unknown>][] = [
  ["model", { q: "model" }], ["deep", { q: "model", limit: 120, offset: 2280 }],
  ["12w", { q: "model language training efficient memory tokens reasoning data performance large method results" }],
  ["4x", { q: "model -language -compression -training -memory" }], ["4x deep", { q: "model -language -compression -training -memory", limit: 120, offset: 2280 }],
  ["2x", { q: "model -language -compression" }], ["3x", { q: "model -language -compression -training" }],
  ["rl-robot", { q: "reinforcement learning -robot" }], ["etllm", { q: "efficient training large language models" }], ["plain", { q: "teach a model to summarize its own chain of thought to save memory" }],
];
await searchPapersUncached({ q: "warm up" } as never);
for (const [name, o] of cases) {
  const t: number[] = [];
  let r;
  for (let i = 0; i < 7; i++) { const s = performance.now(); r = await searchPapersUncached({ ...o, to: `2031-01-${String(i + 1).padStart(2, "0")}` } as never); t.push(performance.now() - s); }
  t.sort((a, b) => a - b);
  console.log(name.padEnd(9), "median", t[3]!.toFixed(0), "max", t[6]!.toFixed(0), "hits", r!.hits.length);
}
await closeDb();
