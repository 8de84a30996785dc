import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import postgres from "postgres";
import { paperId } from "./bench/corpus";
import { freePort } from "./bench/site/server";
const url = "postgres://postgres@127.0.0.1:55432/bench_site_1000000_42";
const sql = postgres(url, { max: 2, onnotice: () => {} });
const ids = Array.from({ length: 200 }, (_, k) => `prof-voter-${k}`);
await sql`delete from users where id like 'prof-voter-%'`;
await sql`insert into users ${sql(ids.map((id) => ({ id, email: `${id}@x.invalid` })))}`;
const tokens = ids.map(() => randomUUID());
await sql`insert into sessions ${sql(ids.map((id, k) => ({ session_token: tokens[k]!, user_id: id, expires: new Date(Date.now() + 40 * 86_400_000).toISOString() })))}`;
const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const child = spawn("node", ["--cpu-prof", "--cpu-prof-dir=/tmp/prof", ".next/start.mjs", "-p", String(port), "-H", "127.0.0.1"], {
  stdio: ["ignore", "inherit", "inherit"],
  env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, INGEST_ON_START: "0", AUTH_URL: origin, AUTH_SECRET: "bench-site-secret-not-for-production", TRUSTED_PROXIES: "0", WEB_CONCURRENCY: "1", SEARCH_RATE_LIMIT: "1000000" },
});
for (let i = 0; i < 120; i++) { try { if ((await fetch(`${origin}/api/health`)).ok) break; } catch {} await new Promise((r) => setTimeout(r, 500)); }
const app = { origin, stop: async () => { child.kill("SIGTERM"); await new Promise((r) => child.once("exit", r)); } };
const mode = process.argv[2] ?? "vote";
const job = mode === "vote"
  ? { origin: app.origin, connections: 8, seconds: 15, method: "POST", toggle: true, paths: Array.from({ length: 5000 }, (_, j) => `/api/papers/${paperId((j * 7919 + 3) % 1000000)}/upvote`), cookies: tokens.map((t) => `authjs.session-token=${t}`), headers: { origin: app.origin, "content-type": "application/json" } }
  : mode === "day" ? { origin: app.origin, connections: 8, seconds: 15, method: "GET", paths: [process.argv[3] ?? "/"] }
  : mode === "search" ? { origin: app.origin, connections: 8, seconds: 15, method: "GET", paths: ["/api/papers/search?q=model"] }
  : { origin: app.origin, connections: 8, seconds: 15, method: "GET", once: true, paths: Array.from({ length: 5000 }, (_, j) => `/papers/${paperId((j * 15485863 + 11) % 1000000)}`) };
writeFileSync("/tmp/prof-job.json", JSON.stringify(job));
console.log(execFileSync("npx", ["tsx", "--tsconfig", "tsconfig.scripts.json", "bench/site/autocannon-worker.ts", "/tmp/prof-job.json"], { encoding: "utf8" }));
await app.stop();
await sql`delete from upvotes where user_id like 'prof-voter-%'`;
await sql`delete from users where id like 'prof-voter-%'`;
await sql.end();
