/** What distinct long URLs (14 KB paths and queries) cost the server's resident memory (bench/RESULTS.md gives the command). */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { assertBuilt, freePort, startApp } from "./site/server";

const { values } = parseArgs({ options: { count: { type: "string", default: "20000" } } });
const count = Number(values.count);
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The resident memory of the process listening on `port`, in MB. */
function residentMb(port: number): number {
  const pid = /pid=(\d+)/.exec(execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" }))?.[1];
  if (!pid) throw new Error(`no process listens on ${port}`);
  return Number(execFileSync("ps", ["-o", "rss=", "-p", pid], { encoding: "utf8" }).trim()) / 1024;
}

async function send(origin: string, pathOf: (i: number) => string): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        const status = await get(`${origin}${pathOf(next++)}`);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  return statuses;
}

assertBuilt();
const dataDir = mkdtempSync(path.join(tmpdir(), "daily-papers-urls-"));
const port = await freePort();
const app = await startApp({ port, workers: 1, env: { DATA_DIR: dataDir } });
try {
  for (let i = 0; i < 50; i++) await get(`${app.origin}/?warm=${i}`);
  const pad = "a".repeat(14 * 1024);
  console.log(`resident memory at start (warmed): ${residentMb(port).toFixed(0)} MB`);
  let started = performance.now();
  const missing = await send(app.origin, (i) => `/missing/${i}/${pad}`);
  console.log(
    `after ${count} distinct 404 URLs of 14 KB (${JSON.stringify(missing)}, ${((performance.now() - started) / 1000).toFixed(0)} s): ${residentMb(port).toFixed(0)} MB`,
  );
  started = performance.now();
  const pages = await send(app.origin, (i) => `/?x=${i}${pad}`);
  console.log(
    `after ${count} distinct /?x=<14 KB> URLs (${JSON.stringify(pages)}, ${((performance.now() - started) / 1000).toFixed(0)} s): ${residentMb(port).toFixed(0)} MB`,
  );
} finally {
  agent.destroy();
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
