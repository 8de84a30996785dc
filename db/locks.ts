import { sql } from "drizzle-orm";
import { engine, rowsOf, type Db } from "@/db";
import { LOCKS, type LockName } from "./lock-ids";

export { LOCKS, type LockName };

export type Locked<T> = { acquired: true; value: T } | { acquired: false };

const heldHere = globalThis as unknown as { __dailyPapersLocks?: Set<LockName> };

/** An advisory lock held by an open transaction is released even if this process dies; PGlite's single session would re-enter one, so there a flag is the lock. */
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
