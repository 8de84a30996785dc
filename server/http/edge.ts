/**
 * The HTTP edge of `npm start` (scripts/start.ts), for what `next start` cannot do (docs/caching.md, "Which layer does what"):
 * works out the client's real address (lib/client-address.ts) and drops forwarding headers no trusted proxy wrote, so URLs
 * cannot be poisoned through them; answers votes itself (Next.js's pipeline costs more CPU than a vote, and votes come in
 * bursts); answers malformed percent-encoding with the 404 page where Next.js would 500; caps request bodies at 1 MB (413).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "@/lib/client-address";
import { isMalformedPath, MALFORMED_PATH, malformedApiPath, safeDecode } from "@/lib/decode";
import { ApiError } from "@/lib/errors";
import { PAPER_PAGE_ID_PATTERN } from "@/lib/paper-id";
import { PUBLIC_DYNAMIC_CACHE, withVary } from "@/lib/response-headers";
import { answerVote, UPVOTE_PATH } from "@/server/api/upvote";
import { answerAsteriskTarget, capRequestBody, sendResponse, toBodilessRequest } from "./node-http";
import { ResponseCache } from "./response-cache";

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

export interface EdgeOptions {
  app: (req: IncomingMessage, res: ServerResponse) => Promise<unknown>;
  securityHeaders: Record<string, string>;
  trustedProxies: number;
  responseCacheSeconds: number;
}

export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;
const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"];
const PAPER_PAGE = new RegExp(`^/papers/(?:${PAPER_PAGE_ID_PATTERN})$`);

// A paper page answers Markdown to `Accept: text/markdown`, so it must say `Vary: Accept`; Next.js replaces any Vary set
// before it sets its own, so the token is added as Next.js sets it.
function varyOnAccept(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => setHeader(name, name.toLowerCase() === "vary" ? withVary(String(value), "Accept") : value);
  res.setHeader("Vary", "Accept");
}

// `/papers` is the same for every visitor, but Next.js marks per-request pages `private, no-store`; a 200 is made public for
// a minute, as the search API is, so caches can keep popular searches (client navigations asking `rsc` keep Next's word).
function publicWhenOk(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (this.statusCode === 200 && args[0] === 200 && /\bprivate\b|no-store/.test(String(this.getHeader("cache-control") ?? "")))
      this.setHeader("Cache-Control", PUBLIC_DYNAMIC_CACHE);
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as ServerResponse["writeHead"];
}

function failed(what: string, res: ServerResponse) {
  return (error: unknown) => {
    console.error(`[daily-papers] ${what} failed`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  };
}

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

  function answerVoteHere(req: IncomingMessage, res: ServerResponse, paperId: string, upvoted: boolean): void {
    const request = toBodilessRequest(req);
    const answered = request
      ? answerVote(request, paperId, upvoted)
      : Promise.resolve(new ApiError("bad_request:headers", "A request header could not be read.").toResponse());
    answered.then((response) => sendResponse(res, response)).catch(failed("vote", res));
  }

  function answer(req: IncomingMessage, res: ServerResponse): void {
    prepare(req, res);
    const path = (req.url ?? "/").split("?")[0]!;
    if (PAPER_PAGE.test(path)) varyOnAccept(res);
    if (path === "/papers" && req.method === "GET" && req.headers.rsc === undefined) publicWhenOk(res);
    if (isMalformedPath(path)) {
      if (path.startsWith("/api/")) {
        void sendResponse(res, malformedApiPath());
        return;
      }
      req.url = MALFORMED_PATH;
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
