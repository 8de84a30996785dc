/**
 * The HTTP edge of `npm start` (scripts/start.ts mounts it): what every request meets before
 * Next.js's handler, for what `next start` cannot do (docs/caching.md, "Which layer does what"):
 *
 * - It knows the client. Rate limits need the address a request really came from: the socket's
 *   peer, or with TRUSTED_PROXIES proxies in front, the entry they appended to X-Forwarded-For
 *   (lib/client-address.ts). It passes that on in a header of its own (replacing any a client
 *   sent) and drops forwarding headers no trusted proxy wrote, so Host-based URLs cannot be
 *   poisoned through them.
 * - It sets the security headers on every response from the environment it runs with.
 * - It sends public responses again from their bytes for a few seconds, and answers conditional
 *   requests for them with 304 (response-cache.ts).
 * - It answers votes itself (server/api/upvote.ts, the handler the route mounts too): Next.js's
 *   request pipeline costs more CPU than a vote, and votes come in bursts while people read.
 * - It answers a path that is not valid percent-encoding (`/papers/%E0%A4%A`) with the 404 page,
 *   where Next.js would fail with a 500, and the request target `*` (`OPTIONS *`) itself.
 * - It refuses a request body over 1 MB, declared or streamed chunked, with a 413 (routes hold
 *   theirs to less themselves, so `next start` is bounded too).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "@/lib/client-address";
import { safeDecode } from "@/lib/decode";
import { ApiError } from "@/lib/errors";
import { PAPER_PAGE_ID_PATTERN } from "@/lib/paper-id";
import { PUBLIC_DYNAMIC_CACHE, withVary } from "@/lib/response-headers";
import { answerVote, UPVOTE_PATH } from "@/server/api/upvote";
import { answerAsteriskTarget, capRequestBody, sendResponse, toBodilessRequest } from "./node-http";
import { ResponseCache } from "./response-cache";

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export interface EdgeOptions {
  /** Next.js's request handler: whatever the edge does not answer itself. */
  app: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
  /** Set on every response (lib/response-headers.ts `appSecurityHeaders`). */
  securityHeaders: Record<string, string>;
  /** Proxies in front, each appending to X-Forwarded-For (TRUSTED_PROXIES). */
  trustedProxies: number;
  /** How long public responses are sent again from their bytes (RESPONSE_CACHE_SECONDS; 0: never). */
  responseCacheSeconds: number;
}

/** No request body the app reads comes near this; routes hold theirs to less (lib/request.ts). */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];
/** A path no route can match: Next.js renders the app's 404 page for it. */
const NOT_FOUND_PATH = "/_malformed-path";
const PAPER_PAGE = new RegExp(`^/papers/(?:${PAPER_PAGE_ID_PATTERN})$`);

/**
 * A paper's page answers Markdown to `Accept: text/markdown` (next.config.ts rewrites it), so its
 * responses must say `Vary: Accept` for caches to keep the two apart. Next.js sets a page's Vary
 * itself, replacing any other (config headers included), so the token is added as it is set.
 */
function varyOnAccept(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => setHeader(name, name.toLowerCase() === "vary" ? withVary(String(value), "Accept") : value);
  res.setHeader("Vary", "Accept");
}

/**
 * `/papers` (the latest day, or a search) is the same page for every visitor, like the API's
 * search, but Next.js marks every page it renders per request `private, no-store`. A 200 of it
 * is marked public for a minute, as the search API is, so the response cache, nginx or a CDN can
 * keep popular searches. (Client navigations, which ask for `rsc`, keep Next's word.)
 */
function publicWhenOk(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (this.statusCode === 200 && args[0] === 200 && /\bprivate\b|no-store/.test(String(this.getHeader("cache-control") ?? "")))
      this.setHeader("Cache-Control", PUBLIC_DYNAMIC_CACHE);
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
}

/** Ends a response whose handler failed: a 500 if nothing was sent yet. */
function failed(what: string, res: ServerResponse) {
  return (error: unknown) => {
    console.error(`[daily-papers] ${what} failed`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  };
}

/** The request listener of `npm start`'s server: the edge, then `options.app` for the rest. */
export function createEdge({ app, securityHeaders, trustedProxies, responseCacheSeconds }: EdgeOptions): Listener {
  const headers = Object.entries(securityHeaders);
  const responses = new ResponseCache({ seconds: responseCacheSeconds });

  function prepare(req: IncomingMessage, res: ServerResponse): void {
    const forwardedFor = req.headers["x-forwarded-for"];
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress({
      socket: req.socket.remoteAddress,
      forwardedFor: Array.isArray(forwardedFor) ? forwardedFor.join(",") : forwardedFor,
      trustedProxies,
    });
    if (trustedProxies === 0) for (const name of FORWARDING_HEADERS) delete req.headers[name];
    for (const [name, value] of headers) res.setHeader(name, value);
  }

  /** A vote, answered here rather than by the route (the same handler). */
  function answerVoteHere(req: IncomingMessage, res: ServerResponse, paperId: string, upvoted: boolean): void {
    const request = toBodilessRequest(req);
    const answered = request
      ? answerVote(request, paperId, upvoted)
      : Promise.resolve(new ApiError("bad_request:headers", "A request header could not be read.").toResponse());
    answered.then((response) => sendResponse(res, response)).catch(failed("vote", res));
  }

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
    if (vote) return answerVoteHere(req, res, safeDecode(vote[1]!)!, req.method === "POST");
    app(req, res).catch(failed("request", res));
  }

  return (req, res) => {
    if (answerAsteriskTarget(req, res) || !capRequestBody(req, res, MAX_REQUEST_BODY_BYTES)) return;
    responses.serve(req, res, () => answer(req, res));
  };
}
