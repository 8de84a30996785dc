/** My next digest, as it would be sent now: for /settings/email/preview. Nothing is claimed or recorded. */
import "server-only";
import { getDb } from "@/db";
import { sentPapers } from "@/db/queries/digests";
import { listFollows } from "@/db/queries/follows";
import { getLatestListedDay } from "@/db/queries/papers";
import type { SessionUser } from "@/db/queries/sessions";
import { todayUtc } from "@/lib/dates";
import { digestPeriod, type DigestFrequency } from "@/lib/digest";
import { limitSearchRate } from "@/server/search/limit";
import { mySubscription, unsubscribeUrl } from "@/server/subscriptions";
import { composeDigest, planDigest, renderDigest, type RenderedDigest } from "./compose";

export type DigestPreview =
  { kind: "digest"; frequency: DigestFrequency; message: RenderedDigest } | { kind: "empty"; frequency: DigestFrequency };

/** Its search topics count against `client`'s search budget, as the following page's do (an ApiError past it). */
export async function previewMyDigest(user: SessionUser, client: string): Promise<DigestPreview> {
  const db = await getDb();
  const subscription = await mySubscription(user);
  const frequency = subscription?.frequency ?? "daily";
  const period = digestPeriod(frequency, { latestDay: await getLatestListedDay(db), today: todayUtc() });
  if (!period) return { kind: "empty", frequency };
  const follows = await listFollows(db, { userId: user.id });
  for (const follow of follows) {
    if (follow.kind === "query")
      await limitSearchRate({ client, surface: "search", asked: { topic: follow.kind, value: follow.value, digest: period.key } });
  }
  const plan = await planDigest(db, { period, topics: follows });
  const sent = subscription ? await sentPapers(db, { paperIds: [...plan.papers.keys()], subscriptionIds: [subscription.id] }) : new Map();
  const digest = composeDigest(plan, { follows, sent: sent.get(subscription?.id ?? "") ?? new Set() });
  if (!digest) return { kind: "empty", frequency };
  // Without a subscription the preview still needs a link where the real one would go.
  const unsubscribe = subscription ? unsubscribeUrl(subscription.id) : "#";
  return { kind: "digest", frequency, message: await renderDigest(plan, digest, { frequency, unsubscribeUrl: unsubscribe }) };
}
