import { performance } from "node:perf_hooks";
import { closeDb } from "@/db";
import { searchPapersUncached } from "@/server/search";
const o = JSON.parse(process.argv[2]!);
for (let i = 0; i < 2; i++) { const t = performance.now(); const r = await searchPapersUncached(o); console.log("ms", (performance.now() - t).toFixed(0), r.hits.length); }
await closeDb();
