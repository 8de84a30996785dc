import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { follows, type Follow } from "@/db/schema";
import type { FollowKind } from "@/lib/follows";

export async function listFollows(db: Db, { userId }: { userId: string }): Promise<Follow[]> {
  return db.select().from(follows).where(eq(follows.userId, userId)).orderBy(desc(follows.createdAt), asc(follows.id));
}

export async function countFollows(db: Db, { userId }: { userId: string }): Promise<number> {
  const [row] = await db.select({ n: count() }).from(follows).where(eq(follows.userId, userId));
  return row?.n ?? 0;
}

/** The unique index on user, kind and value decides, whatever runs concurrently. */
export async function createFollow(
  db: Db,
  { userId, kind, value }: { userId: string; kind: FollowKind; value: string },
): Promise<{ follow: Follow; created: boolean }> {
  const [inserted] = await db.insert(follows).values({ userId, kind, value }).onConflictDoNothing().returning();
  if (inserted) return { follow: inserted, created: true };
  const [existing] = await db
    .select()
    .from(follows)
    .where(and(eq(follows.userId, userId), eq(follows.kind, kind), eq(follows.value, value)));
  if (!existing) throw new Error("a follow that conflicted is gone");
  return { follow: existing, created: false };
}

export async function deleteFollow(db: Db, { userId, id }: { userId: string; id: string }): Promise<boolean> {
  const deleted = await db
    .delete(follows)
    .where(and(eq(follows.id, id), eq(follows.userId, userId)))
    .returning({ id: follows.id });
  return deleted.length > 0;
}

export async function followsOfUsers(db: Db, { userIds }: { userIds: string[] }): Promise<Map<string, Follow[]>> {
  const out = new Map<string, Follow[]>();
  if (userIds.length === 0) return out;
  const rows = await db.select().from(follows).where(inArray(follows.userId, userIds)).orderBy(asc(follows.createdAt), asc(follows.id));
  for (const row of rows) out.set(row.userId, [...(out.get(row.userId) ?? []), row]);
  return out;
}
