/**
 * The search results cache: a page of results is computed once per process and reused for
 * SEARCH_CACHE_SECONDS while the papers stay as they were. Popular searches repeat (the same
 * words, typed by many), and under a burst of one query only the first request searches: the
 * others wait for its answer (single flight).
 *
 * Each entry is keyed by the search's options and the papers' version (`papers_version`, moved by
 * every statement that writes papers, migration 0010), read with each search: a cached page never
 * outlives an ingestion, an edit or a fold of the vote counts. What may lag is within the limits
 * the site already has: upvote counts shown by a result (they lag until the fold anyway, and each
 * voter's own vote is shown from their vote states, not from the count).
 */
import "server-only";
import { sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { rowsOf, type Db } from "@/db";

/** How long a cached page is served, at most. */
export const SEARCH_CACHE_SECONDS = 30;
/** What the cache may hold, counted roughly (a hit weighs about 2 KB with its abstract). */
const MAX_BYTES = 64 * 1024 * 1024;
const HIT_BYTES = 2048;

const pages = new LRUCache<string, Promise<unknown>>({
  maxSize: MAX_BYTES,
  // Sized when stored: a pending search counts as a full page until it is resized on arrival.
  sizeCalculation: () => 120 * HIT_BYTES,
  ttl: SEARCH_CACHE_SECONDS * 1000,
});

/** The papers' version: an entry made under an older one is never served. */
async function papersVersion(db: Db): Promise<string> {
  const [row] = rowsOf<{ version: string | number }>(await db.execute(sql`select last_value::text as version from papers_version`));
  return String(row?.version ?? "0");
}

/** Stable whatever order the options were written in. */
function keyOf(options: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(options)
      .sort()
      .map((k) => [k, options[k]]),
  );
}

/**
 * The cached answer of `compute` for these options, or a fresh one (stored when it succeeds; a
 * failure is never cached). `weight` tells how many hits the answer holds.
 */
export async function cachedSearch<T>(
  db: Db,
  options: Record<string, unknown>,
  compute: () => Promise<T>,
  weight: (page: T) => number,
): Promise<T> {
  const key = `${await papersVersion(db)}|${keyOf(options)}`;
  const held = pages.get(key) as Promise<T> | undefined;
  if (held) return held;
  const pending = compute();
  pages.set(key, pending);
  try {
    const page = await pending;
    if (pages.get(key) === pending) pages.set(key, pending, { size: 1024 + weight(page) * HIT_BYTES, noUpdateTTL: true });
    return page;
  } catch (error) {
    if (pages.get(key) === pending) pages.delete(key);
    throw error;
  }
}
