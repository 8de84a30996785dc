import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { rateLimits } from "@/db/schema";

/** Atomic under concurrency: one upsert. */
export async function consumeRateLimit(
  db: Db,
  {
    key,
    limit,
    windowSeconds,
    cost = 1,
    now = new Date(),
  }: { key: string; limit: number; windowSeconds: number; cost?: number; now?: Date },
): Promise<{ allowed: boolean; count: number; retryAfterSeconds: number }> {
  const windowMs = windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart, count: cost })
    .onConflictDoUpdate({
      target: [rateLimits.key, rateLimits.windowStart],
      set: { count: sql`${rateLimits.count} + ${cost}` },
    })
    .returning({ count: rateLimits.count });
  // Old windows of this key are never read again.
  await db.delete(rateLimits).where(and(eq(rateLimits.key, key), lt(rateLimits.windowStart, windowStart)));
  const count = row?.count ?? cost;
  return {
    allowed: count <= limit,
    count,
    retryAfterSeconds: Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000),
  };
}
