import { performance } from "node:perf_hooks";
import { closeDb } from "@/db";
import { searchPapersUncached } from "@/server/search";
const qs = ["model", "language model", "compres", "attention", "model language training efficient memory tokens reasoning data performance large method results", "model -language -compression -training -memory", "model -language -compression", "model -language -compression -training", "diffusion -image", "reinforcement learning -robot", "kv cache compression", "efficient training large language models", "teach a model to summarize its own chain of thought to save memory"];
for (const q of qs) {
  for (const extra of [{}, { limit: 120, offset: 2280 }]) {
    if ("limit" in extra && q !== "model" && q !== "model -language -compression -training -memory") continue;
    console.log("==", q, JSON.stringify(extra));
    const t = performance.now();
    const r = await searchPapersUncached({ q, ...extra } as never);
    const t2 = performance.now();
    await searchPapersUncached({ q, ...extra, to: "2031-01-01" } as never);
    console.log("   ms", (t2 - t).toFixed(0), (performance.now() - t2).toFixed(0), "hits", r.hits.length, r.hits.map((h) => h.match).filter((m) => m !== "text").length);
  }
}
await closeDb();
