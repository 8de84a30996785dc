/**
 * The digest, a background job: for each frequency asked, the period it covers, its plan (top
 * papers, each distinct topic once), and one message per confirmed subscriber with anything new.
 *
 * Exactly once per subscriber and period: a delivery row keyed (subscriber, period) is claimed in
 * one statement before the message is sent, and marked sent (with the papers it held) after. A
 * second run, at once or later, finds the claim and sends nothing; a run that dies leaves the rest
 * unclaimed for the next. A refused message is marked failed and retried by later runs, up to
 * MAX_ATTEMPTS; the Message-ID is the same on every attempt, derived from the key.
 */
import "server-only";
import type { Db } from "@/db";
import { claimDelivery, deliveriesOf, markDeliveryFailed, markDeliverySent, sentPapers } from "@/db/queries/digests";
import { followsOfUsers } from "@/db/queries/follows";
import { getLatestListedDay } from "@/db/queries/papers";
import { listRecipients } from "@/db/queries/subscriptions";
import type { Follow, Subscription } from "@/db/schema";
import { todayUtc } from "@/lib/dates";
import { DIGEST_FREQUENCIES, digestPeriod, type DigestFrequency, type DigestPeriod } from "@/lib/digest";
import { env } from "@/lib/env";
import { topicKey } from "@/lib/follows";
import { siteUrl } from "@/lib/site-url";
import { sendMail, type OutgoingMail } from "@/server/email/mailer";
import type { Job } from "@/server/jobs/job";
import { unsubscribeUrl } from "@/server/subscriptions";
import { composeDigest, planDigest, renderDigest, type DigestPlan } from "./compose";

/** Attempts at one digest (a refused message is retried by later runs until then). */
export const MAX_ATTEMPTS = 3;
/** Messages composed and sent at once (the SMTP pool has a few connections). */
const CONCURRENCY = 8;
/** Subscribers read (with what they were sent) at a time. */
const BATCH = 500;
/** Sends failing this many times in a row stop the run: the mail server is down, and later runs should not use up attempts. */
const FAILURES_IN_A_ROW = 20;

export interface DigestParams {
  frequencies: DigestFrequency[];
  /** The day the run counts from (UTC): weekly digests cover the last complete ISO week before it. */
  today?: string;
}

export interface DigestTimings {
  /** The plan: the period's top papers and every distinct topic's matches. */
  topicsMs: number;
  /** Cutting and rendering messages (summed over messages). */
  composeMs: number;
  /** Handing messages to the mail server (summed over messages). */
  sendMs: number;
  totalMs: number;
}

export interface DigestPeriodResult {
  frequency: DigestFrequency;
  /** `day:2026-03-09`, `week:2026-W11`, or null when there is nothing to cover yet. */
  period: string | null;
  subscribers: number;
  topics: number;
  sent: number;
  skipped: number;
  failed: number;
  timings: DigestTimings;
}

export interface DigestResult extends Record<string, unknown> {
  /** The period covered (both, space-separated, when a run covers daily and weekly). */
  period: string | null;
  periods: DigestPeriodResult[];
  sent: number;
  skipped: number;
  failed: number;
}

/** How a message reaches the mail server: the app's transport, or a test's. */
export type Send = (mail: OutgoingMail) => Promise<void>;

class MailServerDownError extends Error {}

/** `digest.day-2026-03-09.<subscription>@papers.example.org`: the same for every attempt at one digest. */
export function digestMessageId(period: DigestPeriod, subscriptionId: string): string {
  const domain = env.DKIM_DOMAIN ?? new URL(siteUrl("/")).hostname;
  return `digest.${period.key.replace(":", "-")}.${subscriptionId}@${domain}`;
}

function listHeaders(period: DigestPeriod, subscriptionId: string): Record<string, string> {
  const host = new URL(siteUrl("/")).hostname;
  return {
    "List-Id": `Daily Papers ${period.frequency} digest <${period.frequency}.digest.${host}>`,
    "List-Unsubscribe": `<${unsubscribeUrl(subscriptionId)}>`,
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  };
}

/** Runs `work` over `items`, `limit` at a time; stops taking new items once one throws, and throws that. */
async function eachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== null) throw failure;
}

const elapsed = (since: number) => performance.now() - since;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Which subscribers still need this period's digest: none delivered, claimed or given up on. */
function stillDue(recipients: Subscription[], deliveries: Map<string, { status: string; attempts: number }>): Subscription[] {
  return recipients.filter((r) => {
    const d = deliveries.get(r.id);
    return !d || (d.status === "failed" && d.attempts < MAX_ATTEMPTS);
  });
}

