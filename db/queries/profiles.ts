/** Handles (lib/handles.ts): choosing and changing one, and finding an account by it, old handles leading to new ones. */
import { and, eq, gt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { handleHistory, users } from "@/db/schema";
import { handleKey, handleProblem, suggestHandle, withSuffix } from "@/lib/handles";

/** How long a handle given up leads to its account's new one, and stays out of anyone else's reach. */
export const HANDLE_KEPT_DAYS = 90;
const ALTERNATIVES = 50;

export type HandleResult = { ok: true; handle: string } | { ok: false; reason: string };

const TAKEN = "That handle is taken.";

/** PostgreSQL's unique_violation, as postgres.js and PGlite report it (drizzle may wrap it). */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/** The unique index decides between two people taking one handle at once. */
export async function setHandle(
  db: Db,
  { userId, handle, now = new Date() }: { userId: string; handle: string; now?: Date },
): Promise<HandleResult> {
  const problem = handleProblem(handle);
  if (problem) return { ok: false, reason: problem };
  const key = handleKey(handle);
  const keptSince = new Date(now.getTime() - HANDLE_KEPT_DAYS * 86_400_000);
  try {
    return await db.transaction(async (tx) => {
      const [held] = await tx
        .select({ userId: handleHistory.userId })
        .from(handleHistory)
        .where(and(eq(handleHistory.handleKey, key), ne(handleHistory.userId, userId), gt(handleHistory.replacedAt, keptSince)));
      if (held) return { ok: false, reason: TAKEN };
      const [user] = await tx.select({ handle: users.handle }).from(users).where(eq(users.id, userId));
      if (!user) return { ok: false, reason: "No such account." };
      if (user.handle && handleKey(user.handle) !== key) {
        await tx
          .insert(handleHistory)
          .values({ handleKey: handleKey(user.handle), userId, replacedAt: now })
          .onConflictDoUpdate({ target: handleHistory.handleKey, set: { userId, replacedAt: now } });
      }
      await tx.delete(handleHistory).where(eq(handleHistory.handleKey, key));
      await tx.update(users).set({ handle, updatedAt: now }).where(eq(users.id, userId));
      return { ok: true, handle };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: TAKEN };
    throw error;
  }
}

/** At first sign-in: the first free handle of the suggestion and its numbered alternatives. */
export async function assignHandle(
  db: Db,
  { userId, candidates }: { userId: string; candidates: (string | null | undefined)[] },
): Promise<string> {
  const [user] = await db.select({ handle: users.handle }).from(users).where(eq(users.id, userId));
  if (user?.handle) return user.handle;
  const base = suggestHandle(candidates);
  for (let n = 1; n <= ALTERNATIVES; n += 1) {
    const result = await setHandle(db, { userId, handle: n === 1 ? base : withSuffix(base, n) });
    if (result.ok) return result.handle;
  }
  // Fifty taken alternatives: a random one is as good as any.
  const result = await setHandle(db, { userId, handle: withSuffix(base, 1000 + Math.floor(Math.random() * 9_000_000)) });
  if (!result.ok) throw new Error(`no handle could be assigned: ${result.reason}`);
  return result.handle;
}

export type HandleOwner = { userId: string; handle: string; name: string | null; redirect: boolean };

/** The account a handle names; `redirect` when it is an old handle of an account now under another one. */
export async function findByHandle(db: Db, { handle, now = new Date() }: { handle: string; now?: Date }): Promise<HandleOwner | null> {
  // Anything a URL may bring: a string no handle could be is nobody.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(handle)) return null;
  const key = handleKey(handle);
  const [current] = await db
    .select({ userId: users.id, handle: users.handle, name: users.name })
    .from(users)
    .where(sql`lower(${users.handle}) = ${key}`);
  if (current?.handle) return { userId: current.userId, handle: current.handle, name: current.name, redirect: current.handle !== handle };
  const keptSince = new Date(now.getTime() - HANDLE_KEPT_DAYS * 86_400_000);
  const [old] = await db
    .select({ userId: users.id, handle: users.handle, name: users.name })
    .from(handleHistory)
    .innerJoin(users, eq(users.id, handleHistory.userId))
    .where(and(eq(handleHistory.handleKey, key), gt(handleHistory.replacedAt, keptSince)));
  return old?.handle ? { userId: old.userId, handle: old.handle, name: old.name, redirect: true } : null;
}
