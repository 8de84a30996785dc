/**
 * `npm start`: the production server. Next.js's own request handler behind a plain Node HTTP
 * server, which does two things `next start` cannot:
 *
 * - It knows the client. Rate limits need the address a request really came from: the socket's
 *   peer, or with TRUSTED_PROXIES proxies in front, the entry they appended to X-Forwarded-For.
 *   It passes that on in a header of its own (replacing any a client sent) and drops forwarding
 *   headers no trusted proxy wrote, so Host-based URLs cannot be poisoned through them.
 * - It sets the security headers on every response from the environment it runs with.
 * - It answers a path that is not valid percent-encoding (`/papers/%E0%A4%A`) with the 404 page,
 *   where Next.js would fail with a 500.
 *
 * Options as for `next start`: -p/--port (else PORT, else 3000), -H/--hostname (else all).
 */
import { rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";

// Read by lib/env.ts, so it must be set before any of the app's modules load.
process.env.DAILY_PAPERS_SERVER = "1";
(process.env as Record<string, string>).NODE_ENV ??= "production";

const { values } = parseArgs({
  options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } },
  strict: true,
});

const [{ default: next }, { env }, { CLIENT_ADDRESS_HEADER, clientAddress }, { appSecurityHeaders, withVary }, { safeDecode }, { PAPER_PAGE_ID_PATTERN }] = await Promise.all([
  import("next"),
  import("@/lib/env"),
  import("@/lib/client-address"),
  import("@/lib/response-headers"),
  import("@/lib/decode"),
  import("@/lib/paper-id"),
]);

const port = values.port ? Number(values.port) : env.PORT;
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`invalid port: ${values.port}`);
  process.exit(2);
}
const hostname = values.hostname;
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];
const securityHeaders = Object.entries(appSecurityHeaders({ dev: false }));

/**
 * A paper's page answers Markdown to `Accept: text/markdown` (next.config.ts rewrites it), so its
 * responses must say `Vary: Accept` for caches to keep the two apart. Next.js sets a page's Vary
 * itself, replacing any other (config headers included), so the token is added as it is set.
 */
const PAPER_PAGE = new RegExp(`^/papers/(?:${PAPER_PAGE_ID_PATTERN})$`);

function varyOnAccept(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => setHeader(name, name.toLowerCase() === "vary" ? withVary(String(value), "Accept") : value);
  res.setHeader("Vary", "Accept");
}

function prepare(req: IncomingMessage, res: ServerResponse): void {
  const forwardedFor = req.headers["x-forwarded-for"];
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddress({
    socket: req.socket.remoteAddress,
    forwardedFor: Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor,
    trustedProxies: env.TRUSTED_PROXIES,
  });
  if (env.TRUSTED_PROXIES === 0) for (const name of FORWARDING_HEADERS) delete req.headers[name];
  for (const [name, value] of securityHeaders) res.setHeader(name, value);
}

// Pages rendered at run time stay in memory (lib/page-cache-handler.mjs); whatever an earlier
// version's disk cache left here would be served, 404s included, and never cleaned up.
rmSync(path.join(process.cwd(), ".next", "server", "route-cache"), { recursive: true, force: true });

const app = next({ dev: false, hostname: hostname ?? "localhost", port, dir: process.cwd() });
const handle = app.getRequestHandler();
await app.prepare();

/** A path no route can match: Next.js renders the app's 404 page for it. */
const NOT_FOUND_PATH = "/_malformed-path";

const server = createServer((req, res) => {
  prepare(req, res);
  const path = (req.url ?? "/").split("?")[0]!;
  if (PAPER_PAGE.test(path)) varyOnAccept(res);
  if (safeDecode(path) === null) {
    if (path.startsWith("/api/")) {
      res.writeHead(404, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      res.end(JSON.stringify({ error: { code: "not_found:path", message: "The path is not valid percent-encoding." } }));
      return;
    }
    req.url = NOT_FOUND_PATH;
  }
  handle(req, res).catch((error: unknown) => {
    console.error("[daily-papers] request failed", error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.on("error", (error) => {
  console.error(`[daily-papers] cannot listen on ${hostname ?? "0.0.0.0"}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => {
  console.log(`[daily-papers] listening on http://${hostname ?? "0.0.0.0"}:${port}`);
});

let stopping = false;
function stop(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.log(`[daily-papers] ${signal}: closing`);
  server.close(() => {
    void app.close().finally(() => process.exit(0));
  });
  server.closeIdleConnections();
  // Requests still running after this long are cut off.
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