async function sendPeriod(
  db: Db,
  period: DigestPeriod,
  { send, onProgress }: { send: Send; onProgress: (r: DigestPeriodResult) => Promise<void> },
): Promise<{ result: DigestPeriodResult; error: string | null }> {
  const started = performance.now();
  const recipients = await listRecipients(db, { frequencies: [period.frequency] });
  const due = stillDue(recipients, await deliveriesOf(db, { period: period.key }));
  const follows = await followsOfUsers(db, { userIds: [...new Set(due.flatMap((r) => (r.userId ? [r.userId] : [])))] });
  const topics = new Map<string, Follow>();
  for (const list of follows.values()) for (const f of list) topics.set(topicKey(f), f);

  const planned = performance.now();
  const plan: DigestPlan = await planDigest(db, { period, topics: [...topics.values()] });
  const result: DigestPeriodResult = {
    frequency: period.frequency,
    period: period.key,
    subscribers: recipients.length,
    topics: topics.size,
    sent: 0,
    skipped: recipients.length - due.length,
    failed: 0,
    timings: { topicsMs: elapsed(planned), composeMs: 0, sendMs: 0, totalMs: 0 },
  };
  const planIds = [...plan.papers.keys()];
  let failuresInARow = 0;

  const finish = (error: string | null) => {
    result.timings.totalMs = elapsed(started);
    return { result, error };
  };
  for (let i = 0; i < due.length; i += BATCH) {
    const batch = due.slice(i, i + BATCH);
    const sent = await sentPapers(db, { paperIds: planIds, subscriptionIds: batch.map((r) => r.id) });
    const work = eachLimited(batch, CONCURRENCY, async (subscription) => {
      const composing = performance.now();
      const digest = composeDigest(plan, {
        follows: subscription.userId ? (follows.get(subscription.userId) ?? []) : [],
        sent: sent.get(subscription.id) ?? new Set(),
      });
      if (!digest) {
        result.skipped += 1;
        return;
      }
      const messageId = digestMessageId(period, subscription.id);
      // Another run (or an earlier attempt of this one's) holds it: it is theirs to send.
      if (!(await claimDelivery(db, { subscriptionId: subscription.id, period: period.key, messageId, maxAttempts: MAX_ATTEMPTS }))) {
        result.skipped += 1;
        return;
      }
      let sending = 0;
      try {
        const rendered = await renderDigest(plan, digest, { subscription, unsubscribeUrl: unsubscribeUrl(subscription.id) });
        result.timings.composeMs += elapsed(composing);
        sending = performance.now();
        await send({ to: subscription.email, subject: rendered.subject, html: rendered.html, text: rendered.text, messageId, headers: listHeaders(period, subscription.id) });
        result.timings.sendMs += elapsed(sending);
      } catch (error) {
        if (sending) result.timings.sendMs += elapsed(sending);
        result.failed += 1;
        await markDeliveryFailed(db, { subscriptionId: subscription.id, period: period.key, error: message(error) });
        if (++failuresInARow >= FAILURES_IN_A_ROW) {
          throw new MailServerDownError(`stopped after ${FAILURES_IN_A_ROW} refused messages in a row, the last: ${message(error)}`);
        }
        return;
      }
      failuresInARow = 0;
      result.sent += 1;
      await markDeliverySent(db, { subscriptionId: subscription.id, period: period.key, paperIds: digest.paperIds });
    });
    try {
      await work;
    } catch (error) {
      if (error instanceof MailServerDownError) return finish(error.message);
      throw error;
    }
    await onProgress(result);
  }
  return finish(null);
}

const total = (periods: DigestPeriodResult[], key: "sent" | "skipped" | "failed") => periods.reduce((n, p) => n + p[key], 0);

function summary(periods: DigestPeriodResult[]): DigestResult {
  const keys = periods.flatMap((p) => (p.period ? [p.period] : []));
  return { period: keys.length ? keys.join(" ") : null, periods, sent: total(periods, "sent"), skipped: total(periods, "skipped"), failed: total(periods, "failed") };
}

/** Sends the digests of the given frequencies that are due; `send` is the mail transport unless a test gives its own. */
export async function sendDigests(
  db: Db,
  { frequencies, today = todayUtc() }: DigestParams,
  { send = sendMail, progress = async () => {} }: { send?: Send; progress?: (result: DigestResult) => Promise<void> } = {},
): Promise<{ result: DigestResult; error: string | null }> {
  const latestDay = await getLatestListedDay(db);
  const done: DigestPeriodResult[] = [];
  for (const frequency of DIGEST_FREQUENCIES.filter((f) => frequencies.includes(f))) {
    const period = digestPeriod(frequency, { latestDay, today });
    if (!period) {
      done.push({ frequency, period: null, subscribers: 0, topics: 0, sent: 0, skipped: 0, failed: 0, timings: { topicsMs: 0, composeMs: 0, sendMs: 0, totalMs: 0 } });
      continue;
    }
    const { result, error } = await sendPeriod(db, period, { send, onProgress: (r) => progress(summary([...done, r])) });
    done.push(result);
    if (error) return { result: summary(done), error };
  }
  return { result: summary(done), error: null };
}

export const digestJob: Job<DigestParams, DigestResult> = {
  name: "digest",
  lock: "digest",
  recordParams: ({ frequencies, today }) => ({ frequencies, ...(today ? { today } : {}) }),
  async run(params, { db, progress }) {
    if (!env.SMTP_URL) throw new Error("SMTP_URL is not set: digests cannot be sent.");
    const { result, error } = await sendDigests(db, params, { progress });
    const status = error || (result.failed > 0 && result.sent === 0) ? "failed" : result.failed > 0 ? "partial" : "succeeded";
    return { status, result, error: error ?? (result.failed > 0 ? `${result.failed} messages were refused; later runs retry them` : null) };
  },
};
