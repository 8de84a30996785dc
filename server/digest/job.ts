/**
 * Exactly once per subscriber and period: a delivery row keyed (subscriber, period) is claimed in one statement before sending
 * and marked sent after; a run that dies leaves the rest for the next, and a refused message is retried by later runs up to
 * MAX_ATTEMPTS under the same Message-ID.
 */
import "server-only";
import type { Db } from "@/db";
import { claimDeliveries, deliveriesOf, markDeliveryFailed, markDeliverySent, sentPapers } from "@/db/queries/digests";
import { followsOfUsers } from "@/db/queries/follows";
import { getLatestListedDay } from "@/db/queries/papers";
import { listRecipients } from "@/db/queries/subscriptions";
import type { Follow, Subscription } from "@/db/schema";
import { todayUtc } from "@/lib/dates";
import { countOf } from "@/lib/display";
import { DIGEST_FREQUENCIES, digestPeriod, type DigestFrequency, type DigestPeriod } from "@/lib/digest";
import { env } from "@/lib/env";
import { topicKey } from "@/lib/follows";
import { siteUrl } from "@/lib/site-url";
import { sendMail, type OutgoingMail } from "@/server/email/mailer";
import type { Job } from "@/server/jobs/job";
import { unsubscribeUrl } from "@/server/subscriptions";
import { composeDigest, digestRenderer, planDigest, type DigestPlan } from "./compose";

export const MAX_ATTEMPTS = 3;
/** Messages composed and sent at once (the SMTP pool has a few connections). */
const CONCURRENCY = 8;
const BATCH = 500;
/** Sends failing this many times in a row stop the run: the mail server is down, and later runs should not use up attempts. */
const FAILURES_IN_A_ROW = 20;

export interface DigestParams {
  frequencies: DigestFrequency[];
  today?: string;
}

export interface DigestTimings {
  topicsMs: number;
  composeMs: number;
  sendMs: number;
  totalMs: number;
}

export interface DigestPeriodResult {
  frequency: DigestFrequency;
  period: string | null;
  subscribers: number;
  topics: number;
  sent: number;
  skipped: number;
  failed: number;
  distinctDigests: number;
  timings: DigestTimings;
}

export interface DigestResult extends Record<string, unknown> {
  period: string | null;
  periods: DigestPeriodResult[];
  sent: number;
  skipped: number;
  failed: number;
}

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

const elapsed = (since: number) => performance.now() - since;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

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
    distinctDigests: 0,
    timings: { topicsMs: elapsed(planned), composeMs: 0, sendMs: 0, totalMs: 0 },
  };
  const planIds = [...plan.papers.keys()];
  const renderer = digestRenderer(plan, period.frequency);
  let failuresInARow = 0;

  const finish = (error: string | null) => {
    result.timings.totalMs = elapsed(started);
    result.distinctDigests = renderer.distinct;
    return { result, error };
  };
  // Composing runs one message at a time here; sending waits on the mail server, CONCURRENCY at once.
  const inFlight = new Set<Promise<void>>();
  let stopped: MailServerDownError | null = null;
  const waitForSlot = async (slots: number) => {
    const waiting = performance.now();
    while (inFlight.size > slots) await Promise.race(inFlight);
    result.timings.sendMs += elapsed(waiting);
  };
  const deliver = async (subscription: Subscription, digest: { paperIds: string[] }, mail: OutgoingMail) => {
    try {
      await send(mail);
    } catch (error) {
      result.failed += 1;
      await markDeliveryFailed(db, { subscriptionId: subscription.id, period: period.key, error: message(error) });
      if (++failuresInARow >= FAILURES_IN_A_ROW) {
        stopped ??= new MailServerDownError(`stopped after ${FAILURES_IN_A_ROW} failed messages in a row, the last: ${message(error)}`);
      }
      return;
    }
    failuresInARow = 0;
    result.sent += 1;
    await markDeliverySent(db, { subscriptionId: subscription.id, period: period.key, paperIds: digest.paperIds });
  };

  for (let i = 0; i < due.length && !stopped; i += BATCH) {
    const batch = due.slice(i, i + BATCH);
    const sent = await sentPapers(db, { paperIds: planIds, subscriptionIds: batch.map((r) => r.id) });
    for (let g = 0; g < batch.length && !stopped; g += CONCURRENCY) {
      const composed = batch.slice(g, g + CONCURRENCY).flatMap((subscription) => {
        const digest = composeDigest(plan, {
          follows: subscription.userId ? (follows.get(subscription.userId) ?? []) : [],
          sent: sent.get(subscription.id) ?? new Set(),
        });
        if (!digest) result.skipped += 1;
        return digest ? [{ subscription, digest, messageId: digestMessageId(period, subscription.id) }] : [];
      });
      const won = await claimDeliveries(db, {
        period: period.key,
        claims: composed.map(({ subscription, messageId }) => ({ subscriptionId: subscription.id, messageId })),
        maxAttempts: MAX_ATTEMPTS,
      });
      for (const { subscription, digest, messageId } of composed) {
        if (!won.has(subscription.id)) {
          result.skipped += 1;
          continue;
        }
        if (stopped) {
          await markDeliveryFailed(db, { subscriptionId: subscription.id, period: period.key, error: "not sent: the run stopped" });
          continue;
        }
        const composing = performance.now();
        let mail: OutgoingMail;
        try {
          const rendered = await renderer.render(digest, unsubscribeUrl(subscription.id));
          mail = {
            to: subscription.email,
            subject: rendered.subject,
            html: rendered.html,
            text: rendered.text,
            messageId,
            headers: listHeaders(period, subscription.id),
          };
        } catch (error) {
          // A digest that cannot be rendered is a bug: recorded, retried by a later (fixed) run, and nobody else waits.
          result.failed += 1;
          await markDeliveryFailed(db, {
            subscriptionId: subscription.id,
            period: period.key,
            error: `could not render: ${message(error)}`,
          });
          continue;
        } finally {
          result.timings.composeMs += elapsed(composing);
        }
        const task: Promise<void> = deliver(subscription, digest, mail).finally(() => inFlight.delete(task));
        inFlight.add(task);
        await waitForSlot(CONCURRENCY - 1);
      }
    }
    await onProgress(result);
  }
  await waitForSlot(0);
  if (stopped) return finish((stopped as MailServerDownError).message);
  return finish(null);
}

const total = (periods: DigestPeriodResult[], key: "sent" | "skipped" | "failed") => periods.reduce((n, p) => n + p[key], 0);

function summary(periods: DigestPeriodResult[]): DigestResult {
  const keys = periods.flatMap((p) => (p.period ? [p.period] : []));
  return {
    period: keys.length ? keys.join(" ") : null,
    periods,
    sent: total(periods, "sent"),
    skipped: total(periods, "skipped"),
    failed: total(periods, "failed"),
  };
}

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
      done.push({
        frequency,
        period: null,
        subscribers: 0,
        topics: 0,
        sent: 0,
        skipped: 0,
        failed: 0,
        distinctDigests: 0,
        timings: { topicsMs: 0, composeMs: 0, sendMs: 0, totalMs: 0 },
      });
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
    return {
      status,
      result,
      error:
        error ?? (result.failed > 0 ? `${countOf(result.failed, "message was", "messages were")} not sent; later runs retry them` : null),
    };
  },
};
