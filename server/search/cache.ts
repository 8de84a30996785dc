/**
 * Pages computed once per process, for SEARCH_CACHE_SECONDS, one search per burst (single flight). Keyed by `papers_version`
 * (migration 0010, moved by every write to papers), so no entry outlives an ingestion, an edit or a vote fold.
 */
import "server-only";
import { sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { rowsOf, type Db } from "@/db";

export const SEARCH_CACHE_SECONDS = 30;
/** Weighed roughly: a hit is about 2 KB with its abstract. */
const MAX_BYTES = 64 * 1024 * 1024;
const HIT_BYTES = 2048;

const pages = new LRUCache<string, Promise<unknown>>({
  maxSize: MAX_BYTES,
  // Sized when stored: a pending search counts as a full page until it is resized on arrival.
  sizeCalculation: () => 120 * HIT_BYTES,
  ttl: SEARCH_CACHE_SECONDS * 1000,
});

async function papersVersion(db: Db): Promise<string> {
  const [row] = rowsOf<{ version: string | number }>(await db.execute(sql`select last_value::text as version from papers_version`));
  return String(row?.version ?? "0");
}

function keyOf(options: Record<string, unknown>): string {
  return JSON.stringify(
    Object.keys(options)
      .sort()
      .map((k) => [k, options[k]]),
  );
}

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
