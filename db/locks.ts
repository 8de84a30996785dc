import { sql } from "drizzle-orm";
import { engine, rowsOf, type Db } from "@/db";
import { LOCKS, type LockName } from "./lock-ids";

export { LOCKS, type LockName };

export type Locked<T> = { acquired: true; value: T } | { acquired: false };

const heldHere = globalThis as unknown as { __dailyPapersLocks?: Set<LockName> };

/**
 * Runs `fn` holding the lock `name`, or answers that someone else holds it. On a server the lock
 * is a transaction-level advisory lock, held by a transaction that stays open while `fn` runs on
 * other connections, so it is released even if this process dies. The embedded store belongs to
 * one process (db/embedded-lock.ts), whose single session would re-enter an advisory lock, so
 * there a flag in this process is the lock.
 */
export async function withLock<T>(db: Db, name: LockName, fn: () => Promise<T>): Promise<Locked<T>> {
  if (engine === "pglite") {
    const held = (heldHere.__dailyPapersLocks ??= new Set());
    if (held.has(name)) return { acquired: false };
    held.add(name);
    try {
      return { acquired: true, value: await fn() };
    } finally {
      held.delete(name);
    }
  }
  const result = await db.transaction(async (tx): Promise<Locked<T> | null> => {
    const [row] = rowsOf<{ locked: boolean }>(await tx.execute(sql`select pg_try_advisory_xact_lock(${LOCKS[name]}) as locked`));
    if (!row?.locked) return null;
    return { acquired: true, value: await fn() };
  });
  return result ?? { acquired: false };
}
