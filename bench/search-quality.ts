/** `npm run bench:quality`: whether searches find papers hidden among generated ones (options: bench/README.md, "Search quality benchmark"). */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { arg } from "./args";
import { engineOf } from "./quality/engines";
import { heldOutPapers } from "./quality/held-out";
import { DEPTH, KINDS, P95_TARGET_MS, type EngineResult } from "./quality/kinds";
import { qualityDatabase } from "./quality/load";

const server = arg("server");
const papers = Number(arg("papers", "100000"));
const seed = Number(arg("seed", "42"));
// Issue 23 asks for what item 1 alone and items 1 and 2 together give.
const engines = arg("engines", "ranked-only,baseline").split(",").map(engineOf);
const samples = arg("samples", "5");
const out = process.argv.includes("--out") ? arg("out") : null;
if (!Number.isInteger(papers) || papers < 0) throw new Error("--papers must be a whole number");

const db = await qualityDatabase({ server, papers, seed, reload: process.argv.includes("--reload") });
console.log(
  `${db.name}: ${db.reused ? "reused" : "loaded"} (${db.loadSeconds} s, ${db.loadedAt}), ${heldOutPapers().length} held-out papers`,
);
if (process.argv.includes("--load-only")) process.exit(0);

const dir = mkdtempSync(path.join(os.tmpdir(), "bench-quality-"));
const results: EngineResult[] = [];
try {
  for (const engine of engines) {
    console.log(`${engine.name}: ${engine.about}`);
    const file = path.join(dir, `${results.length}.json`);
    const child = spawnSync(
      "npx",
      [
        "tsx",
        "--tsconfig",
        "tsconfig.scripts.json",
        "bench/quality/measure.ts",
        "--engine",
        engine.name,
        "--samples",
        samples,
        "--out",
        file,
      ],
      { stdio: "inherit", env: { ...process.env, ...engine.env, DATABASE_URL: db.url } },
    );
    if (child.status !== 0) throw new Error(`${engine.name}: the measuring process failed`);
    results.push(JSON.parse(readFileSync(file, "utf8")) as EngineResult);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const total = results[0]?.papers ?? 0;
const rows: string[][] = [["", "target", ...results.map((r) => r.engine)]];
for (const kind of KINDS) {
  const asked = results[0]?.kinds.find((k) => k.kind === kind.kind)?.queries.length ?? 0;
  const need = Math.ceil(kind.target(papers) * asked - 1e-9);
  rows.push([
    `${kind.label} in the top ${kind.top}`,
    `≥ ${need} of ${asked}`,
    ...results.map((r) => {
      const hits = r.kinds.find((k) => k.kind === kind.kind)?.queries.filter((q) => q.rank !== null && q.rank <= kind.top).length ?? 0;
      return `${hits} of ${asked}${hits >= need ? "" : " ✗"}`;
    }),
  ]);
}
for (const kind of KINDS) {
  rows.push([
    `${kind.label}, p50 / p95 ms`,
    papers >= 1_000_000 ? `p95 ≤ ${P95_TARGET_MS}` : `(p95 ≤ ${P95_TARGET_MS} at 1M)`,
    ...results.map((r) => {
      const k = r.kinds.find((x) => x.kind === kind.kind);
      return k ? `${k.p50.toFixed(1)} / ${k.p95.toFixed(1)}${papers >= 1_000_000 && k.p95 > P95_TARGET_MS ? " ✗" : ""}` : "";
    }),
  ]);
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
console.log(`\n${total.toLocaleString("en-US")} papers (${papers.toLocaleString("en-US")} generated, seed ${seed})`);
for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "));

for (const result of results) {
  console.log(`\n${result.engine}: misses`);
  for (const kind of KINDS) {
    for (const q of result.kinds.find((k) => k.kind === kind.kind)?.queries ?? []) {
      if (q.rank !== null && q.rank <= kind.top) continue;
      const where = q.rank === null ? `not in the top ${DEPTH}` : `rank ${q.rank} (${q.match})`;
      const corrected = q.correctedQuery ? `, corrected to "${q.correctedQuery}"` : "";
      console.log(`  ${kind.kind.padEnd(11)} ${q.id}  ${where}${corrected}: "${q.q}"`);
    }
  }
  console.log(`${result.engine}: the slowest search of each kind`);
  for (const { kind, queries } of result.kinds) {
    const slowest = queries.map((q) => ({ q, ms: Math.max(...q.ms) })).sort((a, b) => b.ms - a.ms)[0];
    if (slowest)
      console.log(`  ${kind.padEnd(11)} ${slowest.q.id}  ${slowest.ms.toFixed(1)} ms (${slowest.q.ms.join(", ")}): "${slowest.q.q}"`);
  }
}
if (out) {
  writeFileSync(out, JSON.stringify({ database: db.name, papers: total, generated: papers, seed, results }, null, 2));
  console.log(`\nwrote ${out}`);
}
