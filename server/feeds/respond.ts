import "server-only";
import { createHash } from "node:crypto";
import fresh from "fresh";
import { z } from "zod";
import { integerParam, parseSearchParams } from "@/lib/api/params";
import { routeParam } from "@/lib/decode";
import { ApiError, handleErrors } from "@/lib/errors";
import { FEED_ITEMS, FEED_MEDIA_TYPES, feedPath, MAX_FEED_ITEMS, splitFeedName, type FeedFormat, type FeedRef } from "@/lib/feeds";
import { topicQuerySchema } from "@/lib/follow-input";
import { plainPage } from "@/lib/plain-page";
import { clientIp } from "@/lib/request";
import { NoPublicUrlError } from "@/lib/site-url";
import { loadFeed } from "./content";
import { renderFeed } from "./render";
import { PUBLIC_DYNAMIC_CACHE } from "@/lib/response-headers";

export type FeedRoute = "listing" | "organization" | "author" | "category" | "me";

const limit = integerParam({ min: 1, max: MAX_FEED_ITEMS, fallback: FEED_ITEMS });
const plainParams = z.object({ limit });
const searchParams = z.object({
  q: z.string({ error: "required: the search, in the search page's syntax" }).pipe(topicQuerySchema),
  limit,
});

// A reader's own cache may keep the private feed, always asking first: a reset takes effect at once.
const PRIVATE_CACHE = "private, no-cache";

export function readFeedUrl(
  route: FeedRoute,
  segment: string,
  params: URLSearchParams,
): { ref: FeedRef; format: FeedFormat; limit: number } {
  const split = splitFeedName(routeParam(segment));
  if (!split)
    throw new ApiError("not_found:feed", "There is no feed here: a feed's address ends in .xml (RSS), .atom (Atom) or .json (JSON Feed).");
  const { name, format } = split;
  if (route === "listing") {
    if (name === "search") {
      const { q, limit } = parseSearchParams(params, searchParams, "feed");
      return { ref: { kind: "search", q }, format, limit };
    }
    if (name !== "daily" && name !== "trending")
      throw new ApiError("not_found:feed", "There is no such feed: see /feeds/daily.xml, /feeds/trending.xml and /feeds/search.xml?q=….");
    return { ref: { kind: name }, format, limit: parseSearchParams(params, plainParams, "feed").limit };
  }
  const { limit } = parseSearchParams(params, plainParams, "feed");
  return { ref: route === "me" ? { kind: "me", token: name } : { kind: route, value: name }, format, limit };
}

const REMEMBERED = 5_000;
const versions = new Map<string, { etag: string; since: number }>();

// The store cannot say when a feed changed (an unvote, an unfollow or trending's decay leaves no timestamp), so this process
// remembers when it first served each body; a feed not remembered changed now: one full answer, never a wrong 304.
function lastModified(key: string, etag: string, now = Date.now()): number {
  const known = versions.get(key);
  versions.delete(key);
  const since = known?.etag === etag ? known.since : Math.max(Math.floor(now / 1000) * 1000, known ? known.since + 1000 : 0);
  versions.set(key, { etag, since });
  if (versions.size > REMEMBERED) versions.delete(versions.keys().next().value!);
  return since;
}

export async function serveFeed(request: Request, route: FeedRoute, segment: string): Promise<Response> {
  const { ref, format, limit } = readFeedUrl(route, segment, new URL(request.url).searchParams);
  const content = await loadFeed(ref, limit, clientIp(request.headers));
  const body = renderFeed(content, format);
  const etag = `"${createHash("sha256").update(body).digest("base64url")}"`;
  const modified = new Date(lastModified(`${feedPath(content.ref, format)}#${limit}`, etag)).toUTCString();
  const headers: Record<string, string> = {
    ETag: etag,
    "Last-Modified": modified,
    "Cache-Control": ref.kind === "me" ? PRIVATE_CACHE : PUBLIC_DYNAMIC_CACHE,
    ...(ref.kind === "me" ? { "X-Robots-Tag": "noindex" } : {}),
  };
  const conditions = {
    "if-none-match": request.headers.get("if-none-match") ?? undefined,
    "if-modified-since": request.headers.get("if-modified-since") ?? undefined,
    "cache-control": request.headers.get("cache-control") ?? undefined,
  };
  if (fresh(conditions, { etag, "last-modified": modified })) return new Response(null, { status: 304, headers });
  return new Response(body, { headers: { ...headers, "Content-Type": `${FEED_MEDIA_TYPES[format]}; charset=utf-8` } });
}

const TITLES: Record<number, string> = {
  400: "This feed address is not right",
  404: "No such feed",
  429: "Too many searches",
  503: "Feeds are unavailable",
};

/** Errors are small pages (a person may open the address), never a 500 for bad input. */
export function feedRoute<A extends unknown[]>(handler: (request: Request, ...rest: A) => Promise<Response>) {
  return handleErrors(async (request: Request, ...rest: A) => {
    try {
      return await handler(request, ...rest);
    } catch (error) {
      if (error instanceof NoPublicUrlError) return plainPage({ status: 503, title: TITLES[503]!, message: error.message });
      if (error instanceof ApiError)
        return plainPage({
          status: error.status,
          title: TITLES[error.status] ?? "No feed",
          message: error.message,
          headers: error.headers,
        });
      throw error;
    }
  });
}
