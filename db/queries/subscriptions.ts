import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { subscriptions, type Subscription } from "@/db/schema";
import type { DigestFrequency } from "@/lib/digest";

export async function getSubscription(db: Db, { id }: { id: string }): Promise<Subscription | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  return row ?? null;
}

/**
 * The subscription of an account: the one it owns, else an address-only one for its own address.
 * A row of another account is never the account's, whatever its address.
 */
export async function getUserSubscription(
  db: Db,
  { userId, email }: { userId: string; email: string | null },
): Promise<Subscription | null> {
  const [row] = await db
    .select()
    .from(subscriptions)
    .where(
      email
        ? sql`${subscriptions.userId} = ${userId} or (${subscriptions.email} = ${email.toLowerCase()} and ${subscriptions.userId} is null)`
        : eq(subscriptions.userId, userId),
    )
    .orderBy(sql`(${subscriptions.userId} is not distinct from ${userId}) desc`)
    .limit(1);
  return row ?? null;
}

const clearRequest = { confirmNonce: null, confirmExpires: null, confirmFrequency: null, confirmUserId: null } as const;

/**
 * The account's own address (proven by sign-in), active at once for that account: a new row, or
 * one that is address-only or the account's already. An unsubscribed row, or one of another
 * account, is left as it is: null (only a link mailed to the address brings it back).
 */
export async function activateSubscription(
  db: Db,
  { email, userId, frequency, now = new Date() }: { email: string; userId: string; frequency: DigestFrequency; now?: Date },
): Promise<Subscription | null> {
  const [row] = await db
    .insert(subscriptions)
    .values({ email: email.toLowerCase(), userId, frequency, status: "active", confirmedAt: now })
    .onConflictDoUpdate({
      target: subscriptions.email,
      set: {
        userId,
        frequency,
        status: "active",
        ...clearRequest,
        confirmedAt: sql`coalesce(${subscriptions.confirmedAt}, ${now.toISOString()}::timestamptz)`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${subscriptions.status} <> 'unsubscribed' and (${subscriptions.userId} is null or ${subscriptions.userId} = ${userId})`,
    })
    .returning();
  return row ?? null;
}

/**
 * Records a request to subscribe an address, waiting for the one link that confirms it (its
 * nonce). A new address gets a `pending` row; an existing row keeps its owner, status and
 * frequency, and only the request beside them is replaced. `userId` is the account whose own
 * address this is, or null. Null when there is nothing to confirm: the row is active and the
 * request would give it no other account.
 */
export async function requestSubscription(
  db: Db,
  {
    email,
    userId = null,
    frequency,
    nonce,
    expires,
  }: { email: string; userId?: string | null; frequency: DigestFrequency; nonce: string; expires: Date },
): Promise<Subscription | null> {
  const request = { confirmNonce: nonce, confirmExpires: expires, confirmFrequency: frequency, confirmUserId: userId };
  const [row] = await db
    .insert(subscriptions)
    .values({ email: email.toLowerCase(), userId: null, frequency, status: "pending", ...request })
    .onConflictDoUpdate({
      target: subscriptions.email,
      set: { ...request, updatedAt: sql`now()` },
      setWhere: sql`${subscriptions.status} <> 'active' or ${subscriptions.userId} is distinct from coalesce(${userId}, ${subscriptions.userId})`,
    })
    .returning();
  return row ?? null;
}

/**
 * Follows a confirmation link, once, before it expires: whatever the row's state, it becomes
 * active with the frequency (and the account) the request asked for.
 */
export async function confirmSubscription(
  db: Db,
  { id, nonce, now = new Date() }: { id: string; nonce: string; now?: Date },
): Promise<Subscription | null> {
  const [row] = await db
    .update(subscriptions)
    .set({
      status: "active",
      frequency: sql`coalesce(${subscriptions.confirmFrequency}, ${subscriptions.frequency})`,
      userId: sql`coalesce(${subscriptions.confirmUserId}, ${subscriptions.userId})`,
      confirmedAt: now,
      ...clearRequest,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(subscriptions.id, id),
        eq(subscriptions.confirmNonce, nonce),
        sql`${subscriptions.confirmExpires} > ${now.toISOString()}::timestamptz`,
      ),
    )
    .returning();
  return row ?? null;
}

/**
 * Changes frequency or status (pause, resume, unsubscribe); null when there is no such
 * subscription, or `active` is asked of one that is unsubscribed or was never confirmed.
 */
export async function updateSubscription(
  db: Db,
  { id, frequency, status }: { id: string; frequency?: DigestFrequency; status?: "active" | "paused" | "unsubscribed" },
): Promise<Subscription | null> {
  const [row] = await db
    .update(subscriptions)
    .set({
      ...(frequency ? { frequency } : {}),
      ...(status ? { status } : {}),
      // An unsubscribe also voids a confirmation link mailed before it.
      ...(status === "unsubscribed" ? clearRequest : {}),
      updatedAt: sql`now()`,
    })
    .where(
      status === "active"
        ? // Only a confirmed address that did not unsubscribe comes back this way.
          and(eq(subscriptions.id, id), sql`${subscriptions.confirmedAt} is not null and ${subscriptions.status} <> 'unsubscribed'`)
        : eq(subscriptions.id, id),
    )
    .returning();
  return row ?? null;
}

/** The confirmed, active subscribers of the given frequencies. */
export async function listRecipients(db: Db, { frequencies }: { frequencies: DigestFrequency[] }): Promise<Subscription[]> {
  return db
    .select()
    .from(subscriptions)
    .where(
      and(eq(subscriptions.status, "active"), inArray(subscriptions.frequency, frequencies), sql`${subscriptions.confirmedAt} is not null`),
    )
    .orderBy(subscriptions.id);
}
