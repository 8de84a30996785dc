/** A burst of distinct searches from one client under the default budget while another client reads (bench/RESULTS.md gives the command). */
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { percentile } from "./site/measure";
import { assertBuilt, freePort, startApp } from "./site/server";

const { values } = parseArgs({ options: { count: { type: "string", default: "200" }, connections: { type: "string", default: "8" } } });
const count = Number(values.count);
const connections = Number(values.connections);

function get(url: string, localAddress: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { localAddress }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
    });
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`timed out: ${url}`)));
    req.end();
  });
}

async function burst(origin: string, paths: string[], localAddress: string): Promise<{ status: number; ms: number }[]> {
  const results: { status: number; ms: number }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < paths.length) results.push(await get(`${origin}${paths[next++]!}`, localAddress));
    }),
  );
  return results;
}

const statuses = (results: { status: number }[]) =>
  Object.entries(results.reduce<Record<number, number>>((counts, r) => ({ ...counts, [r.status]: (counts[r.status] ?? 0) + 1 }), {}))
    .map(([status, n]) => `${n}× ${status}`)
    .join(", ");

assertBuilt();
const dataDir = mkdtempSync(path.join(tmpdir(), "daily-papers-burst-"));
const app = await startApp({
  port: await freePort(),
  workers: 1,
  env: { DATA_DIR: dataDir, SEARCH_RATE_LIMIT: "120", SUGGEST_RATE_LIMIT: "600", RESPONSE_CACHE_SECONDS: "5" },
});
try {
  const words = ["model", "attention", "diffusion", "language", "vision", "reasoning", "agents", "video", "compression", "training"];
  const query = (i: number) => encodeURIComponent(`${words[i % words.length]} ${words[(i * 7 + 3) % words.length]} ${i}`);
  const attack = Array.from({ length: count }, (_, i) => (i % 2 === 0 ? `/papers?q=${query(i)}` : `/feeds/search.xml?q=${query(i)}`));
  const neighbour = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? `/papers?q=${query(10_000 + i)}` : "/papers/trending"));
  const started = performance.now();
  const [attacked, served] = await Promise.all([
    burst(app.origin, attack, "127.0.0.1"),
    (async () => {
      const results: { status: number; ms: number }[] = [];
      for (const p of neighbour) {
        results.push(await get(`${app.origin}${p}`, "127.0.0.2"));
        await new Promise((r) => setTimeout(r, 100));
      }
      return results;
    })(),
  ]);
  const seconds = (performance.now() - started) / 1000;
  const ms = (results: { ms: number }[]) => results.map((r) => r.ms).sort((a, b) => a - b);
  const page = attacked.filter((_, i) => attack[i]!.startsWith("/papers"));
  console.log(
    `one client, ${count} distinct searches (page and feed alternating, ${connections} at a time), in ${seconds.toFixed(1)} s: ${statuses(attacked)}`,
  );
  console.log(`  page: ${statuses(page)}; feed: ${statuses(attacked.filter((_, i) => !attack[i]!.startsWith("/papers")))}`);
  const refused = ms(attacked.filter((r) => r.status === 429));
  if (refused.length > 0)
    console.log(`  a refusal took p50 ${percentile(refused, 50).toFixed(1)} ms, p95 ${percentile(refused, 95).toFixed(1)} ms`);
  const other = ms(served);
  console.log(
    `another client meanwhile, ${served.length} requests (searches and the trending page): ${statuses(served)}; p50 ${percentile(other, 50).toFixed(1)} ms, max ${other.at(-1)!.toFixed(1)} ms`,
  );
} finally {
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
