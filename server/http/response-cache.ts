/**
 * The edge's response cache: a public response's exact bytes, kept a few seconds and resent as they are. Next.js's ISR cache
 * still routes, encodes and gzips each request (a cached 220-paper day page: 127 req/s gzipped, 683 as a static file).
 * Holds only what a shared cache may (a public 200 without cookie, asked without credentials), varies as `Vary` says, serves
 * a stale copy while one request refreshes it, and makes a burst one render (as nginx's proxy_cache and proxy_cache_lock).
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import fresh from "fresh";
import { LRUCache } from "lru-cache";

export const RESPONSE_CACHE_SECONDS = 5;
const MAX_BYTES = 64 * 1024 * 1024;
// Bookkeeping is weighed per map: URLs run to 16 KB, so an entry count alone let 50,000 URLs hold 1.8 GB.
const MAX_BOOKKEEPING_BYTES = 8 * 1024 * 1024;
const ENTRY_OVERHEAD = 96;
const MAX_WAIT_MS = 10_000;
const MAX_ENTRY_BYTES = 4 * 1024 * 1024;

const BYPASS_REQUEST_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
  "authorization",
  "range",
];
const NAVIGATION_VARY = new Set(["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch"]);
const HOP_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "date", "content-length", "age"]);
/** What a 304 carries of the response it stands for (RFC 9110 15.4.5). */
const NOT_MODIFIED_HEADERS = ["etag", "last-modified", "cache-control", "vary", "expires", "content-location"];

type Entry = {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
  storedAt: number;
  expiresAt: number;
  staleUntil: number;
  refreshing: boolean;
};

function directivesOf(cacheControl: string | undefined): Map<string, string> {
  const directives = new Map<string, string>();
  for (const part of (cacheControl ?? "").toLowerCase().split(",")) {
    const [name, value = ""] = part.trim().split("=", 2);
    if (name) directives.set(name.trim(), value.trim().replace(/^"|"$/g, ""));
  }
  return directives;
}

function secondsOf(directives: Map<string, string>, name: string): number | null {
  const value = directives.get(name);
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : null;
}

export function sharedFreshness(cacheControl: string | undefined): number {
  const directives = directivesOf(cacheControl);
  if (directives.has("private") || directives.has("no-store") || directives.has("no-cache")) return 0;
  const shared = secondsOf(directives, "s-maxage");
  if (shared !== null) return shared;
  const maxAge = secondsOf(directives, "max-age");
  return directives.has("public") && maxAge !== null ? maxAge : 0;
}

export function staleAllowance(cacheControl: string | undefined): number {
  return secondsOf(directivesOf(cacheControl), "stale-while-revalidate") ?? 0;
}

function varyTokens(vary: string | undefined): string[] | null {
  if (!vary) return [];
  const tokens = vary
    .toLowerCase()
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t && !NAVIGATION_VARY.has(t));
  return tokens.includes("*") ? null : [...new Set(tokens)].sort();
}

function headerText(value: string | string[] | number | undefined): string {
  return Array.isArray(value) ? value.join(", ") : value === undefined ? "" : String(value);
}

export class ResponseCache {
  private readonly entries: LRUCache<string, Entry>;
  private readonly varyOf = new LRUCache<string, string[]>({
    maxSize: MAX_BOOKKEEPING_BYTES,
    sizeCalculation: (vary, url) => url.length + vary.join().length + ENTRY_OVERHEAD,
  });
  private readonly leaders = new Map<string, Promise<void>>();
  private readonly unkept = new LRUCache<string, true>({
    maxSize: MAX_BOOKKEEPING_BYTES,
    ttl: 60_000,
    sizeCalculation: (_, url) => url.length + ENTRY_OVERHEAD,
  });
  private readonly seconds: number;
  private readonly now: () => number;

  constructor({
    seconds = RESPONSE_CACHE_SECONDS,
    maxBytes = MAX_BYTES,
    now = Date.now,
  }: { seconds?: number; maxBytes?: number; now?: () => number } = {}) {
    this.seconds = seconds;
    this.now = now;
    this.entries = new LRUCache<string, Entry>({
      maxSize: maxBytes,
      sizeCalculation: (entry, key) => entry.body.length + key.length + 1024,
    });
  }

  private static eligible(req: IncomingMessage): boolean {
    return req.method === "GET" && !BYPASS_REQUEST_HEADERS.some((name) => req.headers[name] !== undefined);
  }

  private static keyOf(url: string, vary: string[], req: IncomingMessage): string {
    return [url, ...vary.map((name) => headerText(req.headers[name]))].join("\u0000");
  }

