/**
 * One search budget per client and minute, whichever way a query reaches the engine: the search
 * page (through proxy.ts, which can answer 429), the search APIs, suggestions, the search feed and
 * the reads of followed topics. A query is counted once per client while the search cache may
 * still hold its answer (server/search/cache.ts): a page and the API asking the same query, or a
 * reload, cost nothing more, and a repeat after that is counted again as it is computed again.
 */
import "server-only";
import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";
import { ApiError } from "@/lib/errors";
import { plainPage } from "@/lib/plain-page";
import { clientIp } from "@/lib/request";
import { isSearch, readSearchPageParams } from "@/lib/search/params";
import { limitRate } from "@/server/rate-limit";
import { searchAsked } from "./results";
import { SEARCH_CACHE_SECONDS } from "./cache";

/** A suggestion reads five results where a search reads a page: it counts a share of one, as the two limits say. */
export type SearchSurface = "search" | "suggest";

/** Remembered (client, query) pairs, bounded in bytes: each key is a client address and a hash. */
const counted = new LRUCache<string, true>({
  maxSize: 8 * 1024 * 1024,
  sizeCalculation: (_, key) => key.length + 64,
  ttl: SEARCH_CACHE_SECONDS * 1000,
});

/** What makes two asks one query: every option that changes what the engine computes. */
function queryKey(asked: Record<string, unknown>): string {
  const stable = JSON.stringify(
    Object.keys(asked)
      .sort()
      .map((k) => [k, asked[k]]),
  );
  return createHash("sha1").update(stable).digest("base64url");
}

/**
 * Counts a query against the client's minute, once while its answer may be cached; an ApiError
 * (429, with Retry-After) past the budget.
 */
export async function limitSearchRate({
  client,
  surface,
  asked,
}: {
  client: string;
  surface: SearchSurface;
  asked: Record<string, unknown>;
}): Promise<void> {
  const key = `${client} ${queryKey(asked)}`;
  if (counted.has(key)) return;
  await limitRate(surface, client);
  counted.set(key, true);
}

/**
 * The search page's answer when its client is past the budget, else null: proxy.ts asks before
 * the page renders, since a rendered page cannot answer 429. It reads the URL as the page does.
 */
export async function searchPageRefusal(request: Request): Promise<Response | null> {
  const raw: Record<string, string[]> = {};
  for (const [name, value] of new URL(request.url).searchParams) (raw[name] ??= []).push(value);
  const { params } = readSearchPageParams(raw);
  if (!isSearch(params)) return null;
  try {
    await limitSearchRate({
      client: clientIp(request.headers),
      surface: "search",
      asked: searchAsked({ ...params, offset: params.p * params.limit }),
    });
    return null;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 429) throw error;
    return plainPage({
      status: 429,
      title: "Too many searches",
      message: error.message,
      links: [{ href: "/", label: "Today’s papers" }],
      headers: error.headers,
    });
  }
}

/** Forgets which queries were counted (tests: as a freshly started process). */
export function forgetCountedSearches(): void {
  counted.clear();
}
