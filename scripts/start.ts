/** `npm start`: one process per core sharing the port with DATABASE_URL (WEB_CONCURRENCY to choose), else one, as the embedded store allows one opener. */
import cluster from "node:cluster";
import { rmSync } from "node:fs";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { onStop, superviseWorkers } from "./workers";

// Read by lib/env.ts, so it must be set before any of the app's modules load.
process.env.DAILY_PAPERS_SERVER = "1";
(process.env as Record<string, string>).NODE_ENV ??= "production";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } }, strict: true });
const [{ default: next }, { env }, { appSecurityHeaders }, { createEdge }] = await Promise.all([
  import("next"),
  import("@/lib/env"),
  import("@/lib/response-headers"),
  import("@/server/http/edge"),
]);

const port = values.port ? Number(values.port) : env.PORT;
const hostname = values.hostname;
const address = `http://${hostname ?? "0.0.0.0"}:${port}`;
const workers = env.WEB_CONCURRENCY ?? (env.DATABASE_URL ? availableParallelism() : 1);
const fail = (message: string, code = 2): never => (console.error(`[daily-papers] ${message}`), process.exit(code));
if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`invalid port: ${values.port}`);
if (workers > 1 && !env.DATABASE_URL)
  fail("the embedded store can be opened by one process only: set DATABASE_URL to run WEB_CONCURRENCY > 1 server processes");

// Pages stay in memory (lib/page-cache-handler.mjs): a disk cache left here would be served, 404s included, and never cleaned.
if (cluster.isPrimary) rmSync(path.join(process.cwd(), ".next", "server", "route-cache"), { recursive: true, force: true });

if (cluster.isPrimary && workers > 1) {
  await superviseWorkers(workers);
} else {
  const app = next({ dev: false, hostname: hostname ?? "localhost", port, dir: process.cwd() });
  await app.prepare();
  const edge = createEdge({
    app: app.getRequestHandler(),
    securityHeaders: appSecurityHeaders({ dev: false }),
    trustedProxies: env.TRUSTED_PROXIES,
    responseCacheSeconds: env.RESPONSE_CACHE_SECONDS,
  });
  const server = createServer(edge).on("error", (error) => fail(`cannot listen on ${address}: ${error.message}`, 1));
  server.listen(port, hostname, async () => {
    if (cluster.isPrimary || env.DAILY_PAPERS_JOBS === "1")
      console.log(`[daily-papers] listening on ${address}${cluster.isPrimary ? "" : ` (process 1 of ${workers})`}`);
    if (!process.send) return;
    // The first process opens, migrates and seeds the store (instrumentation.ts); the others start once it is ready, so they never migrate at once.
    const host =
      !hostname || hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname.includes(":") ? `[${hostname}]` : hostname;
    for (
      let attempt = 0;
      attempt < 600 &&
      !(await fetch(`http://${host}:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      ));
      attempt += 1
    ) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    process.send("ready");
  });
  onStop((signal) => {
    console.log(`[daily-papers] ${signal}: closing`);
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
  }, 10_000); // requests still running after this long are cut off
}
