import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { subscriptions, type Subscription } from "@/db/schema";
import type { DigestFrequency } from "@/lib/digest";

export async function getSubscription(db: Db, { id }: { id: string }): Promise<Subscription | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  return row ?? null;
}

/** A row of another account is never the account's, whatever its address. */
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

/** The address is proven by sign-in; an unsubscribed row, or another account's, is left alone (null): only a mailed link brings it back. */
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

/** An existing row keeps its owner, status and frequency until the mailed link confirms the request beside them. */
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

export async function listRecipients(db: Db, { frequencies }: { frequencies: DigestFrequency[] }): Promise<Subscription[]> {
  return db
    .select()
    .from(subscriptions)
    .where(
      and(eq(subscriptions.status, "active"), inArray(subscriptions.frequency, frequencies), sql`${subscriptions.confirmedAt} is not null`),
    )
    .orderBy(subscriptions.id);
}
