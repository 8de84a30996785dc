import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { feedTokens } from "@/db/schema";

export async function getFeedSelector(db: Db, { userId }: { userId: string }): Promise<string | null> {
  const [row] = await db.select({ selector: feedTokens.selector }).from(feedTokens).where(eq(feedTokens.userId, userId));
  return row?.selector ?? null;
}

/** Two first asks at once agree: the primary key lets one insert through, and both read what it wrote. */
export async function ensureFeedSelector(db: Db, { userId, selector }: { userId: string; selector: string }): Promise<string> {
  await db.insert(feedTokens).values({ userId, selector }).onConflictDoNothing({ target: feedTokens.userId });
  const current = await getFeedSelector(db, { userId });
  if (!current) throw new Error("a feed token that was just written is gone");
  return current;
}

export async function replaceFeedSelector(db: Db, { userId, selector }: { userId: string; selector: string }): Promise<void> {
  await db
    .insert(feedTokens)
    .values({ userId, selector })
    .onConflictDoUpdate({ target: feedTokens.userId, set: { selector, updatedAt: sql`now()` } });
}

export async function findFeedSelectorUser(db: Db, { selector }: { selector: string }): Promise<string | null> {
  const [row] = await db.select({ userId: feedTokens.userId }).from(feedTokens).where(eq(feedTokens.selector, selector));
  return row?.userId ?? null;
}