  private sendIfHeld(
    req: IncomingMessage,
    res: ServerResponse,
    url: string,
  ): { entry: Entry | undefined; key: string | null; sent: boolean; stale: boolean } {
    const vary = this.varyOf.get(url);
    const key = vary ? ResponseCache.keyOf(url, vary, req) : null;
    const entry = key ? this.entries.get(key) : undefined;
    const now = this.now();
    // Past its time a copy is still sent for as long again while one request refreshes it (nginx's `proxy_cache_use_stale
    // updating`), so a page rendered per request is not rendered by every request arriving meanwhile.
    const stale = entry !== undefined && entry.expiresAt <= now && now < entry.staleUntil;
    if (!entry || !(entry.expiresAt > now || (stale && entry.refreshing))) return { entry, key, sent: false, stale };
    const age = String(Math.floor((now - entry.storedAt) / 1000));
    const mark = entry.expiresAt > now ? "HIT" : "STALE";
    if (fresh(req.headers, entry.headers)) {
      const headers: OutgoingHttpHeaders = { age, "x-response-cache": mark };
      for (const name of NOT_MODIFIED_HEADERS) if (entry.headers[name] !== undefined) headers[name] = entry.headers[name];
      res.writeHead(304, headers);
      res.end();
    } else {
      res.writeHead(entry.status, { ...entry.headers, "content-length": entry.body.length, age, "x-response-cache": mark });
      res.end(entry.body);
    }
    return { entry, key, sent: true, stale };
  }

  /** A URL whose response could not be kept is not waited on again for a minute. */
  serve(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    if (this.seconds <= 0 || !ResponseCache.eligible(req)) return next();
    const url = req.url ?? "/";
    const { entry, key, sent, stale } = this.sendIfHeld(req, res, url);
    if (sent) return;
    if (entry && stale) {
      entry.refreshing = true;
      res.once("close", () => void (entry.refreshing = false));
      this.capture(url, req, res);
      return next();
    }
    if (key && entry) this.entries.delete(key);
    const flight = [url, headerText(req.headers["accept-encoding"]), headerText(req.headers.accept)].join("\u0000");
    const waitable = !this.unkept.has(url);
    const leader = waitable ? this.leaders.get(flight) : undefined;
    if (!leader) {
      const kept = this.capture(url, req, res);
      if (waitable) {
        const answered = new Promise<void>((resolve) =>
          res.once("close", () => {
            this.leaders.delete(flight);
            if (!kept.stored) this.unkept.set(url, true);
            resolve();
          }),
        );
        this.leaders.set(flight, answered);
      }
      return next();
    }
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, MAX_WAIT_MS)));
    void Promise.race([leader, waited]).then(() => {
      clearTimeout(timer);
      if (res.destroyed || res.headersSent) return;
      if (this.sendIfHeld(req, res, url).sent) return;
      this.capture(url, req, res);
      next();
    });
  }

  private capture(url: string, req: IncomingMessage, res: ServerResponse): { stored: boolean } {
    const kept = { stored: false };
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    let checked = false;
    const keep = (chunk: unknown, encoding: unknown) => {
      if (!checked) {
        // Headers are final once the body starts; most responses are not kept, so their bytes are not copied.
        checked = true;
        overflow = res.statusCode !== 200 || sharedFreshness(headerText(res.getHeader("cache-control"))) <= 0;
      }
      if (overflow || chunk === undefined || chunk === null || typeof chunk === "function") return;
      const buffer =
        chunk instanceof Uint8Array
          ? Buffer.from(chunk)
          : Buffer.from(String(chunk), typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8");
      size += buffer.length;
      if (size > MAX_ENTRY_BYTES) {
        overflow = true;
        chunks.length = 0;
      } else chunks.push(buffer);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
      keep(chunk, rest[0]);
      return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as ServerResponse["write"];
    res.end = function (this: ServerResponse, ...args: unknown[]) {
      if (args.length > 0 && typeof args[0] !== "function") keep(args[0], args[1]);
      return (end as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as ServerResponse["end"];
    res.once("finish", () => {
      if (overflow || res.statusCode !== 200) return;
      const headers = res.getHeaders();
      if (headers["set-cookie"] !== undefined || headers["content-type"] === undefined) return;
      const freshness = Math.min(this.seconds, sharedFreshness(headerText(headers["cache-control"])));
      const vary = varyTokens(headerText(headers.vary));
      if (freshness <= 0 || vary === null) return;
      const stored: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(headers)) if (!HOP_HEADERS.has(name) && value !== undefined) stored[name] = value;
      const body = Buffer.concat(chunks);
      stored.etag ??= `"${createHash("sha256").update(body).digest("base64url")}"`;
      const now = this.now();
      const expiresAt = now + freshness * 1000;
      const staleUntil = expiresAt + Math.min(this.seconds, staleAllowance(headerText(headers["cache-control"]))) * 1000;
      this.varyOf.set(url, vary);
      this.entries.set(ResponseCache.keyOf(url, vary, req), {
        status: 200,
        headers: stored,
        body,
        storedAt: now,
        expiresAt,
        staleUntil,
        refreshing: false,
      });
      kept.stored = true;
    });
    return kept;
  }
}
