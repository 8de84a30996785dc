/**
 * `npm start`: the production server. Next.js's own request handler behind a plain Node HTTP
 * server, which does two things `next start` cannot:
 *
 * - It knows the client. Rate limits need the address a request really came from: the socket's
 *   peer, or with TRUSTED_PROXIES proxies in front, the entry they appended to X-Forwarded-For.
 *   It passes that on in a header of its own (replacing any a client sent) and drops forwarding
 *   headers no trusted proxy wrote, so Host-based URLs cannot be poisoned through them.
 * - It sets the security headers on every response from the environment it runs with.
 * - It sends public responses again from their bytes for a few seconds (server/response-cache.ts).
 * - It answers votes itself (server/api/upvote.ts, the handler the route mounts too): Next.js's
 *   request pipeline costs more CPU than a vote, and votes come in bursts while people read.
 * - It answers a path that is not valid percent-encoding (`/papers/%E0%A4%A`) with the 404 page,
 *   where Next.js would fail with a 500, and the request target `*` (`OPTIONS *`) itself.
 * - It refuses a request body over 1 MB, declared or streamed chunked, with a 413 (routes hold
 *   theirs to less themselves, so `next start` is bounded too).
 *
 * - It uses every core: with DATABASE_URL it runs one server process per core (WEB_CONCURRENCY
 *   to choose), sharing the port through Node's cluster. The first one starts alone (it migrates
 *   the store) and runs the in-process schedules; the others only serve. The embedded store may be
 *   opened by one process only, so without DATABASE_URL there is one.
 *
 * Options as for `next start`: -p/--port (else PORT, else 3000), -H/--hostname (else all).
 */
import cluster, { type Worker } from "node:cluster";
import { rmSync } from "node:fs";
import { availableParallelism } from "node:os";
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

const [
  { default: next },
  { env },
  { CLIENT_ADDRESS_HEADER, clientAddress },
  { appSecurityHeaders, PUBLIC_DYNAMIC_CACHE, withVary },
  { safeDecode },
  { PAPER_PAGE_ID_PATTERN },
  { ResponseCache },
  { answerVote, UPVOTE_PATH },
  { answerAsteriskTarget, capRequestBody, sendResponse, toBodilessRequest },
  { ApiError },
] = await Promise.all([
  import("next"),
  import("@/lib/env"),
  import("@/lib/client-address"),
  import("@/lib/response-headers"),
  import("@/lib/decode"),
  import("@/lib/paper-id"),
  import("@/server/response-cache"),
  import("@/server/api/upvote"),
  import("@/server/node-http"),
  import("@/lib/errors"),
]);

const port = values.port ? Number(values.port) : env.PORT;
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`invalid port: ${values.port}`);
  process.exit(2);
}
const hostname = values.hostname;
/** No request body the app reads comes near this; routes hold theirs to less (lib/request.ts). */
const MAX_REQUEST_BODY_BYTES = 1024 * 1024;
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];
const securityHeaders = Object.entries(appSecurityHeaders({ dev: false }));

const workers = env.WEB_CONCURRENCY ?? (env.DATABASE_URL ? availableParallelism() : 1);
if (workers > 1 && !env.DATABASE_URL) {
  console.error("[daily-papers] the embedded store can be opened by one process only: set DATABASE_URL to run WEB_CONCURRENCY > 1 server processes");
  process.exit(2);
}

// Pages rendered at run time stay in memory (lib/page-cache-handler.mjs); whatever an earlier
// version's disk cache left here would be served, 404s included, and never cleaned up.
if (cluster.isPrimary) rmSync(path.join(process.cwd(), ".next", "server", "route-cache"), { recursive: true, force: true });

if (cluster.isPrimary && workers > 1) {
  await superviseWorkers(workers);
} else {
  await serve();
}

/**
 * Runs `count` server processes: the first alone until its store is ready (so one process
 * migrates it), then the rest. A process that dies is replaced, unless they keep dying.
 */
