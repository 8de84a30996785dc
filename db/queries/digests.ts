import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { digestDeliveries, digestPapers, type DeliveryStatus } from "@/db/schema";

/** One statement, so concurrent runs cannot both win one; a failed digest is claimed again up to `maxAttempts`. */
export async function claimDeliveries(
  db: Db,
  { period, claims, maxAttempts }: { period: string; claims: { subscriptionId: string; messageId: string }[]; maxAttempts: number },
): Promise<Set<string>> {
  if (claims.length === 0) return new Set();
  const rows = await db
    .insert(digestDeliveries)
    .values(claims.map(({ subscriptionId, messageId }) => ({ subscriptionId, period, messageId })))
    .onConflictDoUpdate({
      target: [digestDeliveries.subscriptionId, digestDeliveries.period],
      set: { status: "claimed", attempts: sql`${digestDeliveries.attempts} + 1`, error: null, updatedAt: sql`now()` },
      setWhere: sql`${digestDeliveries.status} = 'failed' and ${digestDeliveries.attempts} < ${maxAttempts}`,
    })
    .returning({ subscriptionId: digestDeliveries.subscriptionId });
  return new Set(rows.map((r) => r.subscriptionId));
}

export async function markDeliverySent(
  db: Db,
  { subscriptionId, period, paperIds }: { subscriptionId: string; period: string; paperIds: string[] },
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(digestDeliveries)
      .set({ status: "sent", error: null, updatedAt: sql`now()` })
      .where(and(eq(digestDeliveries.subscriptionId, subscriptionId), eq(digestDeliveries.period, period)));
    if (paperIds.length > 0) {
      await tx
        .insert(digestPapers)
        .values(paperIds.map((paperId) => ({ subscriptionId, paperId, period })))
        .onConflictDoNothing();
    }
  });
}

export async function markDeliveryFailed(
  db: Db,
  { subscriptionId, period, error }: { subscriptionId: string; period: string; error: string },
): Promise<void> {
  await db
    .update(digestDeliveries)
    .set({ status: "failed", error: error.slice(0, 500), updatedAt: sql`now()` })
    .where(and(eq(digestDeliveries.subscriptionId, subscriptionId), eq(digestDeliveries.period, period)));
}

export async function sentPapers(
  db: Db,
  { paperIds, subscriptionIds }: { paperIds: string[]; subscriptionIds: string[] },
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (paperIds.length === 0 || subscriptionIds.length === 0) return out;
  const rows = await db
    .select({ subscriptionId: digestPapers.subscriptionId, paperId: digestPapers.paperId })
    .from(digestPapers)
    .where(and(inArray(digestPapers.subscriptionId, subscriptionIds), inArray(digestPapers.paperId, paperIds)));
  for (const r of rows) {
    const set = out.get(r.subscriptionId) ?? new Set<string>();
    set.add(r.paperId);
    out.set(r.subscriptionId, set);
  }
  return out;
}

export async function deliveriesOf(
  db: Db,
  { period }: { period: string },
): Promise<Map<string, { status: DeliveryStatus; attempts: number }>> {
  const rows = await db
    .select({ subscriptionId: digestDeliveries.subscriptionId, status: digestDeliveries.status, attempts: digestDeliveries.attempts })
    .from(digestDeliveries)
    .where(eq(digestDeliveries.period, period));
  return new Map(rows.map((r) => [r.subscriptionId, { status: r.status, attempts: r.attempts }]));
}
