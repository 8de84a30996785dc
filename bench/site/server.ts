/** The production build under `npm start`, on a loopback port, against the bench database. */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (address && typeof address === "object" ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export function assertBuilt(): void {
  if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID")) || !existsSync(path.join(process.cwd(), ".next", "start.mjs"))) {
    throw new Error(".next has no production build: run `npm run build` first (the bench serves the build, it does not make one)");
  }
}

export interface App {
  origin: string;
  port: number;
  stop: () => Promise<void>;
}

/** Without `databaseUrl`, the embedded store in `env.DATA_DIR`; `workers` defaults to one per core, as `npm start` runs. */
export async function startApp({
  databaseUrl,
  port,
  workers,
  env = {},
  nodeOptions,
}: {
  databaseUrl?: string;
  port: number;
  workers?: number;
  env?: Record<string, string>;
  /** Flags for node itself (such as --cpu-prof, which NODE_OPTIONS refuses): then node runs what `npm start` runs. */
  nodeOptions?: string[];
}): Promise<App> {
  const origin = `http://127.0.0.1:${port}`;
  const args = ["-p", String(port), "-H", "127.0.0.1"];
  const [command, commandArgs] = nodeOptions ? ["node", [...nodeOptions, ".next/start.mjs", ...args]] : ["npm", ["start", "--", ...args]];
  const child: ChildProcess = spawn(command, commandArgs, {
    // Its own process group, so stopping it stops npm's child too.
    detached: true,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...(databaseUrl ? process.env : Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "DATABASE_URL"))),
      NODE_ENV: "production",
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      INGEST_ON_START: "0",
      AUTH_URL: origin,
      AUTH_SECRET: "bench-site-secret-not-for-production",
      TRUSTED_PROXIES: "0",
      ...(workers ? { WEB_CONCURRENCY: String(workers) } : {}),
      // Every load comes from one address: the per-client search limits (120 and 600 a minute)
      // would answer most of it with 429s, which measures the limit, not the search.
      SEARCH_RATE_LIMIT: process.env.SEARCH_RATE_LIMIT ?? "1000000",
      SUGGEST_RATE_LIMIT: process.env.SUGGEST_RATE_LIMIT ?? "1000000",
      ...env,
    },
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // One process logs "listening on URL"; several log "N server processes ready" once the last listens.
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-10_000)));
  const allListening = () => /server processes ready|listening on \S+\n/.test(output);
  const stop = async () => {
    if (child.exitCode === null && child.pid) process.kill(-child.pid, "SIGTERM");
    await exited;
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${origin}/api/health`);
      if (response.ok && allListening()) return { origin, port, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error("the app did not answer /api/health within 60 s");
}