async function superviseWorkers(count: number): Promise<void> {
  let stopping = false;
  const restarts: number[] = [];
  const fork = (jobs: boolean): Worker => {
    const worker = cluster.fork({ DAILY_PAPERS_JOBS: jobs ? "1" : "0" });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && restarts[0]! < now - 60_000) restarts.shift();
      if (restarts.length > 5) {
        console.error("[daily-papers] server processes keep dying; stopping");
        process.exit(1);
      }
      console.error(`[daily-papers] a server process ended (${signal ?? `exit ${code}`}); starting another`);
      fork(jobs);
    });
    return worker;
  };
  const ready = (worker: Worker) => new Promise<void>((resolve) => worker.on("message", (message) => message === "ready" && resolve()));
  await ready(fork(true));
  await Promise.all(Array.from({ length: count - 1 }, () => ready(fork(false))));
  console.log(`[daily-papers] ${count} server processes ready`);
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const exitWhenDone = () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0);
    cluster.on("exit", exitWhenDone);
    exitWhenDone();
    setTimeout(() => process.exit(0), 12_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/** One server process: Next's handler behind the Node server described above. */
async function serve(): Promise<void> {
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

  /**
   * `/papers` (the latest day, or a search) is the same page for every visitor, like the API's
   * search, but Next.js marks every page it renders per request `private, no-store`. A 200 of it
   * is marked public for a minute, as the search API is, so this server's response cache, nginx or
   * a CDN can keep popular searches. (Client navigations, which ask for `rsc`, keep Next's word.)
   */
  function publicWhenOk(res: ServerResponse): void {
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      if (this.statusCode === 200 && args[0] === 200 && /\bprivate\b|no-store/.test(String(this.getHeader("cache-control") ?? ""))) this.setHeader("Cache-Control", PUBLIC_DYNAMIC_CACHE);
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse["writeHead"];
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

  const app = next({ dev: false, hostname: hostname ?? "localhost", port, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  /** A path no route can match: Next.js renders the app's 404 page for it. */
  const NOT_FOUND_PATH = "/_malformed-path";

  const responses = new ResponseCache({ seconds: env.RESPONSE_CACHE_SECONDS });

  /** What the app answers: everything the response cache does not. */
  function answer(req: IncomingMessage, res: ServerResponse): void {
    prepare(req, res);
    const path = (req.url ?? "/").split("?")[0]!;
    if (PAPER_PAGE.test(path)) varyOnAccept(res);
    if (path === "/papers" && req.method === "GET" && req.headers.rsc === undefined) publicWhenOk(res);
    if (safeDecode(path) === null) {
      if (path.startsWith("/api/")) {
        void sendResponse(res, new ApiError("not_found:path", "The path is not valid percent-encoding.").toResponse());
        return;
      }
      req.url = NOT_FOUND_PATH;
    }
    const vote = req.method === "POST" || req.method === "DELETE" ? UPVOTE_PATH.exec(path) : null;
    if (vote) {
      answerVoteHere(req, res, safeDecode(vote[1]!)!, req.method === "POST");
      return;
    }
    handle(req, res).catch((error: unknown) => {
      console.error("[daily-papers] request failed", error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  }

  /** A vote, answered here rather than by the route (the same handler). */
  function answerVoteHere(req: IncomingMessage, res: ServerResponse, paperId: string, upvoted: boolean): void {
    const request = toBodilessRequest(req);
    const answered = request ? answerVote(request, paperId, upvoted) : Promise.resolve(new ApiError("bad_request:headers", "A request header could not be read.").toResponse());
    answered
      .then((response) => sendResponse(res, response))
      .catch((error: unknown) => {
        console.error("[daily-papers] vote failed", error);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
  }

  const server = createServer((req, res) => {
    if (answerAsteriskTarget(req, res) || !capRequestBody(req, res, MAX_REQUEST_BODY_BYTES)) return;
    responses.serve(req, res, () => answer(req, res));
  });
  server.on("error", (error) => {
    console.error(`[daily-papers] cannot listen on ${hostname ?? "0.0.0.0"}:${port}: ${error.message}`);
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    if (cluster.isPrimary) console.log(`[daily-papers] listening on http://${hostname ?? "0.0.0.0"}:${port}`);
    else if (env.DAILY_PAPERS_JOBS === "1") console.log(`[daily-papers] listening on http://${hostname ?? "0.0.0.0"}:${port} (process 1 of ${workers})`);
    if (process.send) void announceWhenReady();
  });

  /**
   * Tells the supervising process once the store is open, migrated and seeded (Next.js runs
   * instrumentation.ts on the first request, so one is made), so that the other processes start
   * on a ready store and never migrate it at the same time.
   */
  async function announceWhenReady(): Promise<void> {
    const host = !hostname || hostname === "0.0.0.0" || hostname === "::" ? "127.0.0.1" : hostname.includes(":") ? `[${hostname}]` : hostname;
    const health = `http://${host}:${port}/api/health`;
    for (let attempt = 0; attempt < 600; attempt += 1) {
      if (await fetch(health).then((r) => r.ok, () => false)) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    process.send?.("ready");
  }

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
}
