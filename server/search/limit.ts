/** One budget per client and minute; a query counts once while ./cache.ts may hold its answer, so a reload costs nothing more. */
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

const counted = new LRUCache<string, true>({
  maxSize: 8 * 1024 * 1024,
  sizeCalculation: (_, key) => key.length + 64,
  ttl: SEARCH_CACHE_SECONDS * 1000,
});

function queryKey(asked: Record<string, unknown>): string {
  const stable = JSON.stringify(
    Object.keys(asked)
      .sort()
      .map((k) => [k, asked[k]]),
  );
  return createHash("sha1").update(stable).digest("base64url");
}

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

/** proxy.ts asks this before the search page renders, since a rendered page cannot answer 429. */
export async function searchPageRefusal(request: Request): Promise<Response | null> {
  const raw: Record<string, string[]> = {};
  for (const [name, value] of new URL(request.url).searchParams) (raw[name] ??= []).push(value);
  const { params, refused } = readSearchPageParams(raw);
  if (refused || !isSearch(params)) return null;
  try {
    await limitSearchRate({
      client: clientIp(request.headers),
      surface: "search",
      asked: searchAsked({ ...params, offset: params.p * params.limit }),
    });
    return null;
  } catch (error) {
    return tooManySearchesPage(error, { href: "/", label: "Today’s papers" });
  }
}

/** A search refusal (429) as a small page for a person, with a way on; any other error is thrown again. */
export function tooManySearchesPage(error: unknown, link: { href: string; label: string }): Response {
  if (!(error instanceof ApiError) || error.status !== 429) throw error;
  return plainPage({ status: 429, title: "Too many searches", message: error.message, links: [link], headers: error.headers });
}

export function forgetCountedSearches(): void {
  counted.clear();
}
