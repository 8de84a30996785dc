import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { subscriptions, type Subscription } from "@/db/schema";
import type { DigestFrequency } from "@/lib/digest";

export async function getSubscription(db: Db, { id }: { id: string }): Promise<Subscription | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.id, id));
  return row ?? null;
}

export async function getSubscriptionByEmail(db: Db, { email }: { email: string }): Promise<Subscription | null> {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.email, email.toLowerCase()));
  return row ?? null;
}

/** The subscription of an account: the one tied to it, else the one for its address. */
export async function getUserSubscription(db: Db, { userId, email }: { userId: string; email: string | null }): Promise<Subscription | null> {
  const [row] = await db
    .select()
    .from(subscriptions)
    .where(email ? sql`${subscriptions.userId} = ${userId} or ${subscriptions.email} = ${email.toLowerCase()}` : eq(subscriptions.userId, userId))
    .orderBy(sql`(${subscriptions.userId} = ${userId}) desc`)
    .limit(1);
  return row ?? null;
}

/**
 * An active subscription for an address that is already confirmed (an account's own), at once;
 * any earlier subscription of the address takes the new frequency and the account.
 */
export async function activateSubscription(
  db: Db,
  { email, userId, frequency, now = new Date() }: { email: string; userId: string | null; frequency: DigestFrequency; now?: Date },
): Promise<Subscription> {
  const [row] = await db
    .insert(subscriptions)
    .values({ email: email.toLowerCase(), userId, frequency, status: "active", confirmedAt: now })
    .onConflictDoUpdate({
      target: subscriptions.email,
      set: {
        userId: sql`coalesce(${userId}, ${subscriptions.userId})`,
        frequency,
        status: "active",
        confirmNonce: null,
        confirmExpires: null,
        confirmedAt: sql`coalesce(${subscriptions.confirmedAt}, ${now.toISOString()}::timestamptz)`,
        updatedAt: sql`now()`,
      },
    })
    .returning();
  return row!;
}

/**
 * A subscription waiting for its address to be confirmed, with the nonce of the one link that
 * confirms it. An address that is already subscribed (active) stays as it is: null.
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
  const [row] = await db
    .insert(subscriptions)
    .values({ email: email.toLowerCase(), userId, frequency, status: "pending", confirmNonce: nonce, confirmExpires: expires })
    .onConflictDoUpdate({
      target: subscriptions.email,
      set: {
        userId: sql`coalesce(${userId}, ${subscriptions.userId})`,
        frequency,
        status: "pending",
        confirmNonce: nonce,
        confirmExpires: expires,
        updatedAt: sql`now()`,
      },
      setWhere: sql`${subscriptions.status} <> 'active'`,
    })
    .returning();
  return row ?? null;
}

/** Confirms a pending subscription with its current nonce, once, before it expires. */
export async function confirmSubscription(db: Db, { id, nonce, now = new Date() }: { id: string; nonce: string; now?: Date }): Promise<Subscription | null> {
  const [row] = await db
    .update(subscriptions)
    .set({ status: "active", confirmedAt: now, confirmNonce: null, confirmExpires: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(subscriptions.id, id),
        eq(subscriptions.status, "pending"),
        eq(subscriptions.confirmNonce, nonce),
        sql`${subscriptions.confirmExpires} > ${now.toISOString()}::timestamptz`,
      ),
    )
    .returning();
  return row ?? null;
}

/** Changes frequency or status (pause, resume, unsubscribe); null when there is no such subscription. */
export async function updateSubscription(
  db: Db,
  { id, frequency, status }: { id: string; frequency?: DigestFrequency; status?: "active" | "paused" | "unsubscribed" },
): Promise<Subscription | null> {
  const [row] = await db
    .update(subscriptions)
    .set({
      ...(frequency ? { frequency } : {}),
      ...(status ? { status } : {}),
      updatedAt: sql`now()`,
    })
    .where(
      status === "active"
        ? // Only a confirmed address comes back to life.
          and(eq(subscriptions.id, id), sql`${subscriptions.confirmedAt} is not null`)
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
    .where(and(eq(subscriptions.status, "active"), inArray(subscriptions.frequency, frequencies), sql`${subscriptions.confirmedAt} is not null`))
    .orderBy(subscriptions.id);
}
